package harmony_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/harmony"
)

// perm is the part of a permission the table checks.
type perm struct {
	name       string
	line       int
	purpose    string
	hasPurpose bool
	scene      *audit.UsedScene
}

func perms(d audit.Declaration) []perm {
	out := []perm{}
	for _, p := range d.Permissions {
		out = append(out, perm{p.Name, p.Line, p.Purpose, p.HasPurpose, p.UsedScene})
	}
	return out
}

// wantParseError checks err is an *audit.ParseError at line (any line
// when line < 0) whose text holds every fragment.
func wantParseError(t *testing.T, err error, line int, fragments ...string) {
	t.Helper()
	var pe *audit.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error = %v (%T), want *audit.ParseError", err, err)
	}
	if line >= 0 && pe.Line != line {
		t.Errorf("error line = %d, want %d (%v)", pe.Line, line, err)
	}
	for _, f := range fragments {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not mention %q", err, f)
		}
	}
}

const happyJSON5 = `/*
 * Licensed under the Apache License, Version 2.0
 *     http://www.apache.org/licenses/LICENSE-2.0
 */
{
  module: {
    name: 'entry', // single quotes, unquoted key
    "type": "entry",
    abilities: [{name: 'EntryAbility', backgroundModes: ['location', 'audioPlayback',],},],
    requestPermissions: [
      // network
      {name: 'ohos.permission.INTERNET'},
      {
        'name': "ohos.permission.CAMERA",
        reason: '$string:camera_reason',
        usedScene: {abilities: ['EntryAbility',], when: 'inuse',},
      },
      /* empty usedScene, empty reason */
      {
        "name": 'ohos.permission.MICROPHONE', reason: '', usedScene: {},
      },
    ],
  },
}
`

func TestParseModule(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		kind      string
		module    audit.Module
		perms     []perm
		facts     []audit.Fact
		errLine   int
		errSubstr []string
	}{
		{
			name: "json5 with comments, trailing commas, unquoted keys, single quotes",
			in:   happyJSON5, kind: "module-json5",
			module: audit.Module{Name: "entry", Kind: "entry"},
			perms: []perm{
				{name: "ohos.permission.INTERNET", line: 12},
				{name: "ohos.permission.CAMERA", line: 14, purpose: "$string:camera_reason", hasPurpose: true,
					scene: &audit.UsedScene{Abilities: []string{"EntryAbility"}, When: "inuse", HasWhen: true}},
				{name: "ohos.permission.MICROPHONE", line: 20, hasPurpose: true, scene: &audit.UsedScene{}},
			},
			facts: []audit.Fact{
				{Key: "module.abilities.EntryAbility.backgroundModes", Value: "audioPlayback", Line: 9},
				{Key: "module.abilities.EntryAbility.backgroundModes", Value: "location", Line: 9},
			},
		},
		{
			name:   "missing reason and usedScene",
			in:     "{\n\"module\": {\"name\": \"entry\",\n\"requestPermissions\": [\n{\"name\": \"ohos.permission.LOCATION\"}\n]}}",
			kind:   "module-json5",
			module: audit.Module{Name: "entry"},
			perms:  []perm{{name: "ohos.permission.LOCATION", line: 4}},
		},
		{
			name:   "no requestPermissions",
			in:     `{module: {name: 'lib', type: 'har'}}`,
			kind:   "module-json5",
			module: audit.Module{Name: "lib", Kind: "har"},
			perms:  []perm{},
		},
		{
			name:   "CRLF and lone CR line endings",
			in:     "{\r\n module: {\r\n requestPermissions: [\r\n {name: 'a'},\r {name: 'b'}]}}",
			kind:   "module-json5",
			perms:  []perm{{name: "a", line: 4}, {name: "b", line: 5}},
			module: audit.Module{},
		},
		{
			name:   "byte order mark",
			in:     "\ufeff{module: {requestPermissions: [{name: 'a'}]}}",
			kind:   "module-json5",
			perms:  []perm{{name: "a", line: 1}},
			module: audit.Module{},
		},
		{
			name:   "escaped key and duplicate keys: the last one counts",
			in:     "{module: {\nrequestPermissions: [{name: 'old'}],\nrequestPermissions: [\n{'n\\u0061me': 'x', \nname: 'new'}]}}",
			kind:   "module-json5",
			perms:  []perm{{name: "new", line: 5}},
			module: audit.Module{},
		},
		{
			name:   "strings holding comment markers and quotes",
			in:     "{module: {requestPermissions: [\n{reason: \"/* not a comment\", \n name: 'it\\'s // fine'}]}}",
			kind:   "module-json5",
			perms:  []perm{{name: "it's // fine", line: 3, purpose: "/* not a comment", hasPurpose: true}},
			module: audit.Module{},
		},
		{
			name: "compiled module.json with app merged in",
			in: `{"app":{"bundleName":"com.example.app","versionName":"1.2.0","minAPIVersion":50000012,"targetAPIVersion":50000012,"debug":true},` +
				`"module":{"name":"entry","type":"entry","requestPermissions":[{"name":"ohos.permission.INTERNET","reason":"$string:r","reasonId":16777219}]}}`,
			kind:   "module-json",
			module: audit.Module{Name: "entry", Kind: "entry"},
			perms:  []perm{{name: "ohos.permission.INTERNET", line: 1, purpose: "$string:r", hasPurpose: true}},
			facts: []audit.Fact{{Key: "app.debug", Value: "true", Line: 1},
				{Key: "app.minAPIVersion", Value: "50000012", Line: 1}, {Key: "app.targetAPIVersion", Value: "50000012", Line: 1}},
		},
		{
			name: "FA config.json is read as such",
			in: `{"app":{"bundleName":"com.example.fa","version":{"code":1,"name":"1.0"},"apiVersion":{"compatible":6,"target":7}},` +
				"\n" + `"module":{"distro":{"moduleName":"entry","moduleType":"entry"},"reqPermissions":[` + "\n" +
				`{"name":"ohos.permission.CAMERA","usedScene":{"ability":[".MainAbility"],"when":"always"}}]}}`,
			kind:   "config-json",
			module: audit.Module{Name: "entry", Kind: "entry"},
			perms: []perm{{name: "ohos.permission.CAMERA", line: 3,
				scene: &audit.UsedScene{Abilities: []string{".MainAbility"}, When: "always", HasWhen: true}}},
		},

		{name: "empty file", in: "", errSubstr: []string{"empty"}},
		{name: "only space", in: " \n\t\n", errSubstr: []string{"empty"}},
		{name: "only a comment", in: "// nothing\n", errLine: 1, errSubstr: []string{"invalid JSON5"}},
		{name: "missing comma", in: "{\n  module: {\n    name: 'entry'\n    type: 'entry'\n  }\n}", errLine: 4, errSubstr: []string{"invalid JSON5"}},
		{name: "cut short", in: "{\n  module: {\n    name: 'entry',\n", errLine: 3, errSubstr: []string{"invalid JSON5"}},
		{name: "unterminated block comment", in: "{\n/* never closed *\n}", errLine: 2, errSubstr: []string{"unterminated /* comment"}},
		{name: "unterminated comment the json5 library would close", in: "{module: {}}\n/* x */ /* * y/", errLine: 2, errSubstr: []string{"unterminated"}},
		{name: "unterminated string", in: "{\nmodule: {name: 'entry}}\n", errLine: 2, errSubstr: []string{"unterminated string"}},
		{name: "nesting too deep", in: strings.Repeat("[", 100000), errLine: 1, errSubstr: []string{"nesting deeper"}},
		{name: "top level array", in: "[1, 2]", errLine: 1, errSubstr: []string{"top level is an array"}},
		{name: "no module", in: "{app: {bundleName: 'x'}, other: 1}", errLine: 1, errSubstr: []string{`no "module" object`}},
		{name: "module not an object", in: "{\nmodule: [1]}", errLine: 2, errSubstr: []string{"module is an array, want an object"}},
		{name: "requestPermissions not an array", in: "{module: {\n requestPermissions: {name: 'x'}}}", errLine: 2,
			errSubstr: []string{"module.requestPermissions is an object, want an array"}},
		{name: "entry not an object", in: "{module: {requestPermissions: [\n'ohos.permission.CAMERA']}}", errLine: 2,
			errSubstr: []string{"module.requestPermissions[0] is a string, want an object"}},
		{name: "name not a string", in: "{module: {requestPermissions: [{name: 'a'},\n{\nname: 42}]}}", errLine: 3,
			errSubstr: []string{"module.requestPermissions[1].name is a number, want a string"}},
		{name: "reason not a string", in: "{module: {requestPermissions: [{name: 'a',\n reason: ['x']}]}}", errLine: 2,
			errSubstr: []string{"module.requestPermissions[0].reason is an array, want a string"}},
		{name: "usedScene not an object", in: "{module: {requestPermissions: [{name: 'a',\n usedScene: 'inuse'}]}}", errLine: 2,
			errSubstr: []string{"module.requestPermissions[0].usedScene is a string, want an object"}},
		{name: "abilities not strings", in: "{module: {requestPermissions: [{name: 'a', usedScene: {abilities: [\n1]}}]}}", errLine: 2,
			errSubstr: []string{"module.requestPermissions[0].usedScene.abilities[0] is a number, want a string"}},
		{name: "module name not a string", in: "{module: {name: true}}", errLine: 1,
			errSubstr: []string{"module.name is a boolean, want a string"}},
		{name: "app level of the wrong type", in: `{"app": {"minAPIVersion": [9]}, "module": {"name": "e"}}`, errLine: 1,
			errSubstr: []string{"app.minAPIVersion is an array, want a number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := harmony.ParseModule([]byte(tt.in))
			if tt.errSubstr != nil {
				wantParseError(t, err, tt.errLine, tt.errSubstr...)
				return
			}
			if err != nil {
				t.Fatalf("ParseModule: %v", err)
			}
			if d.Platform != audit.HarmonyOS || d.Artifact.Kind != tt.kind {
				t.Errorf("platform, kind = %q, %q, want harmonyos, %q", d.Platform, d.Artifact.Kind, tt.kind)
			}
			if len(d.Modules) != 1 || d.Modules[0] != tt.module {
				t.Errorf("modules = %+v, want [%+v]", d.Modules, tt.module)
			}
			if got := perms(d); !reflect.DeepEqual(got, tt.perms) {
				t.Errorf("permissions:\n got %+v\nwant %+v", got, tt.perms)
			}
			for _, p := range d.Permissions {
				if p.Form != audit.FormRequestPermission || p.Module != tt.module.Name || p.Category != "" {
					t.Errorf("permission %s: form %q module %q category %q", p.Name, p.Form, p.Module, p.Category)
				}
			}
			if !reflect.DeepEqual(d.Facts, tt.facts) {
				t.Errorf("facts:\n got %+v\nwant %+v", d.Facts, tt.facts)
			}
		})
	}
}

func TestParseModuleApp(t *testing.T) {
	in := `{"app":{"bundleName":"com.example.app","versionName":"1.2.0","apiVersion":{"compatible":9,"target":"10"}},"module":{"name":"e"}}`
	d, err := harmony.ParseModule([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := audit.App{ID: "com.example.app", Version: "1.2.0", MinLevel: "9", TargetLevel: "10"}
	if d.App != want {
		t.Errorf("app = %+v, want %+v", d.App, want)
	}
}

func TestSniffJSON(t *testing.T) {
	tests := []struct {
		name, in, kind string
	}{
		{"module.json5", "// c\n{module: {name: 'entry', type: 'entry',}}", "module-json5"},
		{"module.json5 with only permissions", `{"module": {"requestPermissions": []}}`, "module-json5"},
		{"compiled module.json", `{"app": {"bundleName": "a"}, "module": {"name": "entry", "type": "entry", "abilities": []}}`, "module-json"},
		{"json5 with app is still source", `{app: {bundleName: 'a'}, module: {name: 'entry'}}`, "module-json5"},
		{"app.json5", "/* x */ {app: {bundleName: 'com.a', versionName: '1'}}", "app-json5"},
		{"FA config.json", `{"app": {"bundleName": "a", "version": {"name": "1"}}, "module": {"reqPermissions": []}}`, "config-json"},
		{"FA config.json by abilities", `{"app": {"bundleName": "a"}, "module": {"name": ".e", "abilities": []}}`, "config-json"},
		{"package.json", `{"name": "x", "version": "1.0.0"}`, ""},
		{"module without known keys", `{"module": {"foo": 1}}`, ""},
		{"app without bundleName", `{"app": {"vendor": "x"}}`, ""},
		{"not json", "hello world", ""},
		{"xml", `<?xml version="1.0"?><manifest/>`, ""},
		{"broken json5", "{module: {name: }", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, ok := harmony.SniffJSON([]byte(tt.in))
			if kind != tt.kind || ok != (tt.kind != "") {
				t.Errorf("SniffJSON = %q, %v; want %q", kind, ok, tt.kind)
			}
		})
	}
}

func asParseError(err error) *audit.ParseError {
	var pe *audit.ParseError
	if errors.As(err, &pe) {
		return pe
	}
	return nil
}

// TestUnnamedPermissionIsANote: a requestPermissions entry without a name
// is a finding about that entry, as Android's unnamed uses-permission is;
// the other entries are still read.
func TestUnnamedPermissionIsANote(t *testing.T) {
	tests := []struct {
		name, in  string
		perms     []string
		noteLines []int
	}{
		{"name missing", "{module: {name: 'e', requestPermissions: [\n{reason: 'why'},\n{name: 'ohos.permission.INTERNET'}]}}",
			[]string{"ohos.permission.INTERNET"}, []int{2}},
		{"name empty", "{module: {name: 'e', requestPermissions: [{name: 'ohos.permission.CAMERA'},\n{name: ''}]}}",
			[]string{"ohos.permission.CAMERA"}, []int{2}},
		{"FA reqPermissions", `{"app": {"bundleName": "b"}, "module": {"distro": {"moduleName": "e"}, "reqPermissions": [{"reason": "r"}]}}`,
			[]string{}, []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := harmony.ParseModule([]byte(tt.in))
			if err != nil {
				t.Fatalf("ParseModule: %v", err)
			}
			names := []string{}
			for _, p := range d.Permissions {
				names = append(names, p.Name)
			}
			if !reflect.DeepEqual(names, tt.perms) {
				t.Errorf("permissions = %v, want %v", names, tt.perms)
			}
			var lines []int
			for _, n := range d.Notes {
				if n.RuleID != harmony.RulePermissionUnnamed || n.Severity != audit.SeverityWarning || !strings.Contains(n.Message, "has no name") {
					t.Errorf("note = %+v", n)
				}
				lines = append(lines, n.Line)
			}
			if !reflect.DeepEqual(lines, tt.noteLines) {
				t.Errorf("note lines = %v, want %v", lines, tt.noteLines)
			}
		})
	}
}
