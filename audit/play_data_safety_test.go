package audit

import (
	"errors"
	"strings"
	"testing"
)

func listedSDK(path string, p Platform, app, name, purpose string, uses ...DataItem) SDKListEntry {
	return SDKListEntry{Path: path, Platform: p, App: app, DetectedSDK: DetectedSDK{Name: name, Purpose: purpose}, DataUses: uses}
}

func use(item, purpose string) DataItem {
	return DataItem{Item: item, Purpose: purpose, Platforms: []Platform{Android}}
}

// A form describes one release of one Android app: one APK or App Bundle
// (whose modules are one artifact); two files, even of the same app (an
// APK and its bundle, an old and a new APK), two apps, or none, are
// refused with what was found.
func TestPlayDataSafetyNeedsOneAndroidApp(t *testing.T) {
	apk := ListedArtifact{Path: "chat.apk", Platform: Android, App: "com.example.chat"}
	for _, tc := range []struct {
		name      string
		artifacts []ListedArtifact
		wantErr   []string // substrings; none means accepted
	}{
		{"one APK", []ListedArtifact{apk}, nil},
		{"an App Bundle", []ListedArtifact{{Path: "chat.aab", Platform: Android, App: "com.example.chat"}}, nil},
		{"the APK and the App Bundle of one app", []ListedArtifact{apk, {Path: "chat.aab", Platform: Android, App: "com.example.chat"}},
			[]string{"one release", "inputs hold 2 Android artifacts", "com.example.chat in chat.apk", "com.example.chat in chat.aab"}},
		{"an old and a new APK of one app", []ListedArtifact{apk, {Path: "chat-1.1.apk", Platform: Android, App: "com.example.chat"}},
			[]string{"inputs hold 2 Android artifacts", "com.example.chat in chat-1.1.apk"}},
		{"an IPA beside the APK is left out", []ListedArtifact{apk, {Path: "chat.ipa", Platform: IOS, App: "com.example.chat"}}, nil},
		{"two apps", []ListedArtifact{apk, {Path: "shop.apk", Platform: Android, App: "com.example.shop"}},
			[]string{"inputs hold 2 Android artifacts", "com.example.chat in chat.apk", "com.example.shop in shop.apk", "once per artifact"}},
		{"an app without an id is another app", []ListedArtifact{apk, {Path: "AndroidManifest.xml", Platform: Android}},
			[]string{"inputs hold 2", "an app without an id in AndroidManifest.xml"}},
		{"only an IPA", []ListedArtifact{{Path: "chat.ipa", Platform: IOS, App: "com.example.chat"}},
			[]string{"describes one Android app, and the inputs hold none", "iOS com.example.chat in chat.ipa"}},
		{"nothing read", nil, []string{"the inputs hold none"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := PlayDataSafety(SDKListing{Artifacts: tc.artifacts})
			if len(tc.wantErr) == 0 {
				if err != nil || d.App.App != "com.example.chat" {
					t.Fatalf("refused (%v) or drafted %+v", err, d)
				}
				return
			}
			var one *OneAppError
			if !errors.As(err, &one) {
				t.Fatalf("err %v, want a OneAppError", err)
			}
			for _, s := range tc.wantErr {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("%q does not say %q", err, s)
				}
			}
		})
	}
}

// Types come out in the form's order with what gave them; purposes come
// from the item's purpose, else the SDK's, else the default; iOS SDKs
// are left out.
func TestPlayDataSafetyAnswersFromDataItems(t *testing.T) {
	l := SDKListing{
		Artifacts: []ListedArtifact{{Path: "a.apk", Platform: Android, App: "com.a"}, {Path: "a.ipa", Platform: IOS, App: "com.a"}},
		SDKs: []SDKListEntry{
			listedSDK("a.apk", Android, "com.a", "Push SDK", "Push notifications",
				use("GAID", "Generate a unique device ID"), use("Device model", "Analysis of devices")),
			listedSDK("a.apk", Android, "com.a", "Odd SDK", "Widgets", use("IP address", "Unstated")),
			listedSDK("a.ipa", IOS, "com.a", "iOS SDK", "Analytics", use("Email address", "Analytics")),
		},
	}
	d, err := PlayDataSafety(l)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range d.Collected {
		var ps []string
		for _, p := range c.Purposes {
			ps = append(ps, p.Purpose+"<"+p.Because[0].SDK+": "+p.Because[0].Item+" ("+p.Because[0].Why+")>")
		}
		got = append(got, c.Type+" from "+c.Because[0].SDK+": "+c.Because[0].Item+" for "+strings.Join(ps, ", "))
	}
	want := []string{
		"PSL_APPROX_LOCATION from Odd SDK: IP address for PSL_APP_FUNCTIONALITY<Odd SDK: IP address (no purpose recognised)>",
		"PSL_PERFORMANCE_DIAGNOSTICS from Push SDK: Device model for PSL_ANALYTICS<Push SDK: Device model (“Analysis of devices”)>",
		"PSL_DEVICE_ID from Push SDK: GAID for PSL_APP_FUNCTIONALITY<Push SDK: GAID (“Push notifications”, the SDK's purpose)>",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("collected\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(strings.Join(d.Notes, "\n"), "a.ipa (iOS) is left out") {
		t.Errorf("notes %q do not say the IPA is left out", d.Notes)
	}
}

// What the draft cannot answer becomes a note, never a silent gap: an
// SDK without recorded data items, an item no rule knows, an item that
// is not user data, and a draft with no type at all.
func TestPlayDataSafetyNotesWhatItLeavesOut(t *testing.T) {
	l := SDKListing{
		Artifacts: []ListedArtifact{{Path: "a.apk", Platform: Android, App: "com.a"}},
		SDKs: []SDKListEntry{
			{Path: "a.apk", Platform: Android, App: "com.a", DetectedSDK: DetectedSDK{Name: "Quiet SDK", Purpose: "Push", PrivacyPolicy: "https://example.com/privacy"}},
			listedSDK("a.apk", Android, "com.a", "Odd SDK", "Widgets", use("Favourite colour", "Theming"), use("App package name", "Licensing")),
		},
	}
	d, err := PlayDataSafety(l)
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(d.Notes, "\n")
	for _, want := range []string{
		"Quiet SDK: the data it collects is not recorded (no built-in policy lists its data items); add its data types by hand from its privacy statement https://example.com/privacy",
		`Odd SDK: no rule in policydata/privacy/play-data-types.json maps "Favourite colour" to a Play data type; decide it in the Console`,
		`Odd SDK: "App package name" maps to no Play data type: the app's own identity`,
		`"does your app collect or share user data" is left for you`,
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
	if len(d.Collected) != 0 {
		t.Errorf("collected %+v, want none", d.Collected)
	}
}
