package platforms

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWalkSymlinkedManifests: a link to a manifest inside the tree is
// audited once: under the target's name when the walk reaches the target
// too, else under the link's (a target in a directory the walk skips);
// one leading out of the tree or nowhere is reported, never skipped
// without a word.
func TestWalkSymlinkedManifests(t *testing.T) {
	manifest, err := os.ReadFile(filepath.Join(repoRoot(), "testdata/cases/android/compliant.xml"))
	if err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	tree := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}
	must(os.MkdirAll(filepath.Join(tree, "shared"), 0o755))
	must(os.MkdirAll(filepath.Join(tree, "app"), 0o755))
	must(os.WriteFile(filepath.Join(tree, "shared", "manifest.xml"), manifest, 0o644))
	must(os.WriteFile(filepath.Join(outside, "AndroidManifest.xml"), manifest, 0o644))
	must(os.Symlink(filepath.Join("..", "shared", "manifest.xml"), filepath.Join(tree, "app", "AndroidManifest.xml")))
	must(os.MkdirAll(filepath.Join(tree, "lib"), 0o755))
	must(os.Symlink(filepath.Join(outside, "AndroidManifest.xml"), filepath.Join(tree, "lib", "AndroidManifest.xml")))
	must(os.MkdirAll(filepath.Join(tree, "gone"), 0o755))
	must(os.Symlink(filepath.Join(tree, "missing.xml"), filepath.Join(tree, "gone", "AndroidManifest.xml")))
	must(os.Symlink(filepath.Join(tree, "shared"), filepath.Join(tree, "shared-again"))) // a directory: walked where it lies
	must(os.MkdirAll(filepath.Join(tree, "node_modules", "sdk"), 0o755))                 // skipped by the walk
	must(os.WriteFile(filepath.Join(tree, "node_modules", "sdk", "AndroidManifest.xml"), manifest, 0o644))
	must(os.MkdirAll(filepath.Join(tree, "vendored"), 0o755))
	must(os.Symlink(filepath.Join("..", "node_modules", "sdk", "AndroidManifest.xml"), filepath.Join(tree, "vendored", "AndroidManifest.xml")))

	skipped := map[string]string{}
	found := scanAll(tree, WalkOptions{Skipped: func(path, reason string) {
		rel, _ := filepath.Rel(tree, path)
		skipped[filepath.ToSlash(rel)] = reason
	}})
	got := map[string]string{}
	for _, f := range found {
		rel, _ := filepath.Rel(tree, f.Path)
		got[filepath.ToSlash(rel)] = ""
		if f.Err != nil {
			got[filepath.ToSlash(rel)] = f.Err.Error()
		}
	}
	want := map[string]string{
		"shared/manifest.xml":          "",
		"vendored/AndroidManifest.xml": "",
		"lib/AndroidManifest.xml":      "outside the audited directory",
		"gone/AndroidManifest.xml":     "leads nowhere",
	}
	if len(got) != len(want) {
		t.Fatalf("found %v, want %v", got, want)
	}
	for path, msg := range want {
		g, ok := got[path]
		if !ok || (msg == "" && g != "") || !strings.Contains(g, msg) {
			t.Errorf("%s: got %q (found %v), want %q", path, g, ok, msg)
		}
	}
	if r := skipped["app/AndroidManifest.xml"]; !strings.Contains(r, "shared/manifest.xml, audited under that name") {
		t.Errorf("the link to a manifest the walk audits: skipped %q, want it named as the same file", r)
	}
	if _, err := Read(filepath.Join(tree, "app", "AndroidManifest.xml"), false); err != nil {
		t.Errorf("linked manifest inside the tree: %v", err)
	}
}
