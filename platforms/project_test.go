package platforms

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWalkFindsBuildOutputPackagesOnly(t *testing.T) {
	dir := t.TempDir()
	apk, err := os.ReadFile(filepath.Join(repoRoot(), "testdata/cases/android/compliant.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"app/build/outputs/apk/release/AndroidManifest.xml", "app/build/outputs/bundle/release/AndroidManifest.xml",
		"app/build/intermediates/merged_manifests/AndroidManifest.xml", "app/build/outputs/logs/AndroidManifest.xml", "app/build/AndroidManifest.xml",
		"build/app/outputs/flutter-apk/AndroidManifest.xml", "build/app/intermediates/AndroidManifest.xml", "build/app/AndroidManifest.xml", "build/outputs/AndroidManifest.xml"} {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, apk, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	found, err := Walk(dir, WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range found {
		rel, _ := filepath.Rel(dir, f.Path)
		got = append(got, filepath.ToSlash(rel))
	}
	want := []string{"app/build/outputs/apk/release/AndroidManifest.xml", "app/build/outputs/bundle/release/AndroidManifest.xml",
		"build/app/outputs/flutter-apk/AndroidManifest.xml"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("found %v, want %v", got, want)
	}
}

func TestFindProjectsInReactNativeLayout(t *testing.T) {
	root := filepath.Join(repoRoot(), "testdata/projects/rn-app")
	scan, err := FindProjects(root, WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	projects := scan.Projects
	got := map[string]string{}
	for _, p := range projects {
		rel, _ := filepath.Rel(root, p.Dir)
		got[p.Kind] = filepath.ToSlash(rel)
	}
	if got["gradle"] != "android" {
		t.Errorf("projects %v: want the Gradle build at android/ (its modules are part of it)", got)
	}
	p := projects[0]
	if !p.Covers(filepath.Join(root, "android/camera-lib/src/main/AndroidManifest.xml")) || p.Covers(filepath.Join(root, "package.json")) {
		t.Error("a Gradle project covers its manifests, nothing else")
	}
}
