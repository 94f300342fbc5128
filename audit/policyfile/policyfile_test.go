package policyfile

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

func catalogs(t testing.TB) *audit.Catalogs {
	t.Helper()
	cs, err := audit.BuiltinCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// readmeExample is issue 4's small shape, which must be accepted as written.
const readmeExample = `name: my-sdk
version: "2.1"
effectiveDate: 2025-01-01
android:
  required: [android.permission.CAMERA]
  optional: [{category: location}]
  forbidden: [android.permission.READ_CONTACTS]
ios:
  optional: [NSCameraUsageDescription]
harmonyos:
  required: [ohos.permission.INTERNET]
`

const readmeExampleJSON = `{
  "name": "my-sdk",
  "version": "2.1",
  "effectiveDate": "2025-01-01",
  "android": {
    "required": ["android.permission.CAMERA"],
    "optional": [{"category": "location"}],
    "forbidden": ["android.permission.READ_CONTACTS"]
  },
  "ios": {"optional": ["NSCameraUsageDescription"]},
  "harmonyos": {"required": ["ohos.permission.INTERNET"]}
}
`

// rowsText renders rows compactly: level category platform match.
func rowsText(p *audit.Policy) string {
	var out []string
	for _, r := range p.Rows {
		for _, pl := range audit.Platforms {
			if m := r.Platforms[pl]; m != nil {
				out = append(out, string(r.Level)+" "+r.Category+" "+string(pl)+": "+MatchText(r.Level, r.Category, m))
			}
		}
	}
	return strings.Join(out, "\n")
}

func TestParseHappy(t *testing.T) {
	cs := catalogs(t)
	readmeRows := strings.Join([]string{
		"required camera android: android.permission.CAMERA",
		"optional location android: any location permission",
		"forbidden contacts android: android.permission.READ_CONTACTS",
		"optional camera ios: NSCameraUsageDescription",
		"required network harmonyos: ohos.permission.INTERNET",
	}, "\n")
	tests := []struct {
		name, file, body  string
		id, version, date string
		rows              string
	}{
		{"README example as written", "my-sdk.yaml", readmeExample, "my-sdk", "2.1", "2025-01-01", readmeRows},
		{"README example in JSON", "my-sdk.json", readmeExampleJSON, "my-sdk", "2.1", "2025-01-01", readmeRows},
		{"full shape and item mappings", "full.yaml", `
id: chat-sdk
name: Chat SDK privacy statement
version: 3
source: {title: Chat SDK privacy statement, section: "4.2", url: https://example.com/privacy}
severity: {beyond-policy: error}
dataItems:
  - {item: Push token, purpose: deliver messages, platforms: [ios, android]}
rows:
  - label: Storage
    purpose: send files
    level: required
    category: storage
    severity: warning
    platforms:
      android:
        allOf: [android.permission.READ_EXTERNAL_STORAGE]
        equivalents: [{fromTarget: 33, anyOf: [android.permission.READ_MEDIA_IMAGES]}]
android:
  required:
    - {anyOf: [android.permission.ACCESS_FINE_LOCATION, android.permission.ACCESS_COARSE_LOCATION], label: Location}
    - {permission: android.permission.POST_NOTIFICATIONS, minTarget: 33}
  forbidden:
    - {category: contacts, severity: warning}
    - {permission: com.example.permission.C2D, custom: true, category: other}
`, "chat-sdk", "3", "", strings.Join([]string{
			"required storage android: android.permission.READ_EXTERNAL_STORAGE; from target 33 also any of android.permission.READ_MEDIA_IMAGES",
			"required location android: any of android.permission.ACCESS_FINE_LOCATION, android.permission.ACCESS_COARSE_LOCATION",
			"required notifications android: android.permission.POST_NOTIFICATIONS; only for target 33 and later",
			"forbidden contacts android: any contacts permission",
			"forbidden other android: com.example.permission.C2D; custom names",
		}, "\n")},
		{"id derived from a spaced name", "x.yaml", "name: Acme Push SDK 2\nharmonyos: {required: ohos.permission.INTERNET}\n",
			"acme-push-sdk-2", "", "", "required network harmonyos: ohos.permission.INTERNET"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.file, []byte(tt.body), cs)
			if err != nil {
				t.Fatal(err)
			}
			if p.ID != tt.id || p.Version != tt.version || p.EffectiveDate != tt.date {
				t.Errorf("id/version/date = %q %q %q", p.ID, p.Version, p.EffectiveDate)
			}
			if got := rowsText(p); got != tt.rows {
				t.Errorf("rows\n got:\n%s\nwant:\n%s", got, tt.rows)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	cs := catalogs(t)
	tests := []struct {
		name, file, body string
		want             []string // each must appear in the error text
	}{
		{"empty", "e.yaml", "  \n", []string{"e.yaml: empty policy file"}},
		{"not a mapping", "l.yaml", "- a\n- b\n", []string{"l.yaml:1: policy must be a mapping"}},
		{"unknown top key", "k.yaml", "name: k\ncolour: red\n", []string{`k.yaml:2: policy: unknown key "colour"`}},
		{"misspelt key gets a suggestion", "k.yaml", "name: k\nandroid:\n  requried: [android.permission.CAMERA]\n",
			[]string{`k.yaml:3: android: unknown key "requried"; did you mean "required"?`}},
		{"unknown permission with suggestion", "p.yaml", "name: p\nandroid:\n  required:\n    - android.permission.CAMERA\n    - android.permission.INTERNTE\n",
			[]string{`p.yaml:5: unknown android permission "android.permission.INTERNTE"; did you mean android.permission.INTERNET?`}},
		{"short name gets the full one", "p.yaml", "name: p\nandroid: {optional: [CAMERA]}\n",
			[]string{`p.yaml:2: unknown android permission "CAMERA"; did you mean android.permission.CAMERA?`}},
		{"name under the wrong platform", "p.yaml", "name: p\nios:\n  optional: [android.permission.CAMERA]\n",
			[]string{`p.yaml:3: "android.permission.CAMERA" is a permission of android, not of ios; list it under android`}},
		{"unknown category", "c.yaml", "name: c\nandroid:\n  optional: [{category: locaton}]\n",
			[]string{`c.yaml:3: unknown category "locaton"; did you mean location?`}},
		{"required and forbidden in one policy", "r.yaml", "name: r\nandroid:\n  required: [android.permission.CAMERA]\n  forbidden:\n    - android.permission.CAMERA\n",
			[]string{"r.yaml:5: row 1 (android.permission.CAMERA) requires android.permission.CAMERA but row 2 (android.permission.CAMERA) forbids it"}},
		{"target range upside down", "t.yaml", "name: t\nandroid:\n  optional:\n    - {permission: android.permission.CAMERA, minTarget: 30, maxTarget: 20}\n",
			[]string{"t.yaml:4: android: minTarget 30 is above maxTarget 20"}},
		{"required where it has no effect", "w.yaml", "name: w\nandroid:\n  required:\n    - {permission: android.permission.WRITE_EXTERNAL_STORAGE, minTarget: 30}\n",
			[]string{"w.yaml:4: android.permission.WRITE_EXTERNAL_STORAGE has no effect from target 30 on"}},
		{"implicit on an optional row", "i.yaml", "name: i\nios:\n  optional: [{implicit: always there, category: network}]\n",
			[]string{"i.yaml:3: ios: implicit only makes sense on a required row"}},
		{"equivalents on a forbidden row", "q.yaml", "name: q\nandroid:\n  forbidden:\n    - permission: android.permission.CAMERA\n      equivalents: [{fromTarget: 33, anyOf: [android.permission.READ_MEDIA_IMAGES]}]\n",
			[]string{"q.yaml:5: android: equivalents only apply to required rows"}},
		{"row without level", "n.yaml", "name: n\nrows:\n  - label: x\n    platforms: {android: {allOf: [android.permission.CAMERA]}}\n",
			[]string{"n.yaml:3: row: level is missing"}},
		{"bad level and severity", "n.yaml", "name: n\nrows:\n  - level: mandatory\n    severity: fatal\n    platforms: {android: {allOf: [android.permission.CAMERA]}}\n",
			[]string{`n.yaml:3: unknown level "mandatory"`, `n.yaml:4: severity "fatal" is not error, warning or note`}},
		{"unknown rule id in severity", "s.yaml", "name: s\nseverity:\n  beyond-polcy: note\nandroid: {optional: [android.permission.CAMERA]}\n",
			[]string{`s.yaml:3: severity: unknown rule id "beyond-polcy"; did you mean beyond-policy?`}},
		{"duplicate key", "d.yaml", "name: d\nname: e\n", []string{`d.yaml:2: policy: key "name" is given twice (first on line 1)`}},
		{"bad date", "d.yaml", "name: d\neffectiveDate: 2025-02-30\n", []string{`d.yaml:2: effectiveDate "2025-02-30" is not a date`}},
		{"YAML syntax", "y.yaml", "name: y\nandroid:\n  required: [a\n", []string{"y.yaml:", "YAML:"}},
		{"two YAML documents", "y.yaml", "name: y\n---\nname: z\n", []string{"y.yaml:2: more than one YAML document"}},
		{"JSON unknown key on its line", "j.json", "{\n  \"name\": \"j\",\n  \"android\": {\n    \"optionl\": []\n  }\n}\n",
			[]string{`j.json:4: android: unknown key "optionl"; did you mean "optional"?`}},
		{"JSON syntax on its line", "j.json", "{\n  \"name\": \"j\",\n  \"android\": {,}\n}\n", []string{"j.json:3: JSON:"}},
		{"JSON trailing data", "j.json", "{\"name\": \"j\"}\n{}\n", []string{"j.json:2: JSON: unexpected data"}},
		{"bad id", "b.yaml", "id: has space\n", []string{`b.yaml:1: id "has space" may only hold`}},
		{"no name or id", "b.yaml", "version: 1\n", []string{"b.yaml: policy has no id"}},
		{"entry names nothing", "b.yaml", "name: b\nandroid:\n  required: [{label: nothing}]\n", []string{"b.yaml:3: android: names no permission"}},
		{"listed twice", "b.yaml", "name: b\nandroid:\n  required: [{allOf: [android.permission.CAMERA, android.permission.CAMERA]}]\n",
			[]string{"b.yaml:3: android.permission.CAMERA is listed twice"}},
		{"every error is listed", "m.yaml", "name: m\nfoo: 1\nandroid:\n  required: [android.permission.CAMRA]\n",
			[]string{`m.yaml:2: policy: unknown key "foo"`, `m.yaml:4: unknown android permission "android.permission.CAMRA"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.file, []byte(tt.body), cs)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestExtends(t *testing.T) {
	cs := catalogs(t)
	dir := writeFiles(t, map[string]string{
		"app.yaml":      "name: app\nextends: easemob-im\nandroid:\n  forbidden: [android.permission.READ_CONTACTS]\n",
		"twice.yaml":    "name: twice\nextends: [base.yaml]\nios: {optional: [NSCameraUsageDescription]}\n",
		"base.yaml":     "name: base\nextends: easemob-im\nseverity: {beyond-policy: note}\n",
		"clash.yaml":    "name: clash\nextends: easemob-im\nandroid:\n  forbidden:\n    - android.permission.INTERNET\n",
		"loop-a.yaml":   "name: a\nextends: loop-b.yaml\n",
		"loop-b.yaml":   "name: b\nextends: loop-a.yaml\n",
		"missing.yaml":  "name: m\nextends: nowhere.yaml\n",
		"badbase.yaml":  "name: bb\nextends: broken.yaml\n",
		"broken.yaml":   "name: broken\nandroid: {required: [nope]}\n",
		"override.yaml": "name: o\nextends: base.yaml\nseverity: {beyond-policy: error}\n",
	})
	at := func(n string) string { return filepath.Join(dir, n) }
	p, err := LoadOne(at("app.yaml"), cs)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 11 || p.Rows[0].InheritedFrom != "easemob-im" || p.Rows[10].InheritedFrom != "" || len(p.DataItems) != 4 {
		t.Errorf("app: %d rows, first from %q, last from %q, %d data items", len(p.Rows), p.Rows[0].InheritedFrom, p.Rows[10].InheritedFrom, len(p.DataItems))
	}
	var buf bytes.Buffer
	if err := WriteYAML(&buf, p); err != nil {
		t.Fatal(err)
	}
	if back, err := Parse(at("again.yaml"), buf.Bytes(), cs); err != nil || !reflect.DeepEqual(back, p) {
		t.Errorf("an extending policy does not round-trip (%v):\n%s", err, buf.String())
	}
	p, err = LoadOne(at("twice.yaml"), cs)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 11 || p.Rows[0].InheritedFrom != "easemob-im" || p.Severity["beyond-policy"] != audit.SeverityNote {
		t.Errorf("twice: %d rows, first from %q, severity %v", len(p.Rows), p.Rows[0].InheritedFrom, p.Severity)
	}
	p, err = LoadOne(at("override.yaml"), cs)
	if err != nil || p.Severity["beyond-policy"] != audit.SeverityError {
		t.Errorf("the child's severity should win: %v %v", err, p)
	}
	for name, want := range map[string]string{
		"clash.yaml":   "clash.yaml:5: row 3 (Access to the Internet (INTERNET)) requires android.permission.INTERNET but row 11 (android.permission.INTERNET) forbids it",
		"loop-a.yaml":  "extends loops back",
		"missing.yaml": "missing.yaml:2: extends nowhere.yaml: cannot load it",
		"badbase.yaml": `broken.yaml:2: unknown android permission "nope"`,
	} {
		_, err := LoadOne(at(name), cs)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", name, err, want)
		}
	}
}

func TestLoad(t *testing.T) {
	cs := catalogs(t)
	dir := writeFiles(t, map[string]string{"a.yaml": readmeExample, "b.json": readmeExampleJSON})
	ps, err := Load(nil, cs)
	if err != nil || len(ps) != 1 || ps[0].ID != audit.DefaultPolicyID {
		t.Fatalf("no refs: %v %v", ps, err)
	}
	ps, err = Load([]string{"easemob-im", filepath.Join(dir, "a.yaml")}, cs)
	if err != nil || len(ps) != 2 || ps[1].ID != "my-sdk" {
		t.Fatalf("two refs: %v %v", ps, err)
	}
	_, err = Load([]string{filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.json")}, cs)
	if err == nil || !strings.Contains(err.Error(), `policy id "my-sdk" is already used`) {
		t.Errorf("duplicate ids: %v", err)
	}
	_, err = Load([]string{"nope", filepath.Join(dir, "none.yaml")}, cs)
	if err == nil || !strings.Contains(err.Error(), `unknown policy "nope"`) || !strings.Contains(err.Error(), "none.yaml: no such file") {
		t.Errorf("unknown refs: %v", err)
	}
}

// TestWriteYAMLRoundTrip: what `policy show --format yaml` writes reads
// back as the same policy.
func TestWriteYAMLRoundTrip(t *testing.T) {
	cs := catalogs(t)
	for _, ref := range audit.BuiltinPolicyIDs() {
		want, err := LoadOne(ref, cs)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteYAML(&buf, want); err != nil {
			t.Fatal(err)
		}
		got, err := Parse(ref+".yaml", buf.Bytes(), cs)
		if err != nil {
			t.Fatalf("%v\n%s", err, buf.String())
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s does not round-trip:\n%s", ref, buf.String())
		}
	}
}

func TestWriteStarter(t *testing.T) {
	cs := catalogs(t)
	base, err := LoadOne(audit.DefaultPolicyID, cs)
	if err != nil {
		t.Fatal(err)
	}
	for _, opts := range []StarterOptions{{}, {ID: "app", Extend: true}} {
		var buf bytes.Buffer
		if err := WriteStarter(&buf, base, opts); err != nil {
			t.Fatal(err)
		}
		p, err := Parse("starter.yaml", buf.Bytes(), cs)
		if err != nil {
			t.Fatalf("starter %+v does not validate: %v\n%s", opts, err, buf.String())
		}
		if len(p.Rows) != len(base.Rows) || !strings.Contains(buf.String(), "# The short form lists permissions") {
			t.Errorf("starter %+v: %d rows\n%s", opts, len(p.Rows), buf.String())
		}
	}
}

func TestWriteMarkdownEscapes(t *testing.T) {
	p := &audit.Policy{ID: "x", Name: "a|b", Rows: []audit.PolicyRow{{Label: "l|m", Level: audit.LevelOptional, Category: "camera",
		Platforms: map[audit.Platform]*audit.Match{audit.Android: {AnyOf: []string{"android.permission.CAMERA"}}}}}}
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `| 1 | l\|m | - | Android | optional |`) {
		t.Errorf("cell not escaped:\n%s", buf.String())
	}
}

func FuzzParse(f *testing.F) {
	cs := catalogs(f)
	for _, s := range []string{readmeExample, readmeExampleJSON, "name: a\nrows: [{level: required, platforms: {android: {allOf: [x]}}}]\n",
		"a: &x [*x]\n", "{\"name\": [1, {\"a\": null}]}", "name: x\nextends: [easemob-im]\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse("fuzz.yaml", []byte(s), cs)
		if err == nil && p.ID == "" {
			t.Error("a valid policy without an id")
		}
	})
}

// TestScenarios applies policy files, as a user writes them, to
// declarations: the README example alone and combined with the built-in.
func TestScenarios(t *testing.T) {
	cs := catalogs(t)
	mine, err := Parse("my-sdk.yaml", []byte(readmeExample), cs)
	if err != nil {
		t.Fatal(err)
	}
	easemob, err := LoadOne("easemob-im", cs)
	if err != nil {
		t.Fatal(err)
	}
	manifest := func(target string, names ...string) audit.Declaration {
		d := audit.Declaration{Platform: audit.Android, App: audit.App{ID: "com.example", MinLevel: "24", TargetLevel: target}}
		for _, n := range names {
			d.Permissions = append(d.Permissions, audit.Permission{Name: "android.permission." + n, Form: audit.FormUsesPermission})
		}
		return d
	}
	tests := []struct {
		name     string
		policies []*audit.Policy
		decl     audit.Declaration
		want     string
		failed   bool
	}{
		{"CAMERA required but absent", []*audit.Policy{mine}, manifest("34", "ACCESS_FINE_LOCATION"),
			"required-missing:android.permission.CAMERA optional-declared:android.permission.ACCESS_FINE_LOCATION", true},
		{"READ_CONTACTS forbidden", []*audit.Policy{mine}, manifest("34", "CAMERA", "READ_CONTACTS"),
			"forbidden-declared:android.permission.READ_CONTACTS", true},
		{"combined with the built-in: CAMERA becomes required", []*audit.Policy{easemob, mine},
			manifest("34", "INTERNET", "ACCESS_NETWORK_STATE", "ACCESS_WIFI_STATE", "CHANGE_WIFI_STATE", "READ_MEDIA_IMAGES"),
			"required-missing:android.permission.CAMERA", true},
		{"combined and compliant", []*audit.Policy{easemob, mine},
			manifest("34", "INTERNET", "ACCESS_NETWORK_STATE", "ACCESS_WIFI_STATE", "CHANGE_WIFI_STATE", "READ_MEDIA_IMAGES", "CAMERA"),
			"optional-declared:android.permission.CAMERA", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.decl
			d.App.MinLevel = "33"
			res := audit.Evaluate(d, tt.policies, cs)
			var got []string
			for _, f := range res.Findings {
				got = append(got, f.RuleID+":"+f.Permission)
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("findings\n got: %s\nwant: %s", strings.Join(got, " "), tt.want)
			}
			r := &audit.Result{Artifacts: []audit.ArtifactResult{res}, FailOn: audit.SeverityError}
			if r.Failed() != tt.failed {
				t.Errorf("Failed() = %v", r.Failed())
			}
		})
	}
}
