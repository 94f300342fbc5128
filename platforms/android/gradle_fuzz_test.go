package android

import "testing"

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
