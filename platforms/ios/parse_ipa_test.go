package ios_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
	"github.com/permaudit/permaudit/platforms/ios"
	"github.com/permaudit/permaudit/platforms/ios/iostest"
)

func openZip(t testing.TB, data []byte) *archive.Zip {
	t.Helper()
	z, err := archive.Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return z
}

func chatApp() iostest.Bundle {
	return iostest.Bundle{
		Name: "Chat",
		Info: map[string]any{
			"CFBundleIdentifier":         "org.example.chat",
			"CFBundleShortVersionString": "3.2",
			"CFBundleVersion":            "320",
			"MinimumOSVersion":           "15.0",
			"NSCameraUsageDescription":   "Send photos.",
			"UIBackgroundModes":          []any{"remote-notification"},
		},
		Entitlements: map[string]any{"aps-environment": "production", "com.apple.security.application-groups": []any{"group.org.example.chat"}},
		CodeSize:     200 << 10,
		Provision: map[string]any{
			"TeamIdentifier": []any{"ABCDE12345"},
			"ExpirationDate": mustTime("2027-01-01T00:00:00Z"),
			"Entitlements":   map[string]any{"aps-environment": "production", "get-task-allow": false},
		},
		XCEnt:           map[string]any{"aps-environment": "production"},
		PrivacyManifest: map[string]any{"NSPrivacyTracking": false, "NSPrivacyAccessedAPITypes": []any{map[string]any{"NSPrivacyAccessedAPIType": "NSPrivacyAccessedAPICategoryUserDefaults", "NSPrivacyAccessedAPITypeReasons": []any{"CA92.1"}}}},
		Frameworks:      map[string]map[string]any{"Analytics": sdkManifest()},
		Extensions: []iostest.Bundle{{
			Name:         "NotificationService",
			XMLInfo:      true,
			Info:         map[string]any{"CFBundleIdentifier": "org.example.chat.nse", "NSMicrophoneUsageDescription": "Play voice messages."},
			Entitlements: map[string]any{"com.apple.security.application-groups": []any{"group.org.example.chat"}},
		}},
	}
}

func TestParseIPA(t *testing.T) {
	for _, store := range []bool{false, true} {
		app := chatApp()
		app.StoreExecutable = store
		d, err := ios.ParseIPA(openZip(t, iostest.IPA(app)))
		if err != nil {
			t.Fatal(err)
		}
		if d.Artifact.Kind != ios.KindIPA || d.App != (audit.App{ID: "org.example.chat", Version: "3.2", MinLevel: "15.0"}) {
			t.Errorf("kind %q app %+v", d.Artifact.Kind, d.App)
		}
		wantModules := []audit.Module{
			{Name: "Analytics.framework", Kind: ios.ModuleFramework, Entry: "Payload/Chat.app/Frameworks/Analytics.framework"},
			{Name: "NotificationService.appex", Kind: ios.ModuleAppExtension, Entry: "Payload/Chat.app/PlugIns/NotificationService.appex", ID: "org.example.chat.nse"},
		}
		if len(d.Modules) != 2 || d.Modules[0] != wantModules[0] || d.Modules[1] != wantModules[1] {
			t.Errorf("modules %+v", d.Modules)
		}
		has := func(name, module, entry string) bool {
			for _, p := range d.Permissions {
				if p.Name == name && p.Module == module && p.Entry == entry {
					return true
				}
			}
			return false
		}
		for _, w := range []struct{ name, module, entry string }{
			{"NSCameraUsageDescription", "", "Payload/Chat.app/Info.plist"},
			{"remote-notification", "", "Payload/Chat.app/Info.plist"},
			{"aps-environment", "", "Payload/Chat.app/Chat"},
			{"aps-environment", "", "Payload/Chat.app/embedded.mobileprovision"},
			{"aps-environment", "", "Payload/Chat.app/archived-expanded-entitlements.xcent"},
			{"NSMicrophoneUsageDescription", "NotificationService.appex", "Payload/Chat.app/PlugIns/NotificationService.appex/Info.plist"},
			{"com.apple.security.application-groups", "NotificationService.appex", "Payload/Chat.app/PlugIns/NotificationService.appex/NotificationService"},
		} {
			if !has(w.name, w.module, w.entry) {
				t.Errorf("store=%v: no %s in module %q from %s; permissions %+v", store, w.name, w.module, w.entry, d.Permissions)
			}
		}
		facts := map[string]string{}
		for _, f := range d.Facts {
			if f.Entry == "" {
				t.Errorf("fact without entry: %+v", f)
			}
			facts[f.Key+"@"+f.Entry] = f.Value
		}
		for k, v := range map[string]string{
			"aps-environment@Payload/Chat.app/Chat":                                                                        "production",
			"provision.teamIdentifier@Payload/Chat.app/embedded.mobileprovision":                                           "ABCDE12345",
			"privacy.api.NSPrivacyAccessedAPICategoryUserDefaults@Payload/Chat.app/PrivacyInfo.xcprivacy":                  "CA92.1",
			"privacy.tracking@Payload/Chat.app/Frameworks/Analytics.framework/PrivacyInfo.xcprivacy":                       "true",
			"com.apple.security.application-groups@Payload/Chat.app/PlugIns/NotificationService.appex/NotificationService": "group.org.example.chat",
		} {
			if facts[k] != v {
				t.Errorf("fact %s = %q, want %q", k, facts[k], v)
			}
		}
		for _, p := range d.Permissions {
			if p.Entry == "Payload/Chat.app/Chat" && p.Line != 0 {
				t.Errorf("entitlement from a binary carries line %d", p.Line)
			}
		}
		if len(d.Notes) != 0 {
			t.Errorf("notes %+v", d.Notes)
		}
	}
}

func TestParseIPAFatExecutable(t *testing.T) {
	app := chatApp()
	app.Extensions, app.Frameworks = nil, nil
	fat := iostest.Fat(false, iostest.MachO{Bits32: true, Entitlements: entsXML, CodeSize: 70000}.Bytes(), iostest.MachO{Entitlements: entsXML}.Bytes())
	app.Executable = fat
	d, err := ios.ParseIPA(openZip(t, iostest.IPA(app)))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range d.Facts {
		found = found || f.Key == "aps-environment" && f.Entry == "Payload/Chat.app/Chat"
	}
	if !found {
		t.Errorf("no aps-environment from the fat executable: %+v", d.Facts)
	}
}

func TestParseIPANotes(t *testing.T) {
	app := chatApp()
	app.Executable = iostest.MachO{Unsigned: true}.Bytes()
	app.Frameworks = nil
	app.Extensions = []iostest.Bundle{{Name: "Share", Executable: []byte("not a Mach-O")}}
	data := iostest.IPA(app,
		iostest.File{Name: "Payload/Chat.app/PlugIns/Broken.appex/Info.plist", Data: []byte("<plist><dict><key>x</key></plist>")},
		iostest.File{Name: "Payload/Chat.app/Lib.bundle/PrivacyInfo.xcprivacy", Data: []byte("bplist00junk")},
	)
	d, err := ios.ParseIPA(openZip(t, data))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		ios.RuleUnsigned + "@Payload/Chat.app/Chat":                                           "no code signature",
		ios.RuleEntitlementsUnread + "@Payload/Chat.app/PlugIns/Share.appex/Share":            "not a Mach-O",
		ios.RuleBundleUnread + "@Payload/Chat.app/PlugIns/Broken.appex/Info.plist":            "line 1",
		ios.RulePrivacyManifestInvalid + "@Payload/Chat.app/Lib.bundle/PrivacyInfo.xcprivacy": "malformed binary property list",
	}
	got := map[string]string{}
	for _, n := range d.Notes {
		got[n.RuleID+"@"+n.Entry] = n.Message
	}
	for k, frag := range want {
		if !strings.Contains(got[k], frag) {
			t.Errorf("note %s = %q, want it to mention %q (all: %+v)", k, got[k], frag, d.Notes)
		}
	}
	if len(d.Notes) != len(want) {
		t.Errorf("notes %+v", d.Notes)
	}
}

func TestParseIPABroken(t *testing.T) {
	good := iostest.IPA(chatApp())
	tests := []struct {
		name  string
		data  []byte
		entry string
		msg   string
	}{
		{"no payload", iostest.Zip(iostest.File{Name: "README", Data: []byte("hi")}), "", "not an iOS app archive"},
		{"two apps", iostest.Zip(
			iostest.File{Name: "Payload/A.app/Info.plist", Data: iostest.BinaryPlist(map[string]any{})},
			iostest.File{Name: "Payload/B.app/Info.plist", Data: iostest.BinaryPlist(map[string]any{})}), "", "exactly one"},
		{"garbled Info.plist", iostest.Zip(iostest.File{Name: "Payload/A.app/Info.plist", Data: []byte("bplist00 garbage garbage garbage garbage garbage")}),
			"Payload/A.app/Info.plist", "malformed binary property list"},
		{"Info.plist is an array", iostest.Zip(iostest.File{Name: "Payload/A.app/Info.plist", Data: iostest.XMLPlist([]any{})}),
			"Payload/A.app/Info.plist", "not a dictionary"},
		{"empty Info.plist", iostest.Zip(iostest.File{Name: "Payload/A.app/Info.plist"}), "Payload/A.app/Info.plist", "empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ios.ParseIPA(openZip(t, tt.data))
			var pe *audit.ParseError
			if !errors.As(err, &pe) || pe.Entry != tt.entry || !strings.Contains(pe.Error(), tt.msg) {
				t.Errorf("err = %v, want entry %q and %q", err, tt.entry, tt.msg)
			}
		})
	}
	if !ios.LooksLikeIPA(openZip(t, good)) || ios.LooksLikeIPA(openZip(t, tests[0].data)) {
		t.Error("LooksLikeIPA is wrong")
	}
}

func TestParseIPANested(t *testing.T) {
	// An .ipa stored inside another archive: entries name their parent.
	outer := iostest.Zip(iostest.File{Name: "build/Chat.ipa", Data: iostest.IPA(chatApp()), Store: true})
	z := openZip(t, outer)
	inner, err := z.OpenNested(z.File("build/Chat.ipa"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := ios.ParseIPA(inner)
	if err != nil {
		t.Fatal(err)
	}
	if e := d.Permissions[0].Entry; !strings.HasPrefix(e, "build/Chat.ipa!/Payload/Chat.app/") {
		t.Errorf("entry %q", e)
	}
	if e := d.Modules[0].Entry; e != "build/Chat.ipa!/Payload/Chat.app/Frameworks/Analytics.framework" {
		t.Errorf("module entry %q", e)
	}
}

func TestParseIPADeterministic(t *testing.T) {
	a, _ := ios.ParseIPA(openZip(t, iostest.IPA(chatApp())))
	for i := 0; i < 5; i++ {
		b, _ := ios.ParseIPA(openZip(t, iostest.IPA(chatApp())))
		if !equalJSON(t, a, b) {
			t.Fatal("two parses of the same .ipa differ")
		}
	}
}
