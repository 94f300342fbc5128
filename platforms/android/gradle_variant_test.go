package android

import (
	"strings"
	"testing"
)

// flavoredBuild has a debug-only permission, a paid flavor's own, and a
// library only the debug build packages.
var flavoredBuild = map[string]string{
	"settings.gradle": "include ':app', ':leak', ':core'\n",
	"app/build.gradle": "apply plugin: 'com.android.application'\nandroid {\n defaultConfig { minSdk 24 }\n flavorDimensions 'tier'\n productFlavors {\n  free { dimension 'tier' }\n  paid {\n   dimension 'tier'\n   minSdk 26\n   applicationIdSuffix '.paid'\n  }\n }\n buildTypes {\n  debug { applicationIdSuffix \".debug\" }\n }\n}\n" +
		"dependencies {\n implementation project(':core')\n debugImplementation project(':leak')\n compileOnly project(':leak')\n}\n",
	"app/src/main/AndroidManifest.xml":        manifestWith(perm("INTERNET")),
	"app/src/debug/AndroidManifest.xml":       manifestWith(perm("SYSTEM_ALERT_WINDOW")),
	"app/src/paid/AndroidManifest.xml":        manifestWith(perm("BILLING")),
	"app/src/paidRelease/AndroidManifest.xml": manifestWith(perm("INTERNET", `tools:node="remove"`)),
	"leak/build.gradle":                       libScript,
	"leak/src/main/AndroidManifest.xml":       manifestWith(perm("FOREGROUND_SERVICE")),
	"core/build.gradle":                       libScript,
	"core/src/main/AndroidManifest.xml":       manifestWith(perm("ACCESS_NETWORK_STATE")),
	"core/src/debug/AndroidManifest.xml":      manifestWith(perm("READ_LOGS")),
}

func TestVariantSourceSetsAndDependencies(t *testing.T) {
	tests := []struct {
		variant, want, min, id string
		guessed                bool
	}{
		{variant: "", want: "INTERNET ACCESS_NETWORK_STATE", min: "24", id: "com.example.x", guessed: true},
		{variant: "freeRelease", want: "INTERNET ACCESS_NETWORK_STATE", min: "24", id: "com.example.x"},
		{variant: "freeDebug", want: "SYSTEM_ALERT_WINDOW INTERNET READ_LOGS ACCESS_NETWORK_STATE FOREGROUND_SERVICE", min: "24", id: "com.example.x.debug"},
		{variant: "paidRelease", want: "-INTERNET BILLING ACCESS_NETWORK_STATE", min: "26", id: "com.example.x.paid"},
	}
	for _, tt := range tests {
		t.Run(tt.variant, func(t *testing.T) {
			d := readOne(t, flavoredBuild, tt.variant)
			if got := permissionSet(d); got != tt.want {
				t.Errorf("permissions %q, want %q", got, tt.want)
			}
			if d.App.MinLevel != tt.min {
				t.Errorf("min %q, want %q (a flavor's minSdk wins over defaultConfig)", d.App.MinLevel, tt.min)
			}
			if d.App.ID != tt.id {
				t.Errorf("id %q, want %q (applicationIdSuffix of flavor and build type)", d.App.ID, tt.id)
			}
			if guessed := strings.Contains(notesText(d), "no --variant given"); guessed != tt.guessed {
				t.Errorf("guess noted %v, want %v: %s", guessed, tt.guessed, notesText(d))
			}
		})
	}
}

func TestUnknownVariantNamesTheChoices(t *testing.T) {
	_, err := ReadGradleProject(project(flavoredBuild), ProjectOptions{Variant: "staging"})
	if err == nil || !strings.Contains(err.Error(), "freeDebug, freeRelease, paidDebug, paidRelease") {
		t.Fatalf("err = %v", err)
	}
}

func TestPermissionAttributedToItsSourceSet(t *testing.T) {
	d := readOne(t, flavoredBuild, "freeDebug")
	want := map[string]string{
		"android.permission.SYSTEM_ALERT_WINDOW":  ":app debug app/src/debug/AndroidManifest.xml",
		"android.permission.READ_LOGS":            ":core debug core/src/debug/AndroidManifest.xml",
		"android.permission.ACCESS_NETWORK_STATE": ":core main core/src/main/AndroidManifest.xml",
	}
	for _, p := range d.Permissions {
		if w, ok := want[p.Name]; ok && p.Module+" "+p.Entry != w {
			t.Errorf("%s from %q, want %q", p.Name, p.Module+" "+p.Entry, w)
		}
	}
}

func TestManifestSyntaxErrorNamesTheFile(t *testing.T) {
	_, err := ReadGradleProject(project(map[string]string{
		"settings.gradle":                  "include ':app'\n",
		"app/build.gradle":                 appScript,
		"app/src/main/AndroidManifest.xml": "<manifest><uses-permission",
	}), ProjectOptions{})
	if err == nil || !strings.Contains(err.Error(), "app/src/main/AndroidManifest.xml") {
		t.Fatalf("err = %v", err)
	}
}

// TestManifestSrcFile: a source set may name its manifest elsewhere, as
// Eclipse-era layouts and many React Native libraries do.
func TestManifestSrcFile(t *testing.T) {
	for _, script := range []string{
		"android {\n sourceSets {\n  main {\n   manifest.srcFile 'AndroidManifest.xml'\n  }\n }\n}\n",
		"android {\n sourceSets {\n  getByName(\"main\") {\n   manifest.srcFile(\"AndroidManifest.xml\")\n  }\n }\n}\n",
	} {
		d := readOne(t, map[string]string{
			"settings.gradle":                  "include ':app', ':lib'\n",
			"app/build.gradle":                 appScript + "dependencies { implementation project(':lib') }\n",
			"app/src/main/AndroidManifest.xml": manifestWith(perm("INTERNET")),
			"lib/build.gradle":                 libScript + script,
			"lib/AndroidManifest.xml":          manifestWith(perm("CAMERA")),
			"lib/src/main/AndroidManifest.xml": manifestWith(perm("READ_SMS")), // not the one the build uses
		}, "")
		if got := permissionSet(d); got != "INTERNET CAMERA" {
			t.Errorf("%q: permissions %q", script, got)
		}
	}
}
