package android

import (
	"errors"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

const manifestHead = `<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android"
    xmlns:tools="http://schemas.android.com/tools"
    package="org.example.app" android:versionCode="7" android:versionName="1.2">
`

func TestParseManifestXML(t *testing.T) {
	tests := []struct {
		name    string
		xml     string
		perms   []string
		app     audit.App
		facts   []string
		notes   []string
		errLine int // >0: a ParseError at this line is expected
		errText string
	}{
		{
			name: "happy",
			xml: manifestHead + `    <uses-sdk android:minSdkVersion="21" android:targetSdkVersion="34"/>
    <uses-permission android:name="android.permission.INTERNET"/>
    <uses-permission
        android:name="android.permission.CAMERA"/>
    <application android:debuggable="true" android:allowBackup="false"
        android:usesCleartextTraffic="true"/>
</manifest>`,
			perms: []string{"uses-permission android.permission.INTERNET @6", "uses-permission android.permission.CAMERA @7"},
			app:   audit.App{ID: "org.example.app", Version: "1.2", MinLevel: "21", TargetLevel: "34"},
			facts: []string{"application.allowBackup=false", "application.debuggable=true", "application.usesCleartextTraffic=true", "versionCode=7"},
		},
		{
			name: "${applicationId} is the package when read alone, as the merger fills it",
			xml: manifestHead + `    <uses-permission android:name="${applicationId}.permission.MIPUSH_RECEIVE"/>
    <uses-permission android:name="getui.permission.GetuiService.${applicationId}"/>
    <permission android:name="${applicationId}.permission.MIPUSH_RECEIVE" android:protectionLevel="signature"/>
</manifest>`,
			perms: []string{"uses-permission org.example.app.permission.MIPUSH_RECEIVE @5", "uses-permission getui.permission.GetuiService.org.example.app @6"},
			app:   audit.App{ID: "org.example.app", Version: "1.2"},
			facts: []string{"permission.declared=org.example.app.permission.MIPUSH_RECEIVE", "versionCode=7"},
		},
		{
			name: "misplaced",
			xml: manifestHead + `    <application>
        <uses-permission android:name="android.permission.CAMERA"/>
        <activity android:name=".Main"><uses-permission-sdk-23 android:name="android.permission.RECORD_AUDIO"/></activity>
    </application>
    <uses-permission android:name="android.permission.INTERNET"/>
</manifest>`,
			perms: []string{
				"uses-permission android.permission.CAMERA in=application @6",
				"uses-permission-sdk-23 android.permission.RECORD_AUDIO in=activity @7",
				"uses-permission android.permission.INTERNET @9",
			},
			app:   audit.App{ID: "org.example.app", Version: "1.2"},
			facts: []string{"versionCode=7"},
		},
		{
			name: "sdk-23 and its legacy alias sdk-m",
			xml: manifestHead + `    <uses-permission-sdk-23 android:name="android.permission.READ_CONTACTS" android:maxSdkVersion="30"/>
    <uses-permission-sdk-m android:name="android.permission.WRITE_CONTACTS"/>
</manifest>`,
			perms: []string{
				"uses-permission-sdk-23 android.permission.READ_CONTACTS max=30 @5",
				"uses-permission-sdk-23 android.permission.WRITE_CONTACTS @6",
			},
			app:   audit.App{ID: "org.example.app", Version: "1.2"},
			facts: []string{"versionCode=7"},
		},
		{
			name: "maxSdkVersion, invalid one kept unbounded with a note",
			xml: manifestHead + `    <uses-permission android:name="android.permission.WRITE_EXTERNAL_STORAGE" android:maxSdkVersion="28"/>
    <uses-permission android:name="android.permission.BLUETOOTH" android:maxSdkVersion="0x1e"/>
    <uses-permission android:name="android.permission.READ_PHONE_STATE" android:maxSdkVersion="thirty"/>
</manifest>`,
			perms: []string{
				"uses-permission android.permission.WRITE_EXTERNAL_STORAGE max=28 @5",
				"uses-permission android.permission.BLUETOOTH max=30 @6",
				"uses-permission android.permission.READ_PHONE_STATE @7",
				"implied android.permission.READ_EXTERNAL_STORAGE max=28 reason=requested WRITE_EXTERNAL_STORAGE",
			},
			app:   audit.App{ID: "org.example.app", Version: "1.2"},
			facts: []string{"versionCode=7"},
			notes: []string{RuleAttributeInvalid},
		},
		{
			name: "required=false, usesPermissionFlags, features, declared permission",
			xml: manifestHead + `    <uses-permission android:name="android.permission.CAMERA" android:required="false"/>
    <uses-permission android:name="android.permission.BLUETOOTH_SCAN" android:usesPermissionFlags="neverForLocation"/>
    <uses-feature android:name="android.hardware.camera" android:required="false"/>
    <uses-feature android:name="android.hardware.bluetooth_le"/>
    <uses-feature android:glEsVersion="0x00020000"/>
    <permission android:name="org.example.app.C2D" android:protectionLevel="signature"/>
</manifest>`,
			perms: []string{
				"uses-permission android.permission.CAMERA optional @5",
				"uses-permission android.permission.BLUETOOTH_SCAN @6",
			},
			app: audit.App{ID: "org.example.app", Version: "1.2"},
			facts: []string{"permission.declared=org.example.app.C2D", "uses-feature=android.hardware.bluetooth_le",
				"uses-feature=android.hardware.camera:required=false", "usesPermissionFlags.android.permission.BLUETOOTH_SCAN=neverForLocation", "versionCode=7"},
		},
		{
			name: "tools:node remove marks an absence; removeAll is a merge marker; other values count",
			xml: manifestHead + `    <uses-permission android:name="android.permission.READ_PHONE_STATE" tools:node="remove"/>
    <uses-permission android:name="android.permission.INTERNET" tools:node="replace"/>
    <uses-permission android:name="android.permission.WAKE_LOCK" tools:node="removeAll"/>
</manifest>`,
			perms: []string{
				"uses-permission android.permission.READ_PHONE_STATE removed @5",
				"uses-permission android.permission.INTERNET @6",
			},
			app:   audit.App{ID: "org.example.app", Version: "1.2"},
			facts: []string{"tools:node.removeAll=uses-permission", "versionCode=7"},
		},
		{
			name: "several uses-sdk: the last counts; target defaults to min",
			xml: manifestHead + `    <uses-sdk android:minSdkVersion="8" android:targetSdkVersion="30"/>
    <uses-sdk android:minSdkVersion="14"/>
</manifest>`,
			perms: []string{},
			app:   audit.App{ID: "org.example.app", Version: "1.2", MinLevel: "14", TargetLevel: "14"},
			facts: []string{"versionCode=7"},
			notes: []string{RuleDuplicateUsesSdk},
		},
		{
			name:  "uses-sdk without minSdkVersion means 1",
			xml:   `<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="a.b"><uses-sdk android:targetSdkVersion="Q"/></manifest>`,
			perms: []string{},
			app:   audit.App{ID: "a.b", MinLevel: "1", TargetLevel: "Q"},
			facts: []string{},
		},
		{
			name:  "unnamed permission is noted, not listed",
			xml:   `<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="a.b"><uses-permission/></manifest>`,
			perms: []string{},
			app:   audit.App{ID: "a.b"},
			facts: []string{},
			notes: []string{RulePermissionUnnamed},
		},
		{
			name:  "BOM, comment and doctype before the root",
			xml:   "\ufeff<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE manifest>\n<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\" package=\"a.b\">\n<uses-permission android:name=\"X\"/></manifest>",
			perms: []string{"uses-permission X @5"},
			app:   audit.App{ID: "a.b"},
			facts: []string{},
		},
		{
			name:    "garbled",
			xml:     manifestHead + "    <uses-permission android:name=\"A\">\n</manifest>",
			errLine: 6,
			errText: "malformed XML",
		},
		{
			name:    "unclosed attribute",
			xml:     "<manifest package=\"a.b\">\n<uses-permission android:name=\"A/>\n",
			errLine: 3,
			errText: "malformed XML",
		},
		{name: "empty", xml: "", errText: "empty file"},
		{name: "only whitespace", xml: " \n\t", errText: "empty file"},
		{name: "not a manifest", xml: "<resources>\n<string name=\"a\">b</string>\n</resources>", errLine: 1, errText: "not <manifest>"},
		{name: "not XML", xml: "{\"module\": {}}", errLine: 1, errText: "not an XML manifest"},
		{name: "two roots", xml: "<manifest/>\n<manifest/>", errLine: 2, errText: "second root"},
		{name: "unsupported encoding", xml: "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><manifest/>", errLine: 1, errText: "unsupported encoding"},
		{
			name:  "latin-1 encoding",
			xml:   "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><manifest xmlns:android=\"http://schemas.android.com/apk/res/android\" package=\"a.b\" android:versionName=\"caf\xe9\"/>",
			perms: []string{},
			app:   audit.App{ID: "a.b", Version: "café"},
			facts: []string{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ParseManifestXML([]byte(tc.xml))
			if tc.errText != "" {
				var pe *audit.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("want a ParseError, got %v", err)
				}
				if !strings.Contains(pe.Error(), tc.errText) || pe.Line != tc.errLine {
					t.Fatalf("error = %q at line %d, want %q at line %d", pe.Error(), pe.Line, tc.errText, tc.errLine)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Platform != audit.Android || d.Artifact.Kind != KindManifestXML {
				t.Errorf("platform/kind = %s/%s", d.Platform, d.Artifact.Kind)
			}
			if got, want := joined(permLines(d.Permissions)), joined(tc.perms); got != want {
				t.Errorf("permissions:\n%s\nwant:\n%s", got, want)
			}
			if d.App != tc.app {
				t.Errorf("app = %+v, want %+v", d.App, tc.app)
			}
			if got, want := joined(factLines(d.Facts)), joined(tc.facts); got != want {
				t.Errorf("facts:\n%s\nwant:\n%s", got, want)
			}
			if got, want := joined(noteRules(d.Notes)), joined(tc.notes); got != want {
				t.Errorf("notes = %v, want %v", noteRules(d.Notes), tc.notes)
			}
		})
	}
}

func TestParseManifestXMLTooLarge(t *testing.T) {
	big := make([]byte, 16<<20+1)
	if _, err := ParseManifestXML(big); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("err = %v, want a size limit error", err)
	}
}

func TestLooksLikeManifestXML(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{manifestHead, true},
		{"\ufeff<manifest>", true},
		{"<?xml version=\"1.0\"?>\n<!-- a -->\n<!DOCTYPE manifest [<!ENTITY x \"y\">]>\n<manifest package=\"a\"", true},
		{"  \n<manifest", true}, // the head ends inside the root tag
		{"<manifest ", true},
		{"<manifestation>", false},
		{"<manifestation", false},
		{"<resources/>", false},
		{"<android:manifest/>", true},
		{"<?xml version=\"1.0\"?><plist/>", false},
		{"text <manifest/>", false},
		{"", false},
		{"\x03\x00\x08\x00", false},
	}
	for _, tc := range tests {
		if got := LooksLikeManifestXML([]byte(tc.head)); got != tc.want {
			t.Errorf("LooksLikeManifestXML(%q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}
