package platforms

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android"
	"github.com/permaudit/permaudit/platforms/archive"
	"github.com/permaudit/permaudit/platforms/archive/ziptest"
	"github.com/permaudit/permaudit/platforms/harmony"
	"github.com/permaudit/permaudit/platforms/internal/fixture"
	"github.com/permaudit/permaudit/platforms/ios"
	"github.com/permaudit/permaudit/platforms/ios/iostest"
)

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..")
}

// corpusDir finds the shared real-world corpus, or skips.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PERMAUDIT_CORPUS")
	if dir == "" {
		dir = filepath.Join(repoRoot(), "..", "shared", "corpus")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus not present at %s", dir)
	}
	return dir
}

// TestDetectCorpusKinds checks that detection by content puts every real
// file in the kind its folder says, and that each is read or refused with
// a reason.
func TestDetectCorpusKinds(t *testing.T) {
	root := corpusDir(t)
	want := map[string][]string{
		"android/manifest":     {"android-manifest"},
		"android/apk":          {"apk"},
		"android/aab":          {"aab"},
		"ios/plist":            {"info-plist"},
		"ios/xcprivacy":        {"privacy-manifest"},
		"ios/entitlements":     {"entitlements"},
		"ios/ipa":              {"ipa"},
		"harmony/module-json5": {"module-json5", "module-json", "config-json"},
		"harmony/hap":          {"hap", "hsp", "app"},
	}
	// Files the corpus README documents as not what their folder suggests.
	refused := map[string]bool{
		"androguard__tests_data_APK_multidex.apk":                          true, // no AndroidManifest.xml
		"openharmony-developtools_hapsigner__tools_test_app1-unsigned.hap": true, // only profile.json
	}
	for dir, kinds := range want {
		entries, err := os.ReadDir(filepath.Join(root, dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			path := filepath.Join(root, dir, e.Name())
			d, err := Read(path, false)
			if refused[e.Name()] {
				if err == nil {
					t.Errorf("%s: read, but the corpus documents it as unreadable", e.Name())
				}
				continue
			}
			if err != nil {
				t.Errorf("%s: %v", e.Name(), err)
				continue
			}
			ok := false
			for _, k := range kinds {
				ok = ok || d.Artifact.Kind == k
			}
			if !ok {
				t.Errorf("%s: kind %q, want one of %v", e.Name(), d.Artifact.Kind, kinds)
			}
		}
	}
}

// TestDetectByContentNotName renames inputs and expects the same kind.
func TestDetectByContentNotName(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"testdata/cases/android/compliant.xml":                         "android-manifest",
		"testdata/examples/im-app/ios/Runner/Info.plist":               "info-plist",
		"testdata/examples/im-app/harmony/entry/src/main/module.json5": "module-json5",
	}
	for src, kind := range cases {
		data, err := os.ReadFile(filepath.Join(repoRoot(), src))
		if err != nil {
			t.Fatal(err)
		}
		renamed := filepath.Join(dir, strings.ReplaceAll(filepath.Base(src), ".", "_")+".bin")
		if err := os.WriteFile(renamed, data, 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := Read(renamed, true)
		if err != nil {
			t.Errorf("%s renamed: %v", src, err)
			continue
		}
		if d.Artifact.Kind != kind || len(d.Artifact.SHA256) != 64 {
			t.Errorf("%s renamed: kind %q sha %q, want %q", src, d.Artifact.Kind, d.Artifact.SHA256, kind)
		}
	}
}

// TestRenamedPackage: an APK named .ipa is still read as an APK.
func TestRenamedPackage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "release.ipa")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := fixture.WritePaddedAPK(f, 1024); err != nil {
		t.Fatal(err)
	}
	f.Close()
	d, err := Read(path, true)
	if err != nil || d.Artifact.Kind != "apk" || d.Platform != audit.Android || len(d.Permissions) == 0 {
		t.Fatalf("got %s/%s with %d permissions, %v", d.Platform, d.Artifact.Kind, len(d.Permissions), err)
	}
}

func TestReadRefusesUnknownContent(t *testing.T) {
	dir := t.TempDir()
	tests := map[string][]byte{
		"random.bin":  []byte("\x00\x01\x02 not anything"),
		"empty.xml":   nil,
		"other.xml":   []byte(`<?xml version="1.0"?><resources><string name="a">b</string></resources>`),
		"broken.apk":  []byte("PK\x03\x04 truncated"),
		"readme.json": []byte(`{"name": "x"}`),
	}
	for name, data := range tests {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Read(path, false); err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
}

func TestWalkSkipsAndExcludes(t *testing.T) {
	dir := t.TempDir()
	manifest, err := os.ReadFile(filepath.Join(repoRoot(), "testdata/cases/android/compliant.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"app/src/main/AndroidManifest.xml", "build/intermediates/AndroidManifest.xml",
		"node_modules/lib/AndroidManifest.xml", "samples/demo/AndroidManifest.xml", "app/notes.txt"} {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, manifest, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "app/notes.txt"), []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		opts WalkOptions
		want int
	}{
		{WalkOptions{}, 2},
		{WalkOptions{IncludeAll: true}, 4},
		{WalkOptions{Exclude: []string{"samples/**"}}, 1},
		{WalkOptions{Exclude: []string{"samples"}}, 1},
	}
	for _, tt := range tests {
		found := scanAll(dir, tt.opts)
		if len(found) != tt.want {
			t.Errorf("%+v: found %d, want %d: %v", tt.opts, len(found), tt.want, found)
		}
	}
}

// TestEveryPlatformHasCatalogAndFixtures is the convention that keeps a
// new platform from landing half-done.
func TestEveryPlatformHasCatalogAndFixtures(t *testing.T) {
	cs, err := audit.BuiltinCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[audit.Platform]bool{}
	for _, f := range Formats {
		seen[f.Platform] = true
	}
	for p := range seen {
		if c := cs.ByPlatform[p]; c == nil || len(c.Entries) == 0 {
			t.Errorf("platform %s has formats but no catalog", p)
		}
	}
	for _, p := range audit.Platforms {
		if !seen[p] {
			t.Errorf("platform %s has no format in the registry", p)
		}
		dir := map[audit.Platform]string{audit.Android: "android", audit.IOS: "ios", audit.HarmonyOS: "harmony"}[p]
		if entries, _ := os.ReadDir(filepath.Join(repoRoot(), "testdata", "cases", dir)); len(entries) == 0 {
			t.Errorf("platform %s has no fixtures in testdata/cases/%s", p, dir)
		}
	}
}

// TestWalkReportsBrokenWellKnownFiles: a garbled Info.plist in a tree is
// an error to report, not a file to pass over.
func TestWalkReportsBrokenWellKnownFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Info.plist"), []byte("<plist><dict><key>x</key>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "other.plist"), []byte("<plist><dict><key>x</key>"), 0o644); err != nil {
		t.Fatal(err)
	}
	found := scanAll(dir, WalkOptions{})
	if len(found) != 1 || filepath.Base(found[0].Path) != "Info.plist" {
		t.Fatalf("found %+v", found)
	}
	if found[0].Err == nil {
		t.Error("garbled Info.plist read without error")
	}
}

// TestNoteRulesDocumented keeps every rule a parser can raise in the
// rule list that SARIF and the README are built from.
func TestNoteRulesDocumented(t *testing.T) {
	ids := []string{
		android.RulePrependedData, android.RuleAttributeInvalid, android.RulePermissionUnnamed,
		android.RuleDuplicateUsesSdk, android.RuleBinaryAnomaly, android.RuleEmbeddedPackage,
		android.RuleTextManifest, android.RuleDexUnread, android.RulePacked, android.RuleMergeConflict, audit.RuleProjectUnresolved,
		ios.RulePlistValueType, ios.RulePrivacyManifestInvalid, ios.RuleEntitlementsUnread,
		ios.RuleUnsigned, ios.RuleBundleUnread,
		harmony.RulePackInfoUnreadable, harmony.RulePermissionUnnamed, harmony.RuleReasonUnresolved,
		archive.RuleEntryOverlap, archive.RuleEntryOutOfRange, archive.RuleEntryNameMismatch, archive.RuleDuplicateEntry,
	}
	for _, id := range ids {
		if _, ok := audit.Rule(id); !ok {
			t.Errorf("parser rule %q is not in audit.Rules", id)
		}
	}
}

// TestWalkReportsBrokenPackages: in a tree, a file named like a package
// is read as one even without zip magic (Janus) and refused loudly when
// it is not one.
func TestWalkReportsBrokenPackages(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "app-release.apk"), []byte("not a zip at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data.bin"), []byte("not a zip at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	found := scanAll(dir, WalkOptions{})
	if len(found) != 2 || found[0].Err == nil || filepath.Base(found[0].Path) != "app-release.apk" || !errors.Is(found[1].Err, ErrNothingFound) {
		t.Fatalf("found %+v", found)
	}
}

// TestNoteSeveritiesMatchRules: a parser's note carries the severity the
// rule registry (and so the README and SARIF) documents for its rule.
func TestNoteSeveritiesMatchRules(t *testing.T) {
	inputs := []struct {
		name  string
		parse func() (audit.Declaration, error)
	}{
		{"privacy manifest, unknown key and invalid value", func() (audit.Declaration, error) {
			d, _, err := ios.ParsePrivacyManifest(iostest.XMLPlist(map[string]any{
				"NSPrivacyUnknownKey": true, "NSPrivacyTracking": "YES"}))
			return d, err
		}},
		{"module.json5, unnamed permission", func() (audit.Declaration, error) {
			return harmony.ParseModule([]byte("{module: {name: 'entry', requestPermissions: [{reason: 'why'}]}}"))
		}},
		{"manifest, unnamed permission and duplicate uses-sdk", func() (audit.Declaration, error) {
			return android.ParseManifestXML([]byte(`<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="p">
<uses-sdk android:minSdkVersion="21"/><uses-sdk android:minSdkVersion="23"/>
<uses-permission android:maxSdkVersion="x"/></manifest>`))
		}},
	}
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			d, err := in.parse()
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Notes) == 0 {
				t.Fatal("no notes: the input must raise some")
			}
			for _, n := range d.Notes {
				if rule, _ := audit.Rule(n.RuleID); n.Severity != rule.Severity {
					t.Errorf("%s emitted as %s, documented as %s", n.RuleID, n.Severity, rule.Severity)
				}
			}
		})
	}
}

// TestBrokenHAPNamesItsModuleJSON: a .hap whose module.json does not
// parse is reported by that entry's error, in a walk and named alone,
// while the same zip under another name is not claimed as a package.
func TestBrokenHAPNamesItsModuleJSON(t *testing.T) {
	dir := t.TempDir()
	broken := ziptest.Write(nil, ziptest.File{Name: "module.json", Data: []byte(`{"module": {"name": "entry",, }}`)})
	for _, name := range []string{"broken.hap", "other.zip"} {
		if err := os.WriteFile(filepath.Join(dir, name), broken, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Read(filepath.Join(dir, "broken.hap"), false)
	if err == nil || !strings.Contains(err.Error(), "module.json") || !strings.Contains(err.Error(), "JSON5") {
		t.Errorf("named alone: %v, want module.json's JSON5 error", err)
	}
	var got []string
	for in := range Scan([]string{dir}, ScanOptions{}) {
		got = append(got, filepath.Base(in.Path)+": "+fmt.Sprint(in.Err))
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "broken.hap: ") || !strings.Contains(got[0], "JSON5") {
		t.Errorf("walk found %v, want broken.hap's JSON5 error only", got)
	}
}
