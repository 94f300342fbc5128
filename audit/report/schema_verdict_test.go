package report

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/golden"
)

// TestSchemaVerdictsAreTheGoVerdicts: the schema's verdict enum is exactly
// audit.Verdicts, so a report whose rows say "SDK not present" (a policy
// scoped to an SDK the app lacks) validates, and a new verdict cannot be
// added to Go alone.
func TestSchemaVerdictsAreTheGoVerdicts(t *testing.T) {
	v := loadSchema(t)
	row, ok := v.resolve("#/$defs/matrixRow")
	if !ok {
		t.Fatal("schema has no matrixRow")
	}
	props, _ := row["properties"].(map[string]any)
	verdict, _ := props["verdict"].(map[string]any)
	enum := asStrings(verdict["enum"])
	report, err := os.ReadFile(filepath.Join(golden.Dir(), "report", "android.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range audit.Verdicts {
		t.Run(tc, func(t *testing.T) {
			if !slices.Contains(enum, tc) {
				t.Errorf("verdict %q is not in the schema's enum %q", tc, enum)
			}
			doc := decodeAny(t, report)
			row := doc.(map[string]any)["artifacts"].([]any)[0].(map[string]any)["matrix"].([]any)[0]
			row.(map[string]any)["verdict"] = tc
			if err := v.check(doc); err != nil {
				t.Errorf("a row with verdict %q does not validate: %v", tc, err)
			}
		})
	}
	for _, e := range enum {
		if !slices.Contains(audit.Verdicts, e) {
			t.Errorf("schema verdict %q is not in audit.Verdicts", e)
		}
	}
}
