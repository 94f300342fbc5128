package android

import (
	"strings"
	"testing"
)

// FuzzGradleProject drives the script scanner, the value resolver and
// the merger with arbitrary build scripts: none may panic or run on.
func FuzzGradleProject(f *testing.F) {
	f.Add("include ':app'", appScript, "ext { minSdk = 21 }", manifestWith(perm("CAMERA")))
	f.Add("include(\":app\")", "android { defaultConfig { minSdk = (((x as Int))) } } }}}", "ext.a = b\next.b = a", "<manifest/>")
	f.Add("", "\"\"\"unterminated", "/* open comment", "")
	f.Fuzz(func(t *testing.T, settings, app, root, manifest string) {
		fsys := project(map[string]string{
			"settings.gradle": settings, "build.gradle": root,
			"app/build.gradle": "apply plugin: 'com.android.application'\n" + app, "app/src/main/AndroidManifest.xml": manifest,
		})
		_, _ = ReadGradleProject(fsys, ProjectOptions{})
	})
}

// TestDeepScriptIsBounded: a script of a million "{" is read without
// recursing a million levels.
func TestDeepScriptIsBounded(t *testing.T) {
	list := parseScript("android " + strings.Repeat("{ x ", 1<<20))
	depth := 0
	for len(list) > 0 {
		depth++
		list = list[len(list)-1].Block
	}
	if depth > maxScriptDepth+1 {
		t.Errorf("tree is %d deep, want at most %d", depth, maxScriptDepth+1)
	}
}
