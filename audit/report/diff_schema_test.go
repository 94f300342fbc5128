package report

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/permaudit/permaudit/audit/golden"
)

func loadDiffSchema(t *testing.T) schemaValidator {
	t.Helper()
	data, err := os.ReadFile(pkgFile("schema/diff.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	return loadSchemaFrom(t, data)
}

// TestDiffSchemaMatchesGoTypes: every field of DiffDocument is in the
// schema and back, so the documented shape is the written one.
func TestDiffSchemaMatchesGoTypes(t *testing.T) {
	checkSchemaMatchesType(t, loadDiffSchema(t), reflect.TypeOf(DiffDocument{}))
}

// TestGoldenDiffJSONMatchesSchema validates the CLI's diff golden.
func TestGoldenDiffJSONMatchesSchema(t *testing.T) {
	v := loadDiffSchema(t)
	data, err := os.ReadFile(filepath.Join(golden.Dir(), "cli", "diff.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.check(decodeAny(t, data)); err != nil {
		t.Errorf("diff.json does not match diff.schema.json:\n%v", err)
	}
}
