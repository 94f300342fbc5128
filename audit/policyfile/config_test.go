package policyfile

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// issueExample is the config the issue asks to be accepted as written.
const issueExample = `# .permaudit.yaml
policies: [easemob-im]
failOn: warning
waivers:
  - rule: beyond-policy
    permission: android.permission.READ_CONTACTS
    reason: contact sync, approved by the privacy review of 2025-03
    expires: 2026-12-31
`

func TestParseConfigIssueExample(t *testing.T) {
	c, err := ParseConfig(".permaudit.yaml", []byte(issueExample))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Policies) != 1 || c.Policies[0].Value != "easemob-im" || c.FailOn == nil || c.FailOn.Value != "warning" {
		t.Errorf("policies %+v failOn %+v", c.Policies, c.FailOn)
	}
	if c.FailOn.At != ".permaudit.yaml:3" {
		t.Errorf("failOn at %q", c.FailOn.At)
	}
	if len(c.Waivers) != 1 {
		t.Fatalf("waivers %+v", c.Waivers)
	}
	w := c.Waivers[0]
	if w.Rule != audit.RuleBeyondPolicy || w.Permission != "android.permission.READ_CONTACTS" ||
		w.Reason != "contact sync, approved by the privacy review of 2025-03" || w.ExpiresText() != "2026-12-31" ||
		w.Where() != ".permaudit.yaml:5" {
		t.Errorf("waiver %+v", w)
	}
}

func TestParseConfigAllKeys(t *testing.T) {
	raw := `policies: [easemob-im, policies/app.yaml]
failOn: never
exitCode: 9
excludes: ["samples/**"]
outputs: [table, sarif=out/permaudit.sarif]
baseline: base.json
waivers:
  - permission: ohos.permission.*
    app: com.example.*
    path: "entry/**"
    reason: r
`
	c, err := ParseConfig(filepath.Join("proj", ".permaudit.yaml"), []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Policies[1].Value; got != filepath.Join("proj", "policies", "app.yaml") {
		t.Errorf("policy file not resolved against the config's directory: %s", got)
	}
	if c.Policies[0].Value != "easemob-im" || c.ExitCode != 9 || c.Excludes[0] != "samples/**" {
		t.Errorf("%+v", c)
	}
	if c.Outputs[1].Value != "sarif="+filepath.Join("proj", "out", "permaudit.sarif") || c.Outputs[0].Value != "table" {
		t.Errorf("outputs %+v", c.Outputs)
	}
	if c.Baseline.Value != filepath.Join("proj", "base.json") {
		t.Errorf("baseline %+v", c.Baseline)
	}
	if w := c.Waivers[0]; w.App != "com.example.*" || w.Path != "entry/**" || !w.Expires.IsZero() {
		t.Errorf("waiver %+v", w)
	}
}

func TestParseConfigErrors(t *testing.T) {
	tests := []struct {
		name, raw string
		want      []string
	}{
		{"unknown key", "policies: [easemob-im]\nfailon: warning\n", []string{`c.yaml:2: config: unknown key "failon"; did you mean "failOn"?`}},
		{"bad failOn", "failOn: sometimes\n", []string{`c.yaml:1: failOn: "sometimes" is not error, warning, note or never`}},
		{"exit code taken", "exitCode: 3\n", []string{"c.yaml:1: exitCode: 3 already means something else"}},
		{"not a mapping", "- a\n", []string{"c.yaml:1: config must be a mapping"}},
		{"waiver mistakes", `waivers:
  - rule: beyond-polcy
    permission: "[x"
    expires: 31.12.2026
    colour: red
  - reason: everything
`, []string{
			`c.yaml:2: waivers[0].rule: unknown rule "beyond-polcy"; did you mean "beyond-policy"?`,
			"c.yaml:3: waivers[0].permission: glob",
			`c.yaml:4: waivers[0].expires: "31.12.2026" is not a date written YYYY-MM-DD`,
			`c.yaml:5: waivers[0]: unknown key "colour"`,
			"c.yaml:2: waivers[0]: a waiver needs a reason",
			"c.yaml:6: waivers[1]: a waiver needs a rule or a permission",
		}},
		{"YAML syntax", "policies: [a\n", []string{"c.yaml:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("c.yaml", []byte(tt.raw))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestFindConfig: found in the start directory or above it, named the way
// the user reaches it; none is not an error.
func TestFindConfig(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if p, err := FindConfig(deep); err != nil || p != "" {
		t.Fatalf("no config: %q, %v", p, err)
	}
	if err := os.WriteFile(filepath.Join(root, ConfigName), []byte(issueExample), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := FindConfig(deep)
	if err != nil || p != filepath.Join(deep, "..", "..", ConfigName) {
		t.Fatalf("found %q, %v", p, err)
	}
	if _, err := LoadConfig(p); err != nil {
		t.Error(err)
	}
}

// TestStarterConfig: what `permaudit init` writes is a valid config that
// waives nothing yet.
func TestStarterConfig(t *testing.T) {
	c, err := ParseConfig(ConfigName, []byte(StarterConfig()))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Policies) != 1 || c.Policies[0].Value != audit.DefaultPolicyID || len(c.Waivers) != 0 {
		t.Errorf("%+v", c)
	}
	// Its commented waiver, uncommented, is a valid waiver too.
	var lines []string
	in := false
	for _, l := range strings.Split(StarterConfig(), "\n") {
		if strings.HasPrefix(l, "waivers:") {
			in = true
			lines = append(lines, "waivers:")
			continue
		}
		if in && strings.HasPrefix(l, "#") {
			lines = append(lines, strings.TrimPrefix(l, "#"))
		}
	}
	c, err = ParseConfig(ConfigName, []byte(strings.Join(lines, "\n")))
	if err != nil || len(c.Waivers) != 1 || c.Waivers[0].App != "com.example.*" {
		t.Errorf("example waiver: %+v, %v", c, err)
	}
}

// TestStarterConfigNamesTakenExitCodes: the starter's exitCode comment
// names every code CheckExitCode refuses as taken, so a user editing it
// does not pick one that fails to load.
func TestStarterConfigNamesTakenExitCodes(t *testing.T) {
	var comment string
	for _, l := range strings.Split(StarterConfig(), "\n") {
		if strings.HasPrefix(l, "# Exit code for a failed gate") {
			comment = l
		}
	}
	if comment == "" {
		t.Fatal("starter config has no exitCode comment")
	}
	// 1 is the default the comment also names; codes from 2 up are checked.
	for n := 2; n <= 125; n++ {
		err := CheckExitCode(n)
		taken := err != nil && strings.Contains(err.Error(), "already means")
		if named := strings.Contains(comment, " "+strconv.Itoa(n)+" ") || strings.Contains(comment, " "+strconv.Itoa(n)+","); taken != named {
			t.Errorf("code %d: taken %v, named in %q %v", n, taken, comment, named)
		}
	}
}
