package platforms

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// scanAll collects everything Scan yields for one directory.
func scanAll(dir string, opts WalkOptions) []audit.Input {
	var out []audit.Input
	for in := range Scan([]string{dir}, ScanOptions{WalkOptions: opts}) {
		out = append(out, in)
	}
	return out
}

// TestScan: each input once, parsed from the walk's own probe, in
// argument order; missing paths and empty directories are input errors.
func TestScan(t *testing.T) {
	root := repoRoot()
	compliant := filepath.Join(root, "testdata/cases/android/compliant.xml")
	dir := t.TempDir()
	data, err := os.ReadFile(compliant)
	if err != nil {
		t.Fatal(err)
	}
	inDir := filepath.Join(dir, "app", "AndroidManifest.xml")
	if err := os.MkdirAll(filepath.Dir(inDir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(inDir, data, 0o644); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	missing := filepath.Join(dir, "nope.xml")
	var got []audit.Input
	for in := range Scan([]string{compliant, dir, inDir, missing, empty}, ScanOptions{Digest: true}) {
		got = append(got, in)
	}
	if len(got) != 4 {
		t.Fatalf("got %d inputs, want 4 (the file in dir once): %+v", len(got), got)
	}
	for i, want := range []string{compliant, inDir, missing, empty} {
		if got[i].Path != want {
			t.Errorf("input %d is %s, want %s", i, got[i].Path, want)
		}
	}
	for _, in := range got[:2] {
		if in.Err != nil || in.Declaration.App.ID != "com.example.ok" || in.Declaration.Artifact.SHA256 == "" {
			t.Errorf("%s: %v %+v", in.Path, in.Err, in.Declaration.Artifact)
		}
	}
	if !errors.Is(got[2].Err, fs.ErrNotExist) {
		t.Errorf("missing path: %v", got[2].Err)
	}
	if !errors.Is(got[3].Err, ErrNothingFound) {
		t.Errorf("empty directory: %v", got[3].Err)
	}
}

// TestScanStops: a consumer that stops early stops the walk.
func TestScanStops(t *testing.T) {
	n := 0
	for range Scan([]string{filepath.Join(repoRoot(), "testdata/cases")}, ScanOptions{}) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("yielded %d after break", n)
	}
}
