package harmony_test

import (
	"fmt"
	"testing"

	"github.com/permaudit/permaudit/platforms/harmony"
	"github.com/permaudit/permaudit/platforms/harmony/harmonytest"
)

// BenchmarkParseModule: a source module.json5 (comments, unquoted keys)
// and a compiled module.json.
func BenchmarkParseModule(b *testing.B) {
	mod := harmonytest.Module{Name: "entry", Type: "entry"}
	for i := range 30 {
		mod.Permissions = append(mod.Permissions, harmonytest.Permission{Name: fmt.Sprintf("ohos.permission.P%d", i),
			Reason: "$string:reason", HasReason: true, Abilities: []string{"EntryAbility"}, When: "inuse", HasUsedScene: true})
	}
	text, _ := harmonytest.ModuleJSON5(mod)
	app := harmonytest.App{BundleName: "com.example.bench", VersionName: "1.0", MinAPI: 10, TargetAPI: 12}
	for name, data := range map[string][]byte{"json5": text, "json": harmonytest.ModuleJSON(app, mod)} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := harmony.ParseModule(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
