package cli

import (
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit/golden"
	"github.com/permaudit/permaudit/platforms/sdktest"
)

// The draft for the APK that embeds the Easemob IM SDK and Xiaomi
// MiPush, byte for byte; its stderr notes the items that are not user
// data (the app's package name and version).
func TestSDKListPlayDataSafetyGolden(t *testing.T) {
	apk, _ := imPackages(t)
	code, out, errOut := runCLI("sdk-list", "--format", "play-data-safety", apk)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden.Check(t, "cli/sdk-list.play-data-safety.csv", []byte(out))
	for _, want := range []string{
		`permaudit: note: Easemob IM SDK: "The application package name, application version number, and installation path of the application" maps to no Play data type: `,
		`permaudit: note: Xiaomi MiPush: "Basic app info (app package name, version number and running status)" maps to no Play data type: `,
		"permaudit: note: left for you in the Console: Is all of the user data collected by your app encrypted in transit?; Which of the following methods of account creation does your app support? Select all that apply; ",
		"; Can users login to your app with accounts created outside of the app?; How are these accounts created?; Describe how these accounts are created\n",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

// A form describes one release of one Android app: the APK and the App
// Bundle of one app, two apps, or only an IPA exit 2 naming what was
// found, with nothing on stdout; an unreadable input beside the app
// still gives the draft, exit 3, saying it may be incomplete.
func TestSDKListPlayDataSafetyNeedsOneAndroidApp(t *testing.T) {
	apk, ipa := imPackages(t)
	aab := tempFile(t, "im-app.aab", sdktest.IMAppAAB())
	broken := tempFile(t, "broken.apk", []byte("PK\x03\x04 not really"))
	for _, tc := range []struct {
		name   string
		inputs []string
		code   int
		stderr []string
		csv    bool // a draft is written
	}{
		{"the App Bundle and its IPA", []string{aab, ipa}, 0,
			[]string{"im-app.ipa (iOS) is left out", "Firebase Cloud Messaging: the data it collects is not recorded"}, true},
		{"APK and App Bundle of one app", []string{apk, aab}, ExitUsage,
			[]string{"describes one release of one Android app, but the inputs hold 2 Android artifacts: com.example.chat in " + apk,
				"com.example.chat in " + aab}, false},
		{"two Android apps", []string{apk, "testdata/cases/android/compliant.xml"}, ExitUsage,
			[]string{"a Google Play Data safety form describes one release of one Android app, but the inputs hold 2 Android artifacts: com.example.chat in " + apk,
				"com.example.ok in testdata/cases/android/compliant.xml; run it once per artifact"}, false},
		{"an unreadable input beside the app", []string{apk, broken}, ExitInputError,
			[]string{"broken.apk", "permaudit: note: the draft may be incomplete: 1 input(s) could not be read (" + broken}, true},
		{"only an IPA", []string{ipa}, ExitUsage,
			[]string{"describes one Android app, and the inputs hold none (found: iOS com.example.chat in " + ipa + ")"}, false},
		{"the only Android input unreadable", []string{broken, ipa}, ExitInputError,
			[]string{"broken.apk", "describes one Android app, and the inputs hold none"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(append([]string{"sdk-list", "-f", "play-data-safety"}, tc.inputs...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, errOut)
			}
			for _, want := range tc.stderr {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			if !tc.csv && out != "" {
				t.Errorf("refused, yet wrote:\n%s", out)
			}
			if tc.csv && !strings.HasPrefix(out, "Question ID (machine readable),") {
				t.Errorf("no CSV:\n%s", out)
			}
		})
	}
}
