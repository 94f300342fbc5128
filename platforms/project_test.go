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
	var got []string
	for _, f := range scanAll(dir, WalkOptions{}) {
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

func TestAppGroupsByFramework(t *testing.T) {
	tests := []struct{ dir, name, framework string }{
		{"testdata/projects/rn-app", "RnChat", "React Native"},
		{"testdata/projects/flutter-app", "field_notes", "Flutter"},
	}
	for _, tt := range tests {
		root := filepath.Join(repoRoot(), tt.dir)
		scan, err := FindProjects(root, WalkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(scan.Projects) < 2 {
			t.Fatalf("%s: %d projects", tt.dir, len(scan.Projects))
		}
		for _, p := range scan.Projects {
			if p.Group == nil || p.Group.Name != tt.name || p.Group.Framework != tt.framework || p.Group.Root != root {
				t.Errorf("%s: project %s has group %+v", tt.dir, p.Dir, p.Group)
			}
		}
	}
	for _, tt := range []struct {
		files     map[string]string
		framework string
	}{
		{map[string]string{"package.json": `{"name":"x","dependencies":{"expo":"51.0.0","react-native":"0.74.0"}}`}, "Expo"},
		{map[string]string{"package.json": `{"name":"x","dependencies":{"@capacitor/core":"6.0.0"}}`}, "Capacitor"},
		{map[string]string{"package.json": `{"name":"x","dependencies":{"react":"18"}}`}, ""},
		{map[string]string{"manifest.json": "{}", "pages.json": "{}"}, "uni-app"},
		{map[string]string{"settings.gradle.kts": `rootProject.name = "Kmp"`, "iosApp/x": ""}, "Kotlin Multiplatform"},
		{map[string]string{".arkui-x/x": ""}, "ArkUI-X"},
		{map[string]string{"pubspec.yaml": "name: dart_only\n"}, ""},
	} {
		dir := t.TempDir()
		names := map[string]bool{}
		for name, text := range tt.files {
			full := filepath.Join(dir, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(full), 0o755)
			if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			names[strings.Split(name, "/")[0]] = true
		}
		got := ""
		if g := appGroupAt(dir, names); g != nil {
			got = g.Framework
		}
		if got != tt.framework {
			t.Errorf("%v: framework %q, want %q", tt.files, got, tt.framework)
		}
	}
}

// BenchmarkProjectMode measures finding and reading the React Native
// fixture's three projects next to the plain file walk of the same tree,
// so the cost project mode adds to a directory audit is in view.
func BenchmarkProjectMode(b *testing.B) {
	root := filepath.Join(repoRoot(), "testdata/projects/rn-app")
	b.Run("find+read", func(b *testing.B) {
		for range b.N {
			scan, err := FindProjects(root, WalkOptions{})
			if err != nil {
				b.Fatal(err)
			}
			for _, p := range scan.Projects {
				if _, err := p.Read(ProjectOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("walk", func(b *testing.B) {
		for range b.N {
			walk(root, WalkOptions{}, func(string, *opened, error) bool { return true })
		}
	})
}
