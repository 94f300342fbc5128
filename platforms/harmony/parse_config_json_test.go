package harmony_test

import (
	"reflect"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/harmony"
	"github.com/permaudit/permaudit/platforms/harmony/harmonytest"
)

func TestParseConfigJSON(t *testing.T) {
	app := harmonytest.App{BundleName: "com.example.fa", VersionName: "1.0.0", MinAPI: 5, TargetAPI: 6, Debug: true}
	fa := harmonytest.Module{Name: "entry", Type: "entry",
		Abilities: []harmonytest.Ability{{Name: ".MainAbility", BackgroundModes: []string{"dataTransfer"}}},
		Permissions: []harmonytest.Permission{
			{Name: "ohos.permission.INTERNET"},
			{Name: "ohos.permission.CAMERA", Reason: "$string:reason", Abilities: []string{".MainAbility"}, When: "inuse"},
		}}
	tests := []struct {
		name      string
		in        string
		want      audit.Declaration
		errLine   int
		errSubstr string
	}{
		{
			name: "generated FA config.json",
			in:   string(harmonytest.ConfigJSON(app, fa)),
			want: audit.Declaration{
				Platform: audit.HarmonyOS, Artifact: audit.Artifact{Kind: "config-json"},
				App:     audit.App{ID: "com.example.fa", Version: "1.0.0", MinLevel: "5", TargetLevel: "6"},
				Modules: []audit.Module{{Name: "entry", Kind: "entry"}},
				Permissions: []audit.Permission{
					{Name: "ohos.permission.INTERNET", Form: audit.FormRequestPermission, Module: "entry", Line: 1},
					{Name: "ohos.permission.CAMERA", Form: audit.FormRequestPermission, Module: "entry", Line: 1,
						Purpose: "$string:reason", HasPurpose: true,
						UsedScene: &audit.UsedScene{Abilities: []string{".MainAbility"}, When: "inuse", HasWhen: true}},
				},
				Facts: []audit.Fact{
					{Key: "deviceConfig.default.debug", Value: "true", Line: 1},
					{Key: "module.abilities..MainAbility.backgroundModes", Value: "dataTransfer", Line: 1},
				},
			},
		},
		{
			name: "module name falls back to module.name",
			in:   `{"app": {"bundleName": "a", "version": {"name": "1"}}, "module": {"name": ".MyApp", "reqPermissions": [{"name": "p"}]}}`,
			want: audit.Declaration{
				Platform: audit.HarmonyOS, Artifact: audit.Artifact{Kind: "config-json"},
				App:         audit.App{ID: "a", Version: "1"},
				Modules:     []audit.Module{{Name: ".MyApp"}},
				Permissions: []audit.Permission{{Name: "p", Form: audit.FormRequestPermission, Module: ".MyApp", Line: 1}},
			},
		},
		{name: "reqPermissions not an array", in: "{\"app\": {}, \"module\": {\n\"reqPermissions\": \"x\"}}", errLine: 2,
			errSubstr: "module.reqPermissions is a string, want an array"},
		{name: "ability not an array", in: "{\"app\": {}, \"module\": {\"reqPermissions\": [{\"name\": \"p\",\n\"usedScene\": {\"ability\": \"a\"}}]}}",
			errLine: 2, errSubstr: "module.reqPermissions[0].usedScene.ability is a string, want an array"},
		{name: "no module", in: `{"app": {"bundleName": "a"}}`, errLine: 1, errSubstr: `no "module" object`},
		{name: "empty", in: "", errSubstr: "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := harmony.ParseConfigJSON([]byte(tt.in))
			if tt.errSubstr != "" {
				wantParseError(t, err, tt.errLine, tt.errSubstr)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseConfigJSONGivenStageModule(t *testing.T) {
	d, err := harmony.ParseConfigJSON([]byte(`{module: {name: 'entry', type: 'entry', requestPermissions: [{name: 'p'}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if d.Artifact.Kind != "module-json5" || len(d.Permissions) != 1 {
		t.Errorf("kind %q, %d permissions; want module-json5 with 1", d.Artifact.Kind, len(d.Permissions))
	}
}
