package harmony_test

import (
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/harmony"
	"github.com/permaudit/permaudit/platforms/harmony/harmonytest"
)

func TestPackageReasonsFromResourceIndex(t *testing.T) {
	camera := func(reason string) harmonytest.Module {
		return harmonytest.Module{Name: "entry", Type: "entry",
			Permissions: []harmonytest.Permission{{Name: "ohos.permission.CAMERA", Reason: reason}}}
	}
	hap := func(m harmonytest.Module, index []byte) []byte {
		files := []harmonytest.File{{Name: "module.json", Data: harmonytest.ModuleJSON(testApp, m)}}
		if index != nil {
			files = append(files, harmonytest.File{Name: "resources.index", Data: index})
		}
		return harmonytest.Zip(files...)
	}
	strs := []harmonytest.IndexString{
		{Name: "cam", Value: "Photos you send"}, {Name: "cam", Value: "Fotos", Qualifier: "de"},
		{Name: "empty", Value: ""}, {Name: "zh_only", Value: "相机", Qualifier: "zh"},
	}
	tests := []struct {
		name     string
		zip      []byte
		purpose  string
		noteWant string
	}{
		{name: "v1 resolved", zip: hap(camera("$string:cam"), harmonytest.ResourceIndex(harmonytest.IndexV1, strs...)), purpose: "Photos you send"},
		{name: "v2 resolved", zip: hap(camera("$string:cam"), harmonytest.ResourceIndex(harmonytest.IndexV2, strs...)), purpose: "Photos you send"},
		{name: "empty string resolves to an empty reason", zip: hap(camera("$string:empty"), harmonytest.ResourceIndex(harmonytest.IndexV1, strs...)), purpose: ""},
		{name: "plain reason needs no table", zip: hap(camera("Scan receipts"), nil), purpose: "Scan receipts"},
		{name: "name not in the table", zip: hap(camera("$string:nope"), harmonytest.ResourceIndex(harmonytest.IndexV1, strs...)),
			purpose: "$string:nope", noteWant: "error: ohos.permission.CAMERA: reason $string:nope is not in resources.index"},
		{name: "only under a qualifier is not a base value", zip: hap(camera("$string:zh_only"), harmonytest.ResourceIndex(harmonytest.IndexV2, strs...)),
			purpose: "$string:zh_only", noteWant: "error: ohos.permission.CAMERA: reason $string:zh_only is not in resources.index"},
		{name: "no table", zip: hap(camera("$string:cam"), nil),
			purpose: "$string:cam", noteWant: "warning: ohos.permission.CAMERA: reason $string:cam cannot be checked: there is no resources.index"},
		{name: "garbled table", zip: hap(camera("$string:cam"), []byte("Restool 5 but nothing else")),
			purpose: "$string:cam", noteWant: "warning: ohos.permission.CAMERA: reason $string:cam cannot be checked: resources.index is unreadable (26 bytes is shorter than the 136-byte header)"},
		{name: "FA package keeps its table under assets", zip: harmonytest.FAHAP(testApp, harmonytest.Module{Name: "entry", Type: "entry",
			Permissions: []harmonytest.Permission{{Name: "ohos.permission.CAMERA", Reason: "$string:cam"}}, Strings: map[string]string{"cam": "From assets"}}),
			purpose: "From assets"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := harmony.ParseHAP(openZip(t, tt.zip))
			if err != nil {
				t.Fatal(err)
			}
			if p := d.Permissions[0]; p.Purpose != tt.purpose || !p.HasPurpose {
				t.Errorf("purpose %q (has %v), want %q", p.Purpose, p.HasPurpose, tt.purpose)
			}
			var notes []string
			for _, n := range d.Notes {
				if n.RuleID != harmony.RuleReasonUnresolved || n.Entry == "" || n.Line < 1 {
					t.Errorf("note %+v: wrong rule, or no entry and line of the reason", n)
				}
				notes = append(notes, string(n.Severity)+": "+n.Message)
			}
			got := strings.Join(notes, "\n")
			if tt.noteWant == "" && got != "" || !strings.Contains(got, tt.noteWant) {
				t.Errorf("notes %q, want %q", got, tt.noteWant)
			}
		})
	}
}

// TestNestedPackageReasonNamesItsTable: inside an App Pack the finding
// names the nested package's table, not the pack's.
func TestNestedPackageReasonNamesItsTable(t *testing.T) {
	m := harmonytest.Module{Name: "entry", Type: "entry",
		Permissions: []harmonytest.Permission{{Name: "ohos.permission.CAMERA", Reason: "$string:nope"}}}
	pack := harmonytest.AppPack(testApp, []harmonytest.Module{m}, harmonytest.File{Name: "entry-default.hap", Data: harmonytest.HAP(testApp, m)})
	d, err := harmony.ParseAppPack(openZip(t, pack))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Notes) != 1 || d.Notes[0].Severity != audit.SeverityError ||
		!strings.Contains(d.Notes[0].Message, "is not in entry-default.hap!/resources.index") || d.Notes[0].Entry != "entry-default.hap!/module.json" {
		t.Errorf("notes %+v", d.Notes)
	}
}

// TestEmptyIndexStringIsReasonMissing: a reason resolving to "" is the
// same harmony-reason-missing finding as in a source project.
func TestEmptyIndexStringIsReasonMissing(t *testing.T) {
	m := harmonytest.Module{Name: "entry", Type: "entry", Strings: map[string]string{"cam": ""},
		Permissions: []harmonytest.Permission{{Name: "ohos.permission.CAMERA", Reason: "$string:cam",
			Abilities: []string{"EntryAbility"}, When: "inuse"}}}
	d, err := harmony.ParseHAP(openZip(t, harmonytest.HAP(testApp, m)))
	if err != nil {
		t.Fatal(err)
	}
	cs, err := audit.BuiltinCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, f := range audit.Evaluate(d, nil, cs).Findings {
		if strings.HasPrefix(f.RuleID, "harmony-reason") {
			reasons = append(reasons, f.RuleID)
		}
	}
	if strings.Join(reasons, " ") != audit.RuleHarmonyReason {
		t.Errorf("reason findings %v, want one %s", reasons, audit.RuleHarmonyReason)
	}
}
