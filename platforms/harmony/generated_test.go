package harmony_test

import (
	"reflect"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/harmony"
	"github.com/permaudit/permaudit/platforms/harmony/harmonytest"
)

// The same module written as source JSON5 and as compiled JSON must give
// the same permissions; the JSON5 lines must be where the writer put them.
func TestGeneratedModules(t *testing.T) {
	modules := []harmonytest.Module{
		entryMod,
		sharedMod,
		{Name: "empty", Type: "feature", Permissions: []harmonytest.Permission{}},
		{Name: "odd", Type: "entry", Permissions: []harmonytest.Permission{
			{Name: "it's \\ \"quoted\"", Reason: "line\nbreak", HasUsedScene: true},
			{Name: "ohos.permission.MICROPHONE", Abilities: []string{}, When: "always"},
		}},
	}
	for _, m := range modules {
		t.Run(m.Name, func(t *testing.T) {
			text, lines := harmonytest.ModuleJSON5(m)
			src, err := harmony.ParseModule(text)
			if err != nil {
				t.Fatalf("json5: %v\n%s", err, text)
			}
			compiled, err := harmony.ParseModule(harmonytest.ModuleJSON(testApp, m))
			if err != nil {
				t.Fatalf("compiled: %v", err)
			}
			if src.Artifact.Kind != "module-json5" || compiled.Artifact.Kind != "module-json" {
				t.Errorf("kinds %q, %q", src.Artifact.Kind, compiled.Artifact.Kind)
			}
			if len(src.Permissions) != len(m.Permissions) {
				t.Fatalf("%d permissions, want %d", len(src.Permissions), len(m.Permissions))
			}
			for i, p := range src.Permissions {
				if p.Line != lines[i] {
					t.Errorf("%s: line %d, want %d", p.Name, p.Line, lines[i])
				}
				want := m.Permissions[i]
				if p.Name != want.Name || p.Purpose != want.Reason || p.HasPurpose != (want.HasReason || want.Reason != "") {
					t.Errorf("permission %d = %+v, want %+v", i, p, want)
				}
			}
			if !reflect.DeepEqual(withoutLines(src.Permissions), withoutLines(compiled.Permissions)) {
				t.Errorf("source and compiled differ:\n%+v\n%+v", src.Permissions, compiled.Permissions)
			}
		})
	}
}

func withoutLines(ps []audit.Permission) []audit.Permission {
	out := make([]audit.Permission, len(ps))
	for i, p := range ps {
		p.Line = 0
		out[i] = p
	}
	return out
}
