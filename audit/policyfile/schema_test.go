package policyfile

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// schemaPath is policydata/schema/policy.schema.json in this repository.
func schemaPath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "policydata", "schema", "policy.schema.json")
}

// TestSchemaMatchesLoader keeps the published JSON Schema and the loader
// in step: the same keys at every level, the same categories, rule ids,
// levels and platforms.
func TestSchemaMatchesLoader(t *testing.T) {
	raw, err := os.ReadFile(schemaPath())
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	get := func(path ...string) any {
		var v any = s
		for _, p := range path {
			switch c := v.(type) {
			case map[string]any:
				v = c[p]
			case []any:
				i, err := strconv.Atoi(p)
				if err != nil || i >= len(c) {
					t.Fatalf("schema has no %s", strings.Join(path, "."))
				}
				v = c[i]
			default:
				t.Fatalf("schema has no %s", strings.Join(path, "."))
			}
		}
		return v
	}
	keys := func(path ...string) []string {
		m, _ := get(path...).(map[string]any)
		out := make([]string, 0, len(m))
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	enum := func(path ...string) []string {
		var out []string
		for _, v := range get(path...).([]any) {
			out = append(out, v.(string))
		}
		sort.Strings(out)
		return out
	}
	sorted := func(in []string) []string {
		out := append([]string{}, in...)
		sort.Strings(out)
		return out
	}
	cs := catalogs(t)
	var levels []string
	for _, l := range audit.Levels {
		levels = append(levels, string(l))
	}
	checks := []struct {
		what      string
		got, want []string
	}{
		{"top-level keys", keys("properties"), sorted(topKeys)},
		{"source keys", keys("properties", "source", "oneOf", "1", "properties"), sorted(sourceKeys)},
		{"data item keys", keys("properties", "dataItems", "items", "properties"), sorted(dataItemKeys)},
		{"row keys", keys("$defs", "row", "properties"), sorted(rowKeys)},
		{"row platforms", keys("$defs", "row", "properties", "platforms", "properties"), sorted(platformKeys)},
		{"match keys", keys("$defs", "match", "properties"), sorted(matchKeys)},
		{"equivalent keys", keys("$defs", "match", "properties", "equivalents", "items", "properties"), sorted(equivKeys)},
		{"section keys", keys("$defs", "section", "properties"), sorted(sectionKeys)},
		{"short-form item keys", keys("$defs", "item", "oneOf", "1", "properties"), sorted(itemKeys)},
		{"categories", enum("$defs", "category", "enum"), sorted(cs.CategoryNames())},
		{"rule ids", enum("properties", "severity", "propertyNames", "enum"), sorted(audit.RuleIDs())},
		{"levels", enum("$defs", "level", "enum"), sorted(levels)},
		{"platforms", enum("$defs", "platform", "enum"), sorted(platformKeys)},
	}
	for _, c := range checks {
		if strings.Join(c.got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s: schema has %v, loader %v", c.what, c.got, c.want)
		}
	}
}
