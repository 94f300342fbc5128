package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/permaudit/permaudit/audit/golden"
)

// schemaValidator is a report schema compiled by
// github.com/santhosh-tekuri/jsonschema (draft 2020-12, formats and
// patterns asserted), with its raw tree for the checks against Go types.
type schemaValidator struct {
	root     map[string]any
	compiled *jsonschema.Schema
}

// check validates a decoded document; it returns the library's message.
func (v schemaValidator) check(doc any) error { return v.compiled.Validate(doc) }

func (v schemaValidator) resolve(ref string) (map[string]any, bool) {
	name, ok := strings.CutPrefix(ref, "#/$defs/")
	if !ok {
		return nil, false
	}
	defs, _ := v.root["$defs"].(map[string]any)
	def, ok := defs[name].(map[string]any)
	return def, ok
}

func asStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func loadSchema(t *testing.T) schemaValidator { return loadSchemaFrom(t, JSONSchema) }

func loadSchemaFrom(t *testing.T, schema []byte) schemaValidator {
	t.Helper()
	var root map[string]any
	if err := json.Unmarshal(schema, &root); err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	if root["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Fatalf("schema dialect %v", root["$schema"])
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	id, _ := root["$id"].(string)
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	compiled, err := c.Compile(id)
	if err != nil {
		t.Fatalf("schema does not compile: %v", err)
	}
	return schemaValidator{root: root, compiled: compiled}
}

func decodeAny(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestGoldenJSONMatchesSchema validates every golden JSON report, and the
// reports of the hand-built results, against the schema.
func TestGoldenJSONMatchesSchema(t *testing.T) {
	v := loadSchema(t)
	files, _ := filepath.Glob(filepath.Join(golden.Dir(), "report", "*.json"))
	if len(files) < len(scenarios) {
		t.Fatalf("found %d golden JSON reports, want %d", len(files), len(scenarios))
	}
	// The CLI's audit goldens carry what only a whole run produces (project mode, app groups).
	for _, name := range []string{"examples.json", "cases.json", "projects.json"} {
		files = append(files, filepath.Join(golden.Dir(), "cli", name))
	}
	if len(files) < len(scenarios) {
		t.Fatalf("found %d golden JSON reports, want %d", len(files), len(scenarios))
	}
	docs := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs[filepath.Base(f)] = data
	}
	jsonFormat, _ := Lookup("json")
	docs["hand-built"] = render(t, *jsonFormat, handResult(t))
	docs["big batch"] = render(t, *jsonFormat, bigBatch(t, 3))
	for name, data := range docs {
		if err := v.check(decodeAny(t, data)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestSchemaRejects checks the schema catches what it should — a schema
// that passes everything proves nothing — and accepts what a later v1
// report may add: a field anywhere, as README promises.
func TestSchemaRejects(t *testing.T) {
	v := loadSchema(t)
	jsonFormat, _ := Lookup("json")
	good := string(render(t, *jsonFormat, handResult(t)))
	tests := []struct {
		name, from, to, want string
	}{
		{"wrong version", `"schemaVersion": 1`, `"schemaVersion": 2`, "schemaVersion"},
		{"bad severity", `"severity": "warning"`, `"severity": "fatal"`, "severity"},
		{"bad digest", `"sha256": "3f79bb`, `"sha256": "XYZ`, "sha256"},
		{"missing gate", `"gate": {`, `"gate2": {`, "gate"},
		{"wrong type", `"passed": false`, `"passed": "no"`, "passed"},
		{"a later v1: a new top-level field", `"schemaVersion": 1`, `"schemaVersion": 1, "provenance": {"builder": "ci"}`, ""},
		{"a later v1: a new finding field", `"severity": "warning"`, `"severity": "warning", "cwe": ["CWE-250"]`, ""},
		{"a later v1: a new artifact field", `"sha256": "3f79bb`, `"signer": "CN=Example", "sha256": "3f79bb`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(good, tt.from) {
				t.Fatalf("fixture lacks %q", tt.from)
			}
			err := v.check(decodeAny(t, []byte(strings.Replace(good, tt.from, tt.to, 1))))
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("an additive change is rejected: %v", err)
			case tt.want != "" && err == nil:
				t.Errorf("accepted")
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("error %v does not name %q", err, tt.want)
			}
		})
	}
}

// TestSchemaMatchesGoTypes checks the schema against Document in both
// directions: every JSON field of the Go types is in the schema and every
// schema property is a field; fields without omitempty are required.
func TestSchemaMatchesGoTypes(t *testing.T) {
	checkSchemaMatchesType(t, loadSchema(t), reflect.TypeOf(Document{}))
}

func checkSchemaMatchesType(t *testing.T, v schemaValidator, root reflect.Type) {
	seen := map[reflect.Type]bool{}
	var walk func(typ reflect.Type, schema map[string]any, at string)
	walk = func(typ reflect.Type, schema map[string]any, at string) {
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		if ref, ok := schema["$ref"].(string); ok {
			def, ok := v.resolve(ref)
			if !ok {
				t.Fatalf("%s: unresolvable %s", at, ref)
			}
			schema = def
		}
		switch typ.Kind() {
		case reflect.Slice:
			items, ok := schema["items"].(map[string]any)
			if !ok {
				t.Errorf("%s: Go slice, schema has no items", at)
				return
			}
			walk(typ.Elem(), items, at+"[]")
			return
		case reflect.Struct:
		default:
			return
		}
		if seen[typ] {
			return
		}
		seen[typ] = true
		props, _ := schema["properties"].(map[string]any)
		required := map[string]bool{}
		for _, r := range asStrings(schema["required"]) {
			required[r] = true
		}
		if ap, ok := schema["additionalProperties"].(bool); ok && !ap {
			t.Errorf("%s: schema for %s forbids additional properties; a later v1 report may add fields", at, typ)
		}
		fields := map[string]bool{}
		var visit func(typ reflect.Type)
		visit = func(typ reflect.Type) {
			for i := 0; i < typ.NumField(); i++ {
				f := typ.Field(i)
				tag := f.Tag.Get("json")
				if tag == "-" || !f.IsExported() {
					continue
				}
				if f.Anonymous && tag == "" {
					visit(f.Type)
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				if name == "" {
					name = f.Name
				}
				fields[name] = true
				sub, ok := props[name].(map[string]any)
				if !ok {
					t.Errorf("%s: Go field %s.%s (%q) is not in the schema", at, typ.Name(), f.Name, name)
					continue
				}
				omit := strings.Contains(opts, "omitempty")
				if !omit && !required[name] {
					t.Errorf("%s: %q is always written but not required by the schema", at, name)
				}
				if omit && required[name] {
					t.Errorf("%s: %q may be omitted but the schema requires it", at, name)
				}
				walk(f.Type, sub, at+"."+name)
			}
		}
		visit(typ)
		for name := range props {
			if !fields[name] {
				t.Errorf("%s: schema property %q has no Go field in %s", at, name, typ)
			}
		}
	}
	walk(root, v.root, "$")
}

// TestJSONSchemaExported: the embedded bytes are the file in the repo.
func TestJSONSchemaExported(t *testing.T) {
	disk, err := os.ReadFile(pkgFile("schema/report.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(disk, JSONSchema) {
		t.Error("JSONSchema differs from schema/report.schema.json")
	}
}
