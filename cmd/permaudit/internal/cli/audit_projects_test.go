package cli

import (
	"strings"
	"testing"
)

// TestAuditProjectMode runs the React Native fixture as a user would:
// one app per platform, the release build, every guess in view.
func TestAuditProjectMode(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		code      int
		stdout    []string
		notStdout []string
	}{
		{"release build of the app module", []string{"audit", "--fail-on", "never", "testdata/projects/rn-app"}, 0,
			[]string{"testdata/projects/rn-app/android/app (gradle-project, android) com.example.rnchat 3.1.0 min 24 target 34",
				"Built as release; modules :app (application), :camera-lib (library)",
				"│ :camera-lib main ", "camera-lib/src/main/AndroidManifest.xml line",
				"autolinkLibrariesFromCommand adds plugin"},
			[]string{"SYSTEM_ALERT_WINDOW", "android/camera-lib/src/main/AndroidManifest.xml (android-manifest", "(info-plist", "(module-json5"}},
		{"one app per platform", []string{"audit", "--fail-on", "never", "testdata/projects/rn-app"}, 0,
			[]string{"testdata/projects/rn-app/ios/RnChat.xcodeproj (xcode-project, ios) com.example.RnChat 3.1.0 min 15.1",
				"Built as Release; modules RnChat (application), NotificationService (app-extension)",
				"testdata/projects/rn-app/harmony (hvigor-project, harmonyos) com.example.rnchat 3.1.0 min 12 target 12",
				"App: RnChat (React Native), one app with the other platforms under testdata/projects/rn-app",
				"cross-platform-inconsistent", "location is declared for iOS",
				"3 artifact(s)"}, nil},
		{"Debug configuration", []string{"audit", "--fail-on", "never", "--configuration", "Debug", "testdata/projects/rn-app/ios"}, 0,
			[]string{"com.example.RnChat.debug"}, nil},
		{"debug variant brings the debug-only permission", []string{"audit", "--fail-on", "never", "--variant", "debug", "testdata/projects/rn-app"}, 0,
			[]string{"Built as debug; modules :app (application), :camera-lib (library), :analytics (library)", "ACCESS_FINE_LOCATION"}, nil},
		{"level override is shown", []string{"audit", "--fail-on", "never", "--target-level", "android=30", "testdata/projects/rn-app"}, 0,
			[]string{"min 24 target 30", "Levels given on the command line: target 30 (the input says 34)"}, nil},
		{"unknown variant is an unreadable project", []string{"audit", "--variant", "staging", "testdata/projects/rn-app"}, 3,
			[]string{`no build variant "staging"`}, nil},
		{"malformed level override", []string{"audit", "--min-level", "24", "testdata/projects/rn-app"}, 2, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, tt.code, stdout, stderr)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			for _, s := range tt.notStdout {
				if strings.Contains(stdout, s) {
					t.Errorf("stdout has %q:\n%s", s, stdout)
				}
			}
		})
	}
}

// TestAuditDotAtProjectRoot is the "permaudit audit ." at the
// root of a React Native app: one app per platform, grouped.
func TestAuditDotAtProjectRoot(t *testing.T) {
	t.Chdir("testdata/projects/rn-app")
	code, stdout, stderr := runCLI("audit", "--fail-on", "never", ".")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, s := range []string{"== android/app (gradle-project", "== ios/RnChat.xcodeproj (xcode-project", "== harmony (hvigor-project",
		"App: RnChat (React Native), one app with the other platforms under .", "3 artifact(s)"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, stdout)
		}
	}
}
