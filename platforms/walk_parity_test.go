package platforms

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/permaudit/permaudit/platforms/android/axmltest"
)

// TestWalkFindsWhatNamingFinds: a directory search reads every file that
// naming it on the command line reads — here a compiled manifest whose
// first chunk type is zero (Android reads it), under a name the walk does
// not know, and every file of the shared corpus.
func TestWalkFindsWhatNamingFinds(t *testing.T) {
	dir := t.TempDir()
	axml := axmltest.Encode(&axmltest.Node{Name: "manifest", Attrs: []axmltest.Attr{axmltest.Plain("package", "com.example.quirk")}}, axmltest.Options{})
	axml[0] = 0 // RES_XML_TYPE's low byte, zero as in shipped packages
	if err := os.WriteFile(filepath.Join(dir, "manifest.bin"), axml, 0o644); err != nil {
		t.Fatal(err)
	}
	if n := assertWalkParity(t, dir); n != 1 {
		t.Errorf("the walk read %d files of the generated directory, want the zero-type manifest", n)
	}
	if root := corpusRoot(); root != "" {
		for _, sub := range []string{"android/manifest", "android/manifest-axml", "android/apk", "android/aab",
			"ios/plist", "ios/xcprivacy", "ios/entitlements", "ios/ipa", "harmony/module-json5", "harmony/app-json5", "harmony/hap"} {
			assertWalkParity(t, filepath.Join(root, sub))
		}
	} else {
		t.Log("shared corpus absent: checked the generated manifest only")
	}
}

// assertWalkParity returns how many files the walk read.
func assertWalkParity(t *testing.T, dir string) int {
	t.Helper()
	walked := map[string]bool{}
	for _, in := range scanAll(dir, WalkOptions{IncludeAll: true}) {
		if in.Err == nil {
			walked[in.Path] = true
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if e.IsDir() || !e.Type().IsRegular() {
			continue
		}
		if _, err := Read(path, false); err == nil && !walked[path] {
			t.Errorf("%s: read when named, passed over by the walk", path)
		}
	}
	return len(walked)
}

// corpusRoot is the shared corpus, or "" when it is absent.
func corpusRoot() string {
	dir := os.Getenv("PERMAUDIT_CORPUS")
	if dir == "" {
		dir = filepath.Join(repoRoot(), "..", "shared", "corpus")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return ""
	}
	return dir
}
