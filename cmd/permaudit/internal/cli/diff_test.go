package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit/golden"
	"github.com/permaudit/permaudit/platforms/android/axmltest"
)

// imManifest is the example app's source manifest: the OLD build of the
// scenarios below.
const imManifest = "testdata/examples/im-app/android/app/src/main/AndroidManifest.xml"

// imRelease lists what the release APK built from imManifest declares
// once the manifest merger ran ("NAME" or "NAME@maxSdkVersion").
var imRelease = []string{
	"INTERNET", "ACCESS_NETWORK_STATE", "ACCESS_WIFI_STATE", "CHANGE_WIFI_STATE",
	"READ_EXTERNAL_STORAGE@32", "WRITE_EXTERNAL_STORAGE@29", "READ_MEDIA_IMAGES", "READ_MEDIA_VIDEO",
	"CAMERA", "RECORD_AUDIO", "ACCESS_COARSE_LOCATION",
}

// writeAPK writes an APK whose compiled manifest declares perms, as
// the build of package pkg, and returns its path.
func writeAPK(t *testing.T, dir, name, pkg string, perms ...string) string {
	t.Helper()
	root := &axmltest.Node{Name: "manifest", Line: 1, Attrs: []axmltest.Attr{
		axmltest.AInt("versionCode", 43), axmltest.A("versionName", "3.2.0"), axmltest.Plain("package", pkg)},
		Children: []*axmltest.Node{{Name: "uses-sdk", Line: 2, Attrs: []axmltest.Attr{
			axmltest.AInt("minSdkVersion", 24), axmltest.AInt("targetSdkVersion", 34)}}}}
	for i, p := range perms {
		attrs := []axmltest.Attr{}
		name, max, limited := strings.Cut(p, "@")
		attrs = append(attrs, axmltest.A("name", "android.permission."+name))
		if limited {
			n := 0
			for _, c := range max {
				n = n*10 + int(c-'0')
			}
			attrs = append(attrs, axmltest.AInt("maxSdkVersion", int32(n)))
		}
		root.Children = append(root.Children, &axmltest.Node{Name: "uses-permission", Line: i + 3, Attrs: attrs})
	}
	root.Children = append(root.Children, &axmltest.Node{Name: "application", Line: len(perms) + 3})
	path := filepath.Join(dir, name)
	// Stored entries keep the file's size (in the JSON golden) independent of the deflater.
	data := axmltest.Zip(nil, axmltest.File{Name: "AndroidManifest.xml", Data: axmltest.Encode(root, axmltest.Options{}), Store: true},
		axmltest.File{Name: "classes.dex", Data: []byte("dex\n035\x00"), Store: true})
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDiffLibraryAddsBackgroundLocation: the source manifest against the
// release APK, into which a location library merged
// ACCESS_BACKGROUND_LOCATION. Each gate decides differently: the policy
// allows location, so only "any" and "dangerous" fail.
func TestDiffLibraryAddsBackgroundLocation(t *testing.T) {
	dir := t.TempDir()
	bg := writeAPK(t, dir, "app-release.apk", "com.example.chat", append(imRelease, "ACCESS_BACKGROUND_LOCATION")...)
	contacts := writeAPK(t, dir, "app-contacts.apk", "com.example.chat", append(imRelease, "READ_CONTACTS")...)
	same := writeAPK(t, dir, "app-same.apk", "com.example.chat", imRelease...)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
	}{
		{"default gate never fails", []string{imManifest, bg}, 0,
			[]string{"ADDED !", "android.permission.ACCESS_BACKGROUND_LOCATION", "dangerous", "Gate: never fails"}},
		{"any", []string{"--fail-on-added", "any", imManifest, bg}, 1,
			[]string{"FAILED by android: android.permission.ACCESS_BACKGROUND_LOCATION"}},
		{"dangerous", []string{"--fail-on-added", "dangerous", imManifest, bg}, 1, []string{"FAILED"}},
		{"policy allows location", []string{"--fail-on-added", "policy", imManifest, bg}, 0,
			[]string{"Gate (fail on added policy): passed"}},
		{"policy refuses contacts", []string{"--fail-on-added", "policy", imManifest, contacts}, 1,
			[]string{"READ_CONTACTS", "beyond-policy", "Category gained contacts (READ_CONTACTS)", "FAILED by android: android.permission.READ_CONTACTS"}},
		{"a data-only policy judges no permission, and the diff says so", []string{"--fail-on-added", "policy", "--policy", "xiaomi-mipush", imManifest, contacts}, 0,
			[]string{"READ_CONTACTS", "xiaomi-mipush has no permission row for Android", "Gate (fail on added policy): passed"}},
		{"source and its APK agree", []string{"--fail-on-added", "any", imManifest, same}, 0,
			[]string{"No permission added, removed or changed.", "11 permission(s) unchanged."}},
		{"reversed: the permission is removed and the gate passes", []string{"--fail-on-added", "any", bg, imManifest}, 0,
			[]string{"removed", "0 added (0 sensitive), 1 removed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(append([]string{"diff", "--no-digest"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errs)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
		})
	}
}

// TestDiffRefusals: two different apps are exit 2 with a message that
// names both and no --help hint; an unreadable side is exit 3.
func TestDiffRefusals(t *testing.T) {
	dir := t.TempDir()
	other := writeAPK(t, dir, "other.apk", "com.example.other", "INTERNET")
	broken := filepath.Join(dir, "broken.apk")
	if err := os.WriteFile(broken, []byte("PK\x03\x04 truncated"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr []string
	}{
		{"another app id", []string{imManifest, other}, 2,
			[]string{"OLD is Android app com.example.chat but NEW is Android app com.example.other"}},
		{"another platform", []string{imManifest, "testdata/examples/im-app/ios/Runner/Info.plist"}, 2,
			[]string{"OLD is Android app com.example.chat but NEW is iOS"}},
		{"a directory of several apps", []string{"testdata/cases/android", imManifest}, 2,
			[]string{"OLD testdata/cases/android holds more than one Android app or module", "--exclude"}},
		{"missing NEW", []string{imManifest, filepath.Join(dir, "nope.apk")}, 3, []string{"nope.apk"}},
		{"broken OLD", []string{broken, imManifest}, 3, []string{"permaudit: " + broken}},
		{"one path", []string{imManifest}, 2, []string{"diff needs two paths"}},
		{"bad gate", []string{"--fail-on-added", "sometimes", imManifest, imManifest}, 2, []string{"--fail-on-added"}},
		{"bad format", []string{"--format", "sarif", imManifest, imManifest}, 2, []string{`unsupported diff format "sarif"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(append([]string{"diff"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errs)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errs)
				}
			}
			if tt.code != 2 || strings.HasPrefix(tt.name, "another") || strings.HasPrefix(tt.name, "a directory") {
				if strings.Contains(errs, "--help") {
					t.Errorf("not a usage mistake, yet stderr points at --help:\n%s", errs)
				}
			}
		})
	}
}

// TestDiffDirectories: a directory is one app per platform; the example
// app's three platforms are each compared with themselves.
func TestDiffDirectories(t *testing.T) {
	code, out, errs := runCLI("diff", "--no-digest", "--fail-on-added", "any", "testdata/examples/im-app", "testdata/examples/im-app")
	if code != 0 {
		t.Fatalf("exit code = %d\n%s", code, errs)
	}
	for _, s := range []string{"== Android com.example.chat", "== iOS $(PRODUCT_BUNDLE_IDENTIFIER)", "== HarmonyOS com.example.chat", "0 added"} {
		if !strings.Contains(out, s) {
			t.Errorf("stdout lacks %q:\n%s", s, out)
		}
	}
	// A directory against a package: the platform they share is compared.
	apk := writeAPK(t, t.TempDir(), "app.apk", "com.example.chat", imRelease...)
	code, out, errs = runCLI("diff", "--no-digest", "testdata/examples/im-app", apk)
	if code != 0 || !strings.Contains(out, "Only in OLD, not compared: iOS") || !strings.Contains(out, "Only in OLD, not compared: HarmonyOS") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
}

// TestDiffGolden pins the three formats on a release where a location
// library added ACCESS_BACKGROUND_LOCATION, voice messages were dropped
// (RECORD_AUDIO) and a dependency lost WRITE_EXTERNAL_STORAGE's
// maxSdkVersion; the temporary directory is redacted.
func TestDiffGolden(t *testing.T) {
	dir := t.TempDir()
	bg := writeAPK(t, dir, "app-release.apk", "com.example.chat",
		"INTERNET", "ACCESS_NETWORK_STATE", "ACCESS_WIFI_STATE", "CHANGE_WIFI_STATE",
		"READ_EXTERNAL_STORAGE@32", "WRITE_EXTERNAL_STORAGE", "READ_MEDIA_IMAGES", "READ_MEDIA_VIDEO",
		"CAMERA", "ACCESS_COARSE_LOCATION", "ACCESS_BACKGROUND_LOCATION")
	for _, format := range []string{"table", "json", "markdown"} {
		t.Run(format, func(t *testing.T) {
			code, out, errs := runCLI("diff", "--no-digest", "--fail-on-added", "dangerous", "--format", format, imManifest, bg)
			if code != 1 {
				t.Errorf("exit code = %d, want 1\n%s", code, errs)
			}
			out = strings.ReplaceAll(out, dir, "$TMP")
			golden.Check(t, "cli/diff."+format, []byte(out))
		})
	}
}
