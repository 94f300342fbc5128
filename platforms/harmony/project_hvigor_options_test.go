package harmony

import (
	"fmt"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// TestRemovePermissionsIsNamed: wherever build-profile.json5 sets
// buildOption.removePermissions, the report says the build may drop
// permissions this audit still counts, naming the file and line.
func TestRemovePermissionsIsNamed(t *testing.T) {
	const module = `{ module: { name: 'entry', type: 'entry', requestPermissions: [{ name: 'ohos.permission.CAMERA' }] } }`
	const set = `removePermissions: [{ name: 'ohos.permission.CAMERA' }]`
	tests := []struct {
		name, profile, moduleProfile string
		want                         string // entry:line: path, or "" for no note
	}{
		{name: "none", profile: `{ app: { products: [{ name: 'default', buildOption: {} }] }, modules: [{ name: 'entry', srcPath: './entry' }] }`},
		{name: "product",
			profile: "{ app: { products: [{ name: 'default',\n buildOption: {\n " + set + " } }] }, modules: [{ name: 'entry', srcPath: './entry' }] }",
			want:    "build-profile.json5:3: app.products"},
		{name: "module", profile: `{ app: {}, modules: [{ name: 'entry', srcPath: './entry' }] }`,
			moduleProfile: "{ apiType: 'stageMode',\n buildOption: { " + set + " } }",
			want:          "entry/build-profile.json5:2: buildOption.removePermissions"},
		{name: "module target", profile: `{ app: {}, modules: [{ name: 'entry', srcPath: './entry' }] }`,
			moduleProfile: "{ targets: [ { name: 'default' },\n { name: 'free', config: { buildOption: { " + set + " } } } ] }",
			want:          "entry/build-profile.json5:2: targets"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"build-profile.json5": tt.profile, "entry/src/main/module.json5": module}
			if tt.moduleProfile != "" {
				files["entry/build-profile.json5"] = tt.moduleProfile
			}
			d, ok, err := ReadHvigorProject(mapFS(files))
			if err != nil || !ok {
				t.Fatalf("ok %v, err %v", ok, err)
			}
			var got []string
			for _, n := range d.Notes {
				if n.RuleID == audit.RuleProjectUnresolved && strings.Contains(n.Message, "removePermissions") {
					got = append(got, fmt.Sprintf("%s:%d: %s", n.Entry, n.Line, n.Message))
				}
			}
			if tt.want == "" && len(got) > 0 || tt.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.want)) {
				t.Errorf("notes %q, want one starting %q", got, tt.want)
			}
			if len(d.Permissions) != 1 {
				t.Errorf("permissions %v: still counted, as the note says", d.Permissions)
			}
		})
	}
}
