package android

import (
	"github.com/permaudit/permaudit/platforms/archive/ziptest"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/permaudit/permaudit/audit"
)

const (
	appScript = "plugins { id 'com.android.application' }\nandroid {\n  defaultConfig {\n    minSdk 24\n    targetSdk 34\n  }\n}\n"
	libScript = "plugins { id 'com.android.library' }\n"
)

func manifestWith(perms ...string) string {
	return `<manifest xmlns:android="http://schemas.android.com/apk/res/android" xmlns:tools="http://schemas.android.com/tools" package="com.example.x">` +
		"\n" + strings.Join(perms, "\n") + "\n</manifest>\n"
}

func perm(name string, extra ...string) string {
	return `<uses-permission android:name="android.permission.` + name + `" ` + strings.Join(extra, " ") + ` />`
}

func project(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func readOne(t *testing.T, files map[string]string, variant string) audit.Declaration {
	t.Helper()
	apps, err := ReadGradleProject(project(files), ProjectOptions{Variant: variant})
	if err != nil {
		t.Fatal(err)
	}
	if len(apps) != 1 {
		t.Fatalf("%d apps, want 1", len(apps))
	}
	return apps[0].Declaration
}

// permissionSet names the kept permissions (short names), and removed ones with a "-" prefix.
func permissionSet(d audit.Declaration) string {
	var out []string
	for _, p := range d.Permissions {
		name := strings.TrimPrefix(p.Name, "android.permission.")
		if p.Removed {
			name = "-" + name
		}
		out = append(out, name)
	}
	return strings.Join(out, " ")
}

func notesText(d audit.Declaration) string {
	var out []string
	for _, n := range d.Notes {
		out = append(out, n.RuleID+": "+n.Message)
	}
	return strings.Join(out, "\n")
}

func TestGradleLevelsResolved(t *testing.T) {
	tests := []struct {
		name      string
		files     map[string]string
		min, tgt  string
		wantNote  string // a note naming the unresolved expression
		noteCount int
	}{
		{name: "groovy literals", files: map[string]string{"app/build.gradle": appScript}, min: "24", tgt: "34"},
		{name: "kotlin dsl", files: map[string]string{"app/build.gradle.kts": "plugins { id(\"com.android.application\") }\nandroid {\n defaultConfig {\n  minSdk = 26\n  targetSdk = 35\n }\n}\n"}, min: "26", tgt: "35"},
		{name: "rootProject.ext from buildscript ext", files: map[string]string{
			"build.gradle":     "buildscript {\n ext {\n  minSdkVersion = 23\n  targetSdkVersion = 34\n }\n}\n",
			"app/build.gradle": "apply plugin: 'com.android.application'\nandroid { defaultConfig {\n minSdkVersion rootProject.ext.minSdkVersion\n targetSdkVersion rootProject.ext.targetSdkVersion\n} }\n"},
			min: "23", tgt: "34"},
		{name: "ext.X and bare name", files: map[string]string{
			"build.gradle":     "ext.minSdk = 21\next.set('target', 33)\n",
			"app/build.gradle": "apply plugin: 'com.android.application'\nandroid { defaultConfig {\n minSdkVersion minSdk\n targetSdkVersion rootProject.target\n} }\n"},
			min: "21", tgt: "33"},
		{name: "gradle.properties and catalog", files: map[string]string{
			"gradle.properties":         "app.minSdk=22\n",
			"gradle/libs.versions.toml": "[versions]\ntarget-sdk = \"34\"\n[plugins]\nandroid-application = { id = \"com.android.application\", version = \"8.5.0\" }\n",
			"app/build.gradle.kts":      "plugins { alias(libs.plugins.android.application) }\nandroid { defaultConfig {\n minSdk = (property(\"app.minSdk\") as String).toInt()\n targetSdk = libs.versions.target.sdk.get().toInt()\n} }\n"},
			min: "22", tgt: "34"},
		{name: "extra and local val", files: map[string]string{
			"build.gradle.kts":     "val minLevel by extra(24)\n",
			"app/build.gradle.kts": "plugins { id(\"com.android.application\") }\nval target = 34\nandroid { defaultConfig {\n minSdk = rootProject.extra[\"minLevel\"] as Int\n targetSdk = target\n} }\n"},
			min: "24", tgt: "34"},
		{name: "flutter plugin value unresolved, manifest fallback", files: map[string]string{
			"app/build.gradle":                 "plugins { id \"com.android.application\" }\nandroid { defaultConfig {\n minSdk = flutter.minSdkVersion\n} }\n",
			"app/src/main/AndroidManifest.xml": `<manifest xmlns:android="http://schemas.android.com/apk/res/android"><uses-sdk android:minSdkVersion="19"/></manifest>`,
		}, min: "19", tgt: "19", wantNote: "minSdk flutter.minSdkVersion: cannot resolve without running Gradle; using the manifest's 19", noteCount: 1},
		{name: "nothing anywhere", files: map[string]string{"app/build.gradle": "apply plugin: 'com.android.application'\n"},
			wantNote: "no minSdk in the build script or manifests", noteCount: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"settings.gradle": "include ':app'\n"}
			for k, v := range tt.files {
				files[k] = v
			}
			d := readOne(t, files, "")
			if d.App.MinLevel != tt.min || d.App.TargetLevel != tt.tgt {
				t.Errorf("levels %q/%q, want %q/%q (notes %s)", d.App.MinLevel, d.App.TargetLevel, tt.min, tt.tgt, notesText(d))
			}
			if len(d.Notes) != tt.noteCount || (tt.wantNote != "" && !strings.Contains(notesText(d), tt.wantNote)) {
				t.Errorf("notes:\n%s\nwant %d naming %q", notesText(d), tt.noteCount, tt.wantNote)
			}
		})
	}
}

func TestGradleLibraryIsNeverAnApp(t *testing.T) {
	apps, err := ReadGradleProject(project(map[string]string{
		"settings.gradle":                  "include ':lib'\n",
		"lib/build.gradle":                 libScript,
		"lib/src/main/AndroidManifest.xml": manifestWith(perm("CAMERA")),
	}), ProjectOptions{})
	if err != nil || len(apps) != 0 {
		t.Fatalf("a library-only build gave %d apps (%v)", len(apps), err)
	}
}

// TestMergeMarkers follows the tools:node and tools:selector rules of
// https://developer.android.com/build/manage-manifests#merge_rule_markers.
func TestMergeMarkers(t *testing.T) {
	tests := []struct {
		name, app, lib, want, note string
	}{
		{name: "library adds", app: manifestWith(perm("INTERNET")), lib: manifestWith(perm("CAMERA")), want: "INTERNET CAMERA"},
		{name: "remove", app: manifestWith(perm("CAMERA", `tools:node="remove"`)), lib: manifestWith(perm("CAMERA"), perm("INTERNET")), want: "-CAMERA INTERNET"},
		{name: "removeAll", app: manifestWith(perm("X", `tools:node="removeAll"`)), lib: manifestWith(perm("CAMERA"), perm("INTERNET")), want: ""},
		{name: "selector matches", app: manifestWith(perm("CAMERA", `tools:node="remove"`, `tools:selector="com.example.lib"`)), lib: manifestWith(perm("CAMERA")), want: "-CAMERA"},
		{name: "selector names another library", app: manifestWith(perm("CAMERA", `tools:node="remove"`, `tools:selector="com.other"`)), lib: manifestWith(perm("CAMERA")), want: "-CAMERA CAMERA"},
		{name: "lower maxSdkVersion kept", app: manifestWith(perm("WRITE_EXTERNAL_STORAGE")), lib: manifestWith(perm("WRITE_EXTERNAL_STORAGE", `android:maxSdkVersion="28"`)), want: "WRITE_EXTERNAL_STORAGE@28"},
		{name: "replace drops lower attributes", app: manifestWith(perm("WRITE_EXTERNAL_STORAGE", `tools:node="replace"`)), lib: manifestWith(perm("WRITE_EXTERNAL_STORAGE", `android:maxSdkVersion="28"`)), want: "WRITE_EXTERNAL_STORAGE"},
		{name: "conflict", app: manifestWith(perm("WRITE_EXTERNAL_STORAGE", `android:maxSdkVersion="29"`)), lib: manifestWith(perm("WRITE_EXTERNAL_STORAGE", `android:maxSdkVersion="28"`)), want: "WRITE_EXTERNAL_STORAGE@29", note: RuleMergeConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := readOne(t, map[string]string{
				"settings.gradle":                  "include ':app', ':lib'\n",
				"app/build.gradle":                 appScript + "dependencies {\n  implementation project(':lib')\n}\n",
				"app/src/main/AndroidManifest.xml": tt.app,
				"lib/build.gradle":                 libScript + "android { namespace 'com.example.lib' }\n",
				"lib/src/main/AndroidManifest.xml": tt.lib,
			}, "")
			var got []string
			for _, p := range d.Permissions {
				s := strings.TrimPrefix(p.Name, "android.permission.")
				if p.Removed {
					s = "-" + s
				}
				if p.MaxSdkVersion > 0 {
					s += "@" + strconv.Itoa(p.MaxSdkVersion)
				}
				got = append(got, s)
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("merged %q, want %q", strings.Join(got, " "), tt.want)
			}
			if (tt.note != "") != strings.Contains(notesText(d), RuleMergeConflict) {
				t.Errorf("notes %s, want %q", notesText(d), tt.note)
			}
		})
	}
}

// TestLocalAARMerged: a files('libs/x.aar') or fileTree(…'*.aar') library
// is merged like a library module, named by its file.
func TestLocalAARMerged(t *testing.T) {
	aar := ziptest.Write(nil, ziptest.File{Name: "AndroidManifest.xml", Data: []byte(manifestWith(perm("BLUETOOTH_CONNECT")))},
		ziptest.File{Name: "classes.jar", Data: []byte("PK")})
	for _, dep := range []string{"implementation files('libs/scanner.aar')", "implementation fileTree(dir: 'libs', include: ['*.aar'])"} {
		t.Run(dep, func(t *testing.T) {
			fsys := project(map[string]string{
				"settings.gradle":                  "include ':app'\n",
				"app/build.gradle":                 appScript + "dependencies {\n " + dep + "\n testImplementation files('libs/test.aar')\n}\n",
				"app/src/main/AndroidManifest.xml": manifestWith(perm("INTERNET")),
			})
			fsys["app/libs/scanner.aar"] = &fstest.MapFile{Data: aar}
			apps, err := ReadGradleProject(fsys, ProjectOptions{})
			if err != nil {
				t.Fatal(err)
			}
			d := apps[0].Declaration
			if got := permissionSet(d); got != "INTERNET BLUETOOTH_CONNECT" {
				t.Fatalf("permissions %q", got)
			}
			if p := d.Permissions[1]; p.Module != "aar app/libs/scanner.aar" || p.Entry != "app/libs/scanner.aar!AndroidManifest.xml" {
				t.Errorf("attributed to %q %q", p.Module, p.Entry)
			}
		})
	}
}
