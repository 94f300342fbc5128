package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/permaudit/permaudit/audit/golden"
)

// runPolicyCLI runs permaudit with the policy and catalog commands
// attached, whether or not root.go already adds them.
func runPolicyCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	e := env{stdout: &out, stderr: &errb,
		now:    func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) },
		getenv: func(string) string { return "" }}
	root := newRootCmd(e)
	have := map[string]bool{}
	for _, c := range root.Commands() {
		have[c.Name()] = true
	}
	if !have["policy"] {
		root.AddCommand(newPolicyCmd(e))
	}
	if !have["catalog"] {
		root.AddCommand(newCatalogCmd(e))
	}
	root.SetArgs(args)
	code = codeOf(root.Execute(), e)
	return code, out.String(), errb.String()
}

func codeOf(err error, e env) int { return code(err, e.stderr) }

func TestPolicyShowGolden(t *testing.T) {
	code, out, errs := runPolicyCLI("policy", "show", "easemob-im")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden.Check(t, "cli/policy-show-easemob-im.table", []byte(out))
}

func TestPolicyCommands(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("my-sdk.yaml", readmeExample)
	bad := write("bad.yaml", "name: bad\nandroid:\n  required: [android.permission.CAMRA]\n")
	forbids := write("no-camera.yaml", "name: no-camera\nandroid:\n  forbidden: [android.permission.CAMERA]\n")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{"list", []string{"policy", "list"}, 0, []string{"easemob-im (default)", "Easemob IM SDK Privacy Policy Statement"}, nil},
		{"list json", []string{"policy", "list", "--format", "json"}, 0, []string{`"id": "easemob-im"`, `"default": true`}, nil},
		{"show file", []string{"policy", "show", good}, 0, []string{"Policy my-sdk: my-sdk", "android.permission.READ_CONTACTS", "forbidden"}, nil},
		{"show markdown", []string{"policy", "show", "-f", "markdown", "easemob-im"}, 0,
			[]string{"| 3 | Access to the Internet (INTERNET) |", "## Data the policy says is collected"}, nil},
		{"show json", []string{"policy", "show", "-f", "json", "easemob-im"}, 0, []string{`"id": "easemob-im"`}, nil},
		{"show yaml", []string{"policy", "show", "-f", "yaml", "easemob-im"}, 0, []string{"id: easemob-im", "allOf: [android.permission.ACCESS_NETWORK_STATE]"}, nil},
		{"show bad format", []string{"policy", "show", "-f", "xml", "easemob-im"}, 2, nil, []string{"unsupported format"}},
		{"show unknown", []string{"policy", "show", "nope"}, 2, nil, []string{`unknown policy "nope"`}},
		{"show invalid file", []string{"policy", "show", bad}, 2, nil, []string{"bad.yaml:3:", "did you mean android.permission.CAMERA?"}},
		{"validate good", []string{"policy", "validate", good, "easemob-im"}, 0, []string{"my-sdk.yaml: valid: policy my-sdk, 5 row(s)"}, nil},
		{"validate bad", []string{"policy", "validate", good, bad}, 2, []string{"valid"}, []string{"bad.yaml:3: unknown android permission", "1 of 2 policy file(s) invalid"}},
		{"validate conflict warns", []string{"policy", "validate", good, forbids}, 0, nil,
			[]string{"warning: policy my-sdk requires android.permission.CAMERA on android", "policy no-camera forbids it"}},
		{"validate nothing", []string{"policy", "validate"}, 2, nil, []string{"at least one FILE"}},
		{"init", []string{"policy", "init"}, 0, []string{"# permaudit policy, started from the built-in \"easemob-im\"", "id: my-policy", "#   required: [android.permission.CAMERA]"}, nil},
		{"init extend", []string{"policy", "init", "--extend", "--id", "mine"}, 0, []string{"extends: [easemob-im]", "rows: []"}, nil},
		{"init unknown base", []string{"policy", "init", "--from", "nope"}, 2, nil, []string{"unknown built-in policy"}},
		{"catalog sizes", []string{"catalog", "show"}, 0, []string{"PLATFORM", "android", "harmonyos"}, nil},
		{"catalog entry", []string{"catalog", "show", "--platform", "android", "READ_EXTERNAL_STORAGE"}, 0,
			[]string{"android.permission.READ_EXTERNAL_STORAGE (Android)", "No effect:", "Also grants:", "Policy:       easemob-im row 6, required"}, nil},
		{"catalog harmony acl", []string{"catalog", "show", "ohos.permission.READ_CONTACTS"}, 0, []string{"needs an ACL"}, nil},
		{"catalog list", []string{"catalog", "show", "--platform", "android", "--category", "storage"}, 0,
			[]string{"android.permission.WRITE_EXTERNAL_STORAGE", "no effect from target 30"}, nil},
		{"catalog unknown name", []string{"catalog", "show", "--platform", "android", "CAMRA"}, 2, nil, []string{"did you mean android.permission.CAMERA?"}},
		{"catalog bad platform", []string{"catalog", "show", "--platform", "symbian"}, 2, nil, []string{"unknown platform"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runPolicyCLI(tt.args...)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errs)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errs)
				}
			}
		})
	}
}

// readmeExample is the policy the README and issue 4 show, as written.
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

// TestPolicyInitRoundTrip: the starter validates, and a copy of the
// built-in's rows reads back as the same matrix.
func TestPolicyInitRoundTrip(t *testing.T) {
	dir := t.TempDir()
	for _, extra := range [][]string{nil, {"--extend"}} {
		path := filepath.Join(dir, "p"+strings.Join(extra, "")+".yaml")
		args := append([]string{"policy", "init", "-o", path}, extra...)
		if code, _, errs := runPolicyCLI(args...); code != 0 {
			t.Fatalf("init %v: exit %d: %s", extra, code, errs)
		}
		if code, _, errs := runPolicyCLI("policy", "init", "-o", path); code != 2 || !strings.Contains(errs, "--force") {
			t.Errorf("init over an existing file: exit %d, %s", code, errs)
		}
		code, out, errs := runPolicyCLI("policy", "show", path)
		if code != 0 {
			t.Fatalf("show %s: exit %d: %s", path, code, errs)
		}
		if extra != nil {
			continue
		}
		_, want, _ := runPolicyCLI("policy", "show", "easemob-im")
		matrix := func(s string) string { return s[strings.Index(s, "\n#  "):] }
		if matrix(out) != matrix(want) {
			t.Errorf("starter's matrix differs from the built-in's:\n%s", out)
		}
	}
}

// TestPolicyValidateListsEachProblemOnItsLine: a policy with several
// problems lists each on a line of its own, as the file's line numbers
// suggest, not joined by an escaped line break; input text is still
// escaped.
func TestPolicyValidateListsEachProblemOnItsLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.yaml")
	body := "id: x\nname: X\nversion: \"1\"\nrows:\n  - label: a\n    level: bogus\n  - label: b\n    level: \"wr\\eong\"\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runPolicyCLI("policy", "validate", path)
	if code != ExitUsage {
		t.Fatalf("exit %d", code)
	}
	if strings.Contains(errs, `\x0a`) || !strings.Contains(errs, "bad.yaml:5: names no platform\n") ||
		!strings.Contains(errs, "\n"+filepath.Join(filepath.Dir(path), "bad.yaml:6: unknown level")) {
		t.Errorf("problems not one per line:\n%s", errs)
	}
	if strings.Contains(errs, "\x1b") || !strings.Contains(errs, `\x1b`) {
		t.Errorf("the ESC from the file is not escaped:\n%q", errs)
	}
}
