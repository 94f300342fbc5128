package platforms

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerboseSkipsOfProjectFiles: a build script, lock file or resource
// of a project audited as its build is listed as part of that project,
// not as a file permaudit cannot read; other skip reasons, and files
// outside a project, keep theirs.
func TestVerboseSkipsOfProjectFiles(t *testing.T) {
	sdkApp := filepath.Join(repoRoot(), "testdata/projects/sdk-app")
	reasons := map[string]string{}
	opts := WalkOptions{Skipped: func(path, reason string) { reasons[path] = reason }, Exclude: []string{"Podfile.lock"}}
	scanAll(sdkApp, opts)
	tests := []struct {
		file, want string
	}{
		{"android/app/build.gradle", "part of the gradle project " + filepath.Join(sdkApp, "android")},
		{"android/gradle/libs.versions.toml", "part of the gradle project " + filepath.Join(sdkApp, "android")},
		{"ios/Chat.xcworkspace/xcshareddata/swiftpm/Package.resolved", "part of the xcode project " + filepath.Join(sdkApp, "ios")},
		{"harmony/entry/oh-package.json5", "part of the hvigor project " + filepath.Join(sdkApp, "harmony")},
		{"harmony/AppScope/app.json5", "read with its modules"},
		{"ios/Podfile.lock", "excluded by Podfile.lock"},
	}
	// Outside any project a file permaudit does not read is still named so.
	lone := t.TempDir()
	readme := filepath.Join(lone, "README.md")
	if err := os.WriteFile(readme, []byte("# notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A manifest copied into build/ is named as such; the rest of build/
	// (thousands of intermediates) is not listed one by one.
	copied := filepath.Join(lone, "build", "intermediates", "AndroidManifest.xml")
	other := filepath.Join(lone, "build", "intermediates", "R.txt")
	if err := os.MkdirAll(filepath.Dir(copied), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{copied, other} {
		if err := os.WriteFile(f, []byte("<manifest/>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	scanAll(lone, opts)
	if got := reasons[readme]; !strings.Contains(got, ErrUnrecognised.Error()) {
		t.Errorf("README.md outside a project: skip reason %q", got)
	}
	if got := reasons[copied]; !strings.Contains(got, "build directory") {
		t.Errorf("manifest in build/: skip reason %q", got)
	}
	if got, listed := reasons[other]; listed {
		t.Errorf("an intermediate file in build/ is listed: %q", got)
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			got, ok := reasons[filepath.Join(sdkApp, filepath.FromSlash(tc.file))]
			if !ok || !strings.Contains(got, tc.want) {
				t.Errorf("skip reason %q (listed %v), want one containing %q", got, ok, tc.want)
			}
			if strings.Contains(got, ErrUnrecognised.Error()) {
				t.Errorf("a project's file is called unreadable: %q", got)
			}
		})
	}
}
