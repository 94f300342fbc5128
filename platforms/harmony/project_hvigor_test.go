package harmony

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/permaudit/permaudit/audit"
)

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func TestSdkLevel(t *testing.T) {
	for in, want := range map[string]string{"5.0.0(12)": "12", "4.1.0(11)": "11", "5.0.3 (15)": "15", "12": "12", " 9 ": "9", "": ""} {
		if got := sdkLevel(in); got != want {
			t.Errorf("sdkLevel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReasonsResolvedFromResources(t *testing.T) {
	module := `{ module: { name: 'entry', type: 'entry', requestPermissions: [ { name: 'ohos.permission.CAMERA', reason: 'REASON' } ] } }`
	own := `{ "string": [ { "name": "cam", "value": "Photos you send" }, { "name": "empty", "value": "" } ] }`
	scope := `{ "string": [ { "name": "shared", "value": "From AppScope" } ] }`
	tests := []struct {
		reason, purpose, note string
	}{
		{"$string:cam", "Photos you send", ""},
		{"$string:empty", "", ""},
		{"$string:shared", "From AppScope", ""},
		{"$string:nope", "$string:nope", "reason $string:nope is not in p/entry/src/main/resources/base/element/string.json or p/AppScope/resources/base/element/string.json"},
		{"Plain text", "Plain text", ""},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			fsys := mapFS(map[string]string{
				"p/AppScope/app.json5":                                `{ app: { bundleName: 'com.example.x', versionName: '1.0' } }`,
				"p/AppScope/resources/base/element/string.json":       scope,
				"p/entry/src/main/module.json5":                       strings.Replace(module, "REASON", tt.reason, 1),
				"p/entry/src/main/resources/base/element/string.json": own,
			})
			d, err := ParseModuleFile(fsys, "p/entry/src/main/module.json5", fsys["p/entry/src/main/module.json5"].Data, same)
			if err != nil {
				t.Fatal(err)
			}
			if p := d.Permissions[0]; p.Purpose != tt.purpose || !p.HasPurpose {
				t.Errorf("purpose %q (has %v), want %q", p.Purpose, p.HasPurpose, tt.purpose)
			}
			var notes []string
			for _, n := range d.Notes {
				notes = append(notes, n.Message)
			}
			if got := strings.Join(notes, "\n"); (tt.note == "") != (got == "") || !strings.Contains(got, tt.note) {
				t.Errorf("notes %q, want %q", got, tt.note)
			}
			if d.App.ID != "com.example.x" {
				t.Errorf("app id %q: AppScope not read", d.App.ID)
			}
		})
	}
}

func TestHvigorProjectFixture(t *testing.T) {
	const dir = "../../testdata/projects/rn-app/harmony"
	if _, err := os.Stat(dir); err != nil {
		t.Fatal(err)
	}
	d, ok, err := ReadHvigorProject(os.DirFS(dir))
	if err != nil || !ok {
		t.Fatalf("ok %v, err %v", ok, err)
	}
	if d.App != (audit.App{ID: "com.example.rnchat", Version: "3.1.0", MinLevel: "12", TargetLevel: "12"}) {
		t.Errorf("app %+v", d.App)
	}
	got := map[string]string{}
	for _, p := range d.Permissions {
		got[strings.TrimPrefix(p.Name, "ohos.permission.")] = p.Module + " " + p.Entry + " " + p.Purpose
	}
	want := map[string]string{
		"INTERNET":               "entry entry/src/main/module.json5 ",
		"GET_NETWORK_INFO":       "entry entry/src/main/module.json5 RnChat checks the connection before sending a message.",
		"MICROPHONE":             "entry entry/src/main/module.json5 RnChat records voice messages you choose to send.",
		"APPROXIMATELY_LOCATION": "entry entry/src/main/module.json5 ",
		"CAMERA":                 "camera_har camera_har/src/main/module.json5 $string:reason_camera",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
	rules := map[string]int{}
	for _, n := range d.Notes {
		rules[n.RuleID]++
	}
	if rules[RuleReasonUnresolved] != 1 || rules[audit.RuleProjectUnresolved] != 1 {
		t.Errorf("notes %+v: want the unresolved camera reason and the ohpm dependency", d.Notes)
	}
}

func TestHvigorProjectWithoutEntryModule(t *testing.T) {
	_, ok, err := ReadHvigorProject(mapFS(map[string]string{
		"build-profile.json5":       `{ app: { products: [{ name: 'default', compatibleSdkVersion: 12 }] }, modules: [{ name: 'lib', srcPath: './lib' }] }`,
		"lib/src/main/module.json5": `{ module: { name: 'lib', type: 'har', requestPermissions: [{ name: 'ohos.permission.CAMERA' }] } }`,
	}))
	if err != nil || ok {
		t.Fatalf("a HAR-only project: ok %v, err %v; it builds no app", ok, err)
	}
}

func TestHvigorProjectErrorsNameTheFile(t *testing.T) {
	_, _, err := ReadHvigorProject(mapFS(map[string]string{
		"build-profile.json5":         `{ app: {}, modules: [{ name: 'entry', srcPath: './entry' }] }`,
		"entry/src/main/module.json5": `{ module: { name: 'entry', type: 'entry', requestPermissions: [ { name: } ] } }`,
	}))
	var pe *audit.ParseError
	if err == nil || !asParseError(err, &pe) || pe.Entry != "entry/src/main/module.json5" {
		t.Fatalf("err = %v", err)
	}
}

func FuzzHvigorProject(f *testing.F) {
	f.Add(`{ app: { products: [{ compatibleSdkVersion: '5.0.0(12)' }] }, modules: [{ name: 'entry', srcPath: './entry' }] }`,
		`{ module: { name: 'entry', type: 'entry', requestPermissions: [{ name: 'ohos.permission.CAMERA', reason: '$string:x' }] } }`,
		`{ "string": [ { "name": "x", "value": "y" } ] }`, `{ dependencies: { a: 'file:../a' } }`)
	f.Fuzz(func(t *testing.T, profile, module, strs, pkg string) {
		_, _, _ = ReadHvigorProject(mapFS(map[string]string{
			"build-profile.json5": profile, "entry/src/main/module.json5": module,
			"entry/src/main/resources/base/element/string.json": strs, "entry/oh-package.json5": pkg,
		}))
	})
}

func asParseError(err error, pe **audit.ParseError) bool { return errors.As(err, pe) }

// Registry packages of a module's oh-package.json5 name the SDKs the app
// packages: each becomes a library of the module and an ohpm signal.
func TestHvigorProjectListsOhpmPackages(t *testing.T) {
	d, ok, err := ReadHvigorProject(os.DirFS("../../testdata/projects/sdk-app/harmony"))
	if err != nil || !ok {
		t.Fatalf("%v, %t", err, ok)
	}
	var libs, signals []string
	for _, l := range d.Libraries {
		libs = append(libs, l.Name+" "+l.Version+" "+strings.Join(l.Modules, ",")+" "+l.Source)
	}
	for _, s := range d.Signals {
		signals = append(signals, string(s.Kind)+" "+s.Value)
	}
	if got := strings.Join(libs, "; "); got != "@easemob/chatsdk ^1.5.0 entry entry/oh-package.json5; @ohos/axios ^2.2.0 entry entry/oh-package.json5" {
		t.Errorf("libraries %s", got)
	}
	if got := strings.Join(signals, "; "); got != "ohpm @easemob/chatsdk ^1.5.0; ohpm @ohos/axios ^2.2.0" {
		t.Errorf("signals %s", got)
	}
}
