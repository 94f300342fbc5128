package ios

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/permaudit/permaudit/audit"
)

const fixtureIOS = "../../testdata/projects/rn-app/ios"

func notesOf(d audit.Declaration) string {
	var out []string
	for _, n := range d.Notes {
		out = append(out, n.RuleID+" "+n.Entry+": "+n.Message)
	}
	return strings.Join(out, "\n")
}

func TestXcodeProjectReleaseBuild(t *testing.T) {
	apps, err := ReadXcodeProject(os.DirFS(fixtureIOS), "RnChat.xcodeproj", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(apps) != 1 {
		t.Fatalf("%d apps; the unit-test target is not an app and the extension belongs to RnChat", len(apps))
	}
	d := apps[0].Declaration
	if d.App != (audit.App{ID: "com.example.RnChat", Version: "3.1.0", MinLevel: "15.1"}) {
		t.Errorf("app %+v: want $(PRODUCT_BUNDLE_IDENTIFIER) with its rfc1034identifier modifier, MARKETING_VERSION, IPHONEOS_DEPLOYMENT_TARGET", d.App)
	}
	if len(d.Modules) != 2 || d.Modules[1] != (audit.Module{Name: "NotificationService", Kind: "app-extension", ID: "com.example.rnchat.NotificationService"}) {
		t.Errorf("modules %+v", d.Modules)
	}
	got := map[string]string{}
	for _, p := range d.Permissions {
		got[p.Name] = p.Module + " | " + p.Entry + " | " + p.Purpose
	}
	want := map[string]string{
		"NSCameraUsageDescription":            "RnChat | RnChat.xcodeproj/project.pbxproj | RnChat uses the camera so you can send photos in a chat.",
		"NSMicrophoneUsageDescription":        "RnChat | RnChat.xcodeproj/project.pbxproj | RnChat records the voice messages you send.",
		"NSLocationWhenInUseUsageDescription": "RnChat | RnChat/Info.plist | RnChat shares your location only in messages you send.",
		"aps-environment":                     "RnChat | RnChat/RnChat.entitlements | ",
		"remote-notification":                 "RnChat | RnChat/Info.plist | ",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
	notes := notesOf(d)
	for _, w := range []string{
		"purpose-string-empty RnChat/fr.lproj/InfoPlist.strings: NSMicrophoneUsageDescription: the fr translation is empty",
		"project-unresolved RnChat.xcodeproj/project.pbxproj: target RnChat (Release): $(CURRENT_PROJECT_VERSION) not set",
	} {
		if !strings.Contains(notes, w) {
			t.Errorf("notes lack %q:\n%s", w, notes)
		}
	}
	if strings.Contains(notes, "de.lproj") {
		t.Errorf("the UTF-16 German translation is not empty:\n%s", notes)
	}
}

func TestXcodeConfigurationChoosesSettings(t *testing.T) {
	apps, err := ReadXcodeProject(os.DirFS(fixtureIOS), "RnChat.xcodeproj", "Debug")
	if err != nil {
		t.Fatal(err)
	}
	d := apps[0].Declaration
	if d.App.ID != "com.example.RnChat.debug" {
		t.Errorf("Debug id %q", d.App.ID)
	}
	for _, p := range d.Permissions {
		if p.Name == "NSMicrophoneUsageDescription" {
			t.Error("the microphone key is set only in Release")
		}
	}
	_, err = ReadXcodeProject(os.DirFS(fixtureIOS), "RnChat.xcodeproj", "Staging")
	if err == nil || !strings.Contains(err.Error(), `no build configuration "Staging"; the project has [Debug Release]`) {
		t.Errorf("err = %v", err)
	}
}

func TestSettingsExpansion(t *testing.T) {
	target := xcodeTarget{Name: "My App", Settings: map[string]string{
		"PRODUCT_NAME": "$(TARGET_NAME)", "ORG": "com.example", "ID": "${ORG}.$(PRODUCT_NAME:rfc1034identifier)",
		"LOOP": "$(LOOP)x", "MOD": "$(PRODUCT_NAME:c99extidentifier)", "LOW": "$(ORG:upper)",
	}}
	tests := []struct{ in, want string }{
		{"$(ID)", "com.example.My-App"},
		{"$(MOD)", "My_App"},
		{"$(LOW)", "COM.EXAMPLE"},
		{"$(SRCROOT)/App/Info.plist", "./App/Info.plist"},
		{"$(NOPE)", "$(NOPE)"},
		{"$(inherited) -ObjC", " -ObjC"},
	}
	for _, tt := range tests {
		x := newExpander(target, "Proj", "Release")
		if got := x.expand(tt.in); got != tt.want {
			t.Errorf("expand(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	x := newExpander(target, "Proj", "Release")
	if got := x.expand("$(LOOP)"); !strings.HasSuffix(got, "x") { // a cycle stops
		t.Errorf("cycle gave %q", got)
	}
	x.expand("$(NOPE)")
	if !x.unresolved["NOPE"] {
		t.Error("an unset name is recorded as unresolved")
	}
}

func TestStringsFiles(t *testing.T) {
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range `"A" = "";` {
		utf16 = append(utf16, byte(r), 0)
	}
	tests := []struct {
		name string
		data []byte
		want map[string]string
	}{
		{"utf-8 with comments", []byte("/* c */\n// d\n\"A\" = \"x\";\n\"B\" = \"\";\n"), map[string]string{"A": "x", "B": ""}},
		{"utf-16", utf16, map[string]string{"A": ""}},
	}
	for _, tt := range tests {
		got, err := parseStringsFile(tt.data)
		if err != nil || len(got) != len(tt.want) {
			t.Fatalf("%s: %v, %v", tt.name, got, err)
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q", tt.name, k, got[k], v)
			}
		}
	}
	if _, err := parseStringsFile([]byte(`"A" = `)); err == nil {
		t.Error("a truncated strings file is an error")
	}
}

func TestStringCatalogEmptyTranslation(t *testing.T) {
	pbx, err := os.ReadFile(fixtureIOS + "/RnChat.xcodeproj/project.pbxproj")
	if err != nil {
		t.Fatal(err)
	}
	plist, _ := os.ReadFile(fixtureIOS + "/RnChat/Info.plist")
	fsys := fstest.MapFS{
		"A.xcodeproj/project.pbxproj":    {Data: []byte(strings.ReplaceAll(string(pbx), "CODE_SIGN_ENTITLEMENTS = RnChat/RnChat.entitlements;", ""))},
		"RnChat/Info.plist":              {Data: plist},
		"RnChat/InfoPlist.xcstrings":     {Data: []byte(`{"sourceLanguage":"en","strings":{"NSCameraUsageDescription":{"localizations":{"ja":{"stringUnit":{"state":"translated","value":" "}}}}}}`)},
		"NotificationService/Info.plist": {Data: plist},
	}
	apps, err := ReadXcodeProject(fsys, "A.xcodeproj", "Release")
	if err != nil {
		t.Fatal(err)
	}
	if notes := notesOf(apps[0].Declaration); !strings.Contains(notes, "NSCameraUsageDescription: the ja translation is empty") {
		t.Errorf("notes:\n%s", notes)
	}
}

func FuzzXcodeProject(f *testing.F) {
	pbx, _ := os.ReadFile(fixtureIOS + "/RnChat.xcodeproj/project.pbxproj")
	f.Add(string(pbx), `"A" = "";`)
	f.Add(`{ objects = { a = { isa = PBXProject; targets = ( b ); }; }; rootObject = a; }`, "")
	f.Fuzz(func(t *testing.T, project, strs string) {
		fsys := fstest.MapFS{
			"A.xcodeproj/project.pbxproj":       {Data: []byte(project)},
			"RnChat/fr.lproj/InfoPlist.strings": {Data: []byte(strs)},
		}
		_, _ = ReadXcodeProject(fsys, "A.xcodeproj", "")
	})
}

// TestXcodeSettingsFromXcconfig: Flutter keeps the version in
// Generated.xcconfig, included by the Release.xcconfig the configuration
// is based on (found through the group tree).
func TestXcodeSettingsFromXcconfig(t *testing.T) {
	apps, err := ReadXcodeProject(os.DirFS("../../testdata/projects/flutter-app/ios"), "Runner.xcodeproj", "")
	if err != nil {
		t.Fatal(err)
	}
	d := apps[0].Declaration
	if d.App != (audit.App{ID: "com.example.fieldNotes", Version: "2.0.1", MinLevel: "12.0"}) {
		t.Errorf("app %+v", d.App)
	}
	if notes := notesOf(d); notes != "" {
		t.Errorf("every reference resolves through the xcconfig files:\n%s", notes)
	}
	var read []string
	for _, f := range d.Facts {
		if f.Key == "project.buildFile" {
			read = append(read, f.Value)
		}
	}
	if want := "Flutter/Generated.xcconfig Flutter/Release.xcconfig Runner.xcodeproj/project.pbxproj"; strings.Join(read, " ") != want {
		t.Errorf("read %v, want %s", read, want)
	}
}

// TestDeepOpenStepRefused: nesting is refused before the recursive
// parser sees it, in a project file and in a strings file.
func TestDeepOpenStepRefused(t *testing.T) {
	deep := []byte("{ a = " + strings.Repeat("(", 1<<20) + " }")
	if _, err := parsePbxproj(deep); err == nil || !strings.Contains(err.Error(), "nests deeper") {
		t.Errorf("pbxproj: %v", err)
	}
	if _, err := parseStringsFile(deep[2:]); err == nil {
		t.Error("strings file: no error")
	}
	if openStepTooDeep([]byte(`{ a = "((((((((" ; /* (((( */ b = ( c ); }`)) {
		t.Error("brackets in strings and comments count")
	}
}
