package android

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

func TestParseCoordinate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"io.hyphenate:hyphenate-chat:4.5.0", "io.hyphenate:hyphenate-chat:4.5.0"},
		{"com.google.firebase:firebase-messaging", "com.google.firebase:firebase-messaging"},
		{"io.hyphenate:hyphenate-chat:$chatVersion", "io.hyphenate:hyphenate-chat"},
		{"com.tencent.bugly:crashreport:4.1.9@aar", "com.tencent.bugly:crashreport:4.1.9"},
		{"com.example:lib:1.0:sources", "com.example:lib:1.0"},
		{"com.android.application", ""},
		{"https://example.com/x", ""},
		{"a b:c", ""},
	} {
		dep, ok := parseCoordinate(tc.in)
		got := ""
		if ok {
			got = dep.coordinate()
		}
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
}

// The Maven libraries a variant packages, from every notation Gradle
// accepts, in the app module and the library modules it depends on, are
// listed and offered to SDK detection; test and other variants' libraries
// are not.
func TestGradleProjectListsMavenLibraries(t *testing.T) {
	catalog := "[versions]\nfcm = \"23.4.1\"\n\n[libraries]\nfirebase-messaging = { module = \"com.google.firebase:firebase-messaging\", version.ref = \"fcm\" }\n" +
		"firebase-analytics = { group = \"com.google.firebase\", name = \"firebase-analytics\" }\nglide = \"com.github.bumptech.glide:glide:4.16.0\"\n" +
		"\n[bundles]\nfirebase = [\"firebase-messaging\", \"firebase-analytics\"]\n"
	app := appScript + "def chatVersion = '4.5.0'\ndependencies {\n" +
		"  implementation \"io.hyphenate:hyphenate-chat:$chatVersion\"\n" +
		"  implementation(libs.bundles.firebase)\n" +
		"  api group: 'com.tencent.bugly', name: 'crashreport', version: '4.1.9'\n" +
		"  releaseImplementation('com.umeng.umsdk:common:9.6.8') { exclude group: 'x' }\n" +
		"  debugImplementation 'com.squareup.leakcanary:leakcanary-android:2.12'\n" +
		"  testImplementation 'junit:junit:4.13.2'\n" +
		"  implementation project(':lib')\n}\n"
	lib := libScript + "dependencies {\n  implementation libs.glide\n  implementation 'io.hyphenate:hyphenate-chat:4.5.0'\n}\n"
	d := readOne(t, map[string]string{
		"settings.gradle": "include ':app', ':lib'\n", "gradle/libs.versions.toml": catalog,
		"app/build.gradle": app, "app/src/main/AndroidManifest.xml": manifestWith(perm("INTERNET")),
		"lib/build.gradle": lib, "lib/src/main/AndroidManifest.xml": manifestWith(),
	}, "release")
	var libs []string
	for _, l := range d.Libraries {
		mods, _ := json.Marshal(l.Modules)
		libs = append(libs, l.Name+" "+l.Version+" "+string(mods)+" "+l.Source)
	}
	want := []string{
		`io.hyphenate:hyphenate-chat 4.5.0 [":app",":lib"] app/build.gradle`,
		`com.google.firebase:firebase-messaging 23.4.1 [":app"] app/build.gradle`,
		`com.google.firebase:firebase-analytics  [":app"] app/build.gradle`,
		`com.tencent.bugly:crashreport 4.1.9 [":app"] app/build.gradle`,
		`com.umeng.umsdk:common 9.6.8 [":app"] app/build.gradle`,
		`com.github.bumptech.glide:glide 4.16.0 [":lib"] lib/build.gradle`,
	}
	if strings.Join(libs, "\n") != strings.Join(want, "\n") {
		t.Errorf("libraries\n%s\nwant\n%s", strings.Join(libs, "\n"), strings.Join(want, "\n"))
	}
	var signals []string
	for _, s := range d.Signals {
		if s.Kind == audit.SignalGradle {
			signals = append(signals, s.Value+" @"+s.Entry)
		}
	}
	if len(signals) != 7 || signals[0] != "io.hyphenate:hyphenate-chat @app/build.gradle" || signals[6] != "io.hyphenate:hyphenate-chat:4.5.0 @lib/build.gradle" {
		t.Errorf("signals %v", signals)
	}
}
