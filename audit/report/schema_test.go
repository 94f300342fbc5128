package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit/golden"
)

// A validator for the part of JSON Schema report.schema.json uses: type,
// const, enum, properties, required, additionalProperties (false),
// items, $ref into $defs, minimum, minLength, pattern. A keyword it does
// not know fails the test, so the schema cannot outgrow the checker.

var knownKeywords = map[string]bool{
	"$schema": true, "$id": true, "$defs": true, "title": true, "description": true, "format": true,
	"type": true, "const": true, "enum": true, "properties": true, "required": true,
	"additionalProperties": true, "items": true, "$ref": true, "minimum": true, "minLength": true, "pattern": true,
}

type schemaValidator struct {
	root map[string]any
}

func (v schemaValidator) validate(schema map[string]any, val any, at string) []string {
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, at+": "+fmt.Sprintf(format, args...)) }
	for k := range schema {
		if !knownKeywords[k] {
			fail("schema keyword %q is not supported by this validator", k)
		}
	}
	if ref, ok := schema["$ref"].(string); ok {
		def, ok := v.resolve(ref)
		if !ok {
			fail("unresolvable $ref %q", ref)
			return errs
		}
		errs = append(errs, v.validate(def, val, at)...)
	}
	if t, ok := schema["type"]; ok && !typeMatches(t, val) {
		fail("want type %v, got %s", t, jsonType(val))
		return errs
	}
	if c, ok := schema["const"]; ok && !reflect.DeepEqual(c, val) {
		fail("want %v, got %v", c, val)
	}
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || reflect.DeepEqual(e, val)
		}
		if !found {
			fail("%v is not one of %v", val, enum)
		}
	}
	switch x := val.(type) {
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		for _, r := range asStrings(schema["required"]) {
			if _, ok := x[r]; !ok {
				fail("missing required property %q", r)
			}
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			sub, ok := props[k].(map[string]any)
			if !ok {
				if ap, set := schema["additionalProperties"].(bool); set && !ap {
					fail("property %q is not in the schema", k)
				}
				continue
			}
			errs = append(errs, v.validate(sub, x[k], at+"."+k)...)
		}
	case []any:
		if items, ok := schema["items"].(map[string]any); ok {
			for i, e := range x {
				errs = append(errs, v.validate(items, e, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	case string:
		if n, ok := schema["minLength"].(float64); ok && float64(len([]rune(x))) < n {
			fail("shorter than %v", n)
		}
		if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(x) {
			fail("%q does not match %s", x, p)
		}
	case float64:
		if n, ok := schema["minimum"].(float64); ok && x < n {
			fail("%v is below the minimum %v", x, n)
		}
	}
	return errs
}

func (v schemaValidator) resolve(ref string) (map[string]any, bool) {
	name, ok := strings.CutPrefix(ref, "#/$defs/")
	if !ok {
		return nil, false
	}
	defs, _ := v.root["$defs"].(map[string]any)
	def, ok := defs[name].(map[string]any)
	return def, ok
}

func typeMatches(t any, val any) bool {
	switch tt := t.(type) {
	case string:
		got := jsonType(val)
		return got == tt || (tt == "number" && got == "integer")
	case []any:
		for _, one := range tt {
			if typeMatches(one, val) {
				return true
			}
		}
	}
	return false
}

func jsonType(val any) string {
	switch x := val.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	}
	return fmt.Sprintf("%T", val)
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
	return schemaValidator{root: root}
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
		for _, e := range v.validate(v.root, decodeAny(t, data), "$") {
			t.Errorf("%s: %s", name, e)
		}
	}
}

// TestSchemaRejects checks the validator and the schema catch what they
// should: a validator that passes everything proves nothing.
func TestSchemaRejects(t *testing.T) {
	v := loadSchema(t)
	jsonFormat, _ := Lookup("json")
	good := string(render(t, *jsonFormat, handResult(t)))
	tests := []struct {
		name, from, to, want string
	}{
		{"wrong version", `"schemaVersion": 1`, `"schemaVersion": 2`, "want 1"},
		{"unknown property", `"schemaVersion": 1`, `"schemaVersion": 1, "extra": true`, `"extra" is not in the schema`},
		{"bad severity", `"severity": "warning"`, `"severity": "fatal"`, "is not one of"},
		{"bad digest", `"sha256": "3f79bb`, `"sha256": "XYZ`, "does not match"},
		{"missing gate", `"gate": {`, `"gate2": {`, `missing required property "gate"`},
		{"wrong type", `"passed": false`, `"passed": "no"`, "want type boolean"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(good, tt.from) {
				t.Fatalf("fixture lacks %q", tt.from)
			}
			bad := strings.Replace(good, tt.from, tt.to, 1)
			errs := v.validate(v.root, decodeAny(t, []byte(bad)), "$")
			if !strings.Contains(strings.Join(errs, "\n"), tt.want) {
				t.Errorf("errors %q lack %q", errs, tt.want)
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
		if ap, ok := schema["additionalProperties"].(bool); !ok || ap {
			t.Errorf("%s: schema for %s should set additionalProperties false", at, typ)
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
