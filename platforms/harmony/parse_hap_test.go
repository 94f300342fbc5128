package harmony_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
	"github.com/permaudit/permaudit/platforms/harmony"
	"github.com/permaudit/permaudit/platforms/harmony/harmonytest"
)

var (
	testApp  = harmonytest.App{BundleName: "com.example.app", VersionName: "1.2.3", MinAPI: 50000012, TargetAPI: 50000012, Debug: true}
	entryMod = harmonytest.Module{Name: "entry", Type: "entry",
		Abilities: []harmonytest.Ability{{Name: "EntryAbility", BackgroundModes: []string{"location"}}},
		Permissions: []harmonytest.Permission{
			{Name: "ohos.permission.LOCATION", Reason: "$string:loc", Abilities: []string{"EntryAbility"}, When: "inuse"},
			{Name: "ohos.permission.INTERNET"},
		},
		Strings: map[string]string{"loc": "Shows friends nearby"}}
	sharedMod = harmonytest.Module{Name: "library", Type: "shared",
		Permissions: []harmonytest.Permission{{Name: "ohos.permission.CAMERA", HasReason: true}}}
)

func openZip(t testing.TB, data []byte) *archive.Zip {
	t.Helper()
	z, err := archive.Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// summary is what the package tests compare: enough to see module,
// entry and identity without repeating every field.
type summary struct {
	Kind    string
	App     audit.App
	Modules []audit.Module
	Perms   []string // name@module@entry
	Facts   []string // key=value@entry
	Notes   []string
}

func summarize(d audit.Declaration) summary {
	s := summary{Kind: d.Artifact.Kind, App: d.App, Modules: d.Modules}
	for _, p := range d.Permissions {
		s.Perms = append(s.Perms, p.Name+"@"+p.Module+"@"+p.Entry)
	}
	for _, f := range d.Facts {
		s.Facts = append(s.Facts, f.Key+"="+f.Value+"@"+f.Entry)
	}
	for _, n := range d.Notes {
		s.Notes = append(s.Notes, n.RuleID+"@"+n.Entry)
	}
	return s
}

func TestParseHAP(t *testing.T) {
	// module.json says 50000012 (HarmonyOS NEXT for API 12): the level is
	// 12, as pack.info of the same app says, and the raw value a fact.
	app := audit.App{ID: "com.example.app", Version: "1.2.3", MinLevel: "12", TargetLevel: "12"}
	tests := []struct {
		name      string
		zip       []byte
		detect    string
		want      summary
		errEntry  string
		errSubstr string
	}{
		{
			name: "stage hap", zip: harmonytest.HAP(testApp, entryMod), detect: "hap",
			want: summary{Kind: "hap", App: app, Modules: []audit.Module{{Name: "entry", Kind: "entry"}},
				Perms: []string{"ohos.permission.LOCATION@entry@module.json", "ohos.permission.INTERNET@entry@module.json"},
				Facts: []string{"app.debug=true@module.json", "app.minAPIVersion=50000012@module.json", "app.targetAPIVersion=50000012@module.json",
					"module.abilities.EntryAbility.backgroundModes=location@module.json"}},
		},
		{
			name: "hsp", zip: harmonytest.HAP(testApp, sharedMod), detect: "hsp",
			want: summary{Kind: "hsp", App: app, Modules: []audit.Module{{Name: "library", Kind: "shared"}},
				Perms: []string{"ohos.permission.CAMERA@library@module.json"},
				Facts: []string{"app.debug=true@module.json", "app.minAPIVersion=50000012@module.json", "app.targetAPIVersion=50000012@module.json"}},
		},
		{
			name: "FA hap", zip: harmonytest.FAHAP(harmonytest.App{BundleName: "com.fa", VersionName: "1.0", MinAPI: 5, TargetAPI: 6}, entryMod), detect: "hap",
			want: summary{Kind: "hap", App: audit.App{ID: "com.fa", Version: "1.0", MinLevel: "5", TargetLevel: "6"},
				Modules: []audit.Module{{Name: "entry", Kind: "entry"}},
				Perms:   []string{"ohos.permission.LOCATION@entry@config.json", "ohos.permission.INTERNET@entry@config.json"},
				Facts:   []string{"deviceConfig.default.debug=false@config.json", "module.abilities.EntryAbility.backgroundModes=location@config.json"}},
		},
		{
			name: "identity from pack.info when module.json lacks it",
			zip: harmonytest.Zip(
				harmonytest.File{Name: "module.json", Data: []byte(`{"app": {}, "module": {"name": "entry", "type": "entry"}}`)},
				harmonytest.File{Name: "pack.info", Data: harmonytest.PackInfo(harmonytest.App{BundleName: "com.pack", VersionName: "9.9", MinAPI: 12, TargetAPI: 13}, entryMod)},
			),
			detect: "hap",
			want: summary{Kind: "hap", App: audit.App{ID: "com.pack", Version: "9.9", MinLevel: "12", TargetLevel: "13"},
				Modules: []audit.Module{{Name: "entry", Kind: "entry"}}},
		},
		{
			name: "broken pack.info is a note",
			zip: harmonytest.Zip(
				harmonytest.File{Name: "module.json", Data: harmonytest.ModuleJSON(testApp, sharedMod)},
				harmonytest.File{Name: "pack.info", Data: []byte("{not json")},
			),
			detect: "hsp",
			want: summary{Kind: "hsp", App: app, Modules: []audit.Module{{Name: "library", Kind: "shared"}},
				Perms: []string{"ohos.permission.CAMERA@library@module.json"},
				Facts: []string{"app.debug=true@module.json", "app.minAPIVersion=50000012@module.json", "app.targetAPIVersion=50000012@module.json"},
				Notes: []string{harmony.RulePackInfoUnreadable + "@pack.info"}},
		},
		{
			name: "broken module.json names the entry and line",
			zip: harmonytest.Zip(
				harmonytest.File{Name: "module.json", Data: []byte("{\"app\": {},\n\"module\": {\"requestPermissions\": 5}}")},
				harmonytest.File{Name: "pack.info", Data: harmonytest.PackInfo(testApp, entryMod)},
			),
			detect: "hap", errEntry: "module.json", errSubstr: "line 2: module.requestPermissions is a number",
		},
		{
			name: "oversized module.json is refused",
			zip: harmonytest.Zip(
				harmonytest.File{Name: "module.json", Data: bytes.Repeat([]byte(" "), archive.MaxEntry+1)},
				harmonytest.File{Name: "pack.info", Data: harmonytest.PackInfo(testApp, entryMod)},
			),
			detect: "hap", errEntry: "module.json", errSubstr: "limit",
		},
		{
			name:      "no manifest",
			zip:       harmonytest.Zip(harmonytest.File{Name: "profile.json", Data: []byte("{}")}),
			errSubstr: "no module.json or config.json",
		},
		{
			name:      "a config.json that is not FA is not a package",
			zip:       harmonytest.Zip(harmonytest.File{Name: "config.json", Data: []byte(`{"debug": true}`)}),
			errSubstr: `no "module" object`, errEntry: "config.json",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := openZip(t, tt.zip)
			kind, ok := harmony.DetectPackage(z)
			if kind != tt.detect || ok != (tt.detect != "") {
				t.Errorf("DetectPackage = %q, %v; want %q", kind, ok, tt.detect)
			}
			d, err := harmony.ParseHAP(z)
			if tt.errSubstr != "" {
				wantParseError(t, err, -1, tt.errSubstr)
				if pe := asParseError(err); pe != nil && pe.Entry != tt.errEntry {
					t.Errorf("error entry = %q, want %q", pe.Entry, tt.errEntry)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := summarize(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseAppPack(t *testing.T) {
	packApp := harmonytest.App{BundleName: "com.example.app", VersionName: "1.2.3", MinAPI: 12, TargetAPI: 13}
	entryHAP := harmonytest.File{Name: "entry-default.hap", Data: harmonytest.HAP(testApp, entryMod)}
	libHSP := harmonytest.File{Name: "library-default.hsp", Data: harmonytest.HAP(testApp, sharedMod)}
	tests := []struct {
		name      string
		zip       []byte
		detect    string
		want      summary
		errEntry  string
		errSubstr string
	}{
		{
			name:   "hap and hsp",
			zip:    harmonytest.AppPack(packApp, []harmonytest.Module{entryMod, sharedMod}, libHSP, entryHAP),
			detect: "app",
			want: summary{Kind: "app", App: audit.App{ID: "com.example.app", Version: "1.2.3", MinLevel: "12", TargetLevel: "13"},
				Modules: []audit.Module{{Name: "entry", Kind: "entry", Entry: "entry-default.hap"}, {Name: "library", Kind: "shared", Entry: "library-default.hsp"}},
				Perms: []string{
					"ohos.permission.LOCATION@entry@entry-default.hap!/module.json",
					"ohos.permission.INTERNET@entry@entry-default.hap!/module.json",
					"ohos.permission.CAMERA@library@library-default.hsp!/module.json",
				},
				Facts: []string{
					"app.debug=true@entry-default.hap!/module.json",
					"app.debug=true@library-default.hsp!/module.json",
					"app.minAPIVersion=50000012@entry-default.hap!/module.json",
					"app.minAPIVersion=50000012@library-default.hsp!/module.json",
					"app.targetAPIVersion=50000012@entry-default.hap!/module.json",
					"app.targetAPIVersion=50000012@library-default.hsp!/module.json",
					"module.abilities.EntryAbility.backgroundModes=location@entry-default.hap!/module.json",
				}},
		},
		{
			name: "compressed nested hap, identity from the module when pack.info has none",
			zip: harmonytest.Zip(
				harmonytest.File{Name: "pack.info", Data: []byte(`{"summary": {}}`)},
				harmonytest.File{Name: "entry-default.hap", Data: harmonytest.HAP(testApp, entryMod)},
			),
			detect: "app",
			want: summary{Kind: "app", App: audit.App{ID: "com.example.app", Version: "1.2.3", MinLevel: "12", TargetLevel: "12"},
				Modules: []audit.Module{{Name: "entry", Kind: "entry", Entry: "entry-default.hap"}},
				Perms: []string{
					"ohos.permission.LOCATION@entry@entry-default.hap!/module.json",
					"ohos.permission.INTERNET@entry@entry-default.hap!/module.json",
				},
				Facts: []string{
					"app.debug=true@entry-default.hap!/module.json",
					"app.minAPIVersion=50000012@entry-default.hap!/module.json",
					"app.targetAPIVersion=50000012@entry-default.hap!/module.json",
					"module.abilities.EntryAbility.backgroundModes=location@entry-default.hap!/module.json",
				}},
		},
		{
			name: "a broken module fails the pack, naming it",
			zip: harmonytest.AppPack(packApp, []harmonytest.Module{entryMod}, entryHAP,
				harmonytest.File{Name: "feature-default.hap", Data: harmonytest.Zip(
					harmonytest.File{Name: "module.json", Data: []byte(`{"app": {}, "module": {"requestPermissions": [{"name": 1}]}}`)})}),
			detect:    "app",
			errEntry:  "feature-default.hap!/module.json",
			errSubstr: "module.requestPermissions[0].name is a number",
		},
		{
			name: "a nested file that is not a zip",
			zip: harmonytest.AppPack(packApp, []harmonytest.Module{entryMod},
				harmonytest.File{Name: "entry-default.hap", Data: []byte("not a zip")}),
			detect: "app", errEntry: "entry-default.hap", errSubstr: "not a readable zip",
		},
		{
			name:      "pack.info alone",
			zip:       harmonytest.Zip(harmonytest.File{Name: "pack.info", Data: harmonytest.PackInfo(packApp)}),
			errSubstr: "no .hap or .hsp inside",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := openZip(t, tt.zip)
			kind, ok := harmony.DetectPackage(z)
			if kind != tt.detect || ok != (tt.detect != "") {
				t.Errorf("DetectPackage = %q, %v; want %q", kind, ok, tt.detect)
			}
			d, err := harmony.ParseAppPack(z)
			if tt.errSubstr != "" {
				wantParseError(t, err, -1, tt.errSubstr)
				if pe := asParseError(err); pe != nil && pe.Entry != tt.errEntry {
					t.Errorf("error entry = %q, want %q", pe.Entry, tt.errEntry)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := summarize(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
