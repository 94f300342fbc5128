package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
)

type actionFile struct {
	Name    string
	Inputs  map[string]struct{ Description, Default string }
	Outputs map[string]struct{ Description, Value string }
	Runs    struct {
		Using string
		Steps []struct {
			ID, Name, If, Uses, Run, Shell string
			With                           map[string]string
			Env                            map[string]string
		}
	}
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// subcommand finds a command of the real CLI tree by name.
func subcommand(t *testing.T, name string) *cobra.Command {
	t.Helper()
	cmd, _, err := newRootCmd(defaultEnv(nil, nil)).Find([]string{name})
	if err != nil || cmd.Name() != name {
		t.Fatalf("no %q command: %v", name, err)
	}
	return cmd
}

// checkFlags looks every flag up on cmd.
func checkFlags(t *testing.T, where string, cmd *cobra.Command, flags []string) {
	t.Helper()
	for _, f := range flags {
		var found bool
		if name, ok := strings.CutPrefix(f, "--"); ok {
			found = cmd.Flags().Lookup(name) != nil
		} else {
			found = cmd.Flags().ShorthandLookup(strings.TrimPrefix(f, "-")) != nil
		}
		if !found {
			t.Errorf("%s passes %s, which is not a flag of `permaudit %s`", where, f, cmd.Name())
		}
	}
}

var flagToken = regexp.MustCompile(`(?:^|\s)(--?[a-zA-Z][a-zA-Z0-9-]*)`)

func flagsIn(s string) []string {
	var out []string
	for _, m := range flagToken.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestActionYAML: action.yml is a composite action whose run step passes
// only real `permaudit audit` flags, uploads SARIF with the current
// upload-sarif major and says which permission that needs.
func TestActionYAML(t *testing.T) {
	var a actionFile
	readYAML(t, "action.yml", &a)
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q, want composite", a.Runs.Using)
	}
	for _, in := range []string{"paths", "policy", "fail-on", "config", "baseline", "sarif", "args", "version"} {
		if _, ok := a.Inputs[in]; !ok {
			t.Errorf("input %q missing", in)
		}
	}
	data, _ := os.ReadFile("action.yml")
	if !strings.Contains(string(data), "security-events: write") {
		t.Error("action.yml does not document permissions: security-events: write")
	}
	var run, upload bool
	for _, s := range a.Runs.Steps {
		if s.Run != "" && s.Shell == "" {
			t.Errorf("step %q runs a script without shell: (composite actions require it)", s.Name)
		}
		if strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@") {
			upload = true
			if s.Uses != "github/codeql-action/upload-sarif@v4" {
				t.Errorf("upload step uses %s, want the current major @v4", s.Uses)
			}
		}
		if s.ID != "run" {
			continue
		}
		run = true
		// Every word added to the args array is a permaudit argument.
		var words strings.Builder
		for _, m := range regexp.MustCompile(`args\+?=\(([^)]*)\)`).FindAllStringSubmatch(s.Run, -1) {
			words.WriteString(" " + m[1])
		}
		if !strings.HasPrefix(strings.TrimSpace(words.String()), "audit ") {
			t.Errorf("run step does not call `permaudit audit`: args are %q", words.String())
		}
		flags := flagsIn(words.String())
		if len(flags) < 5 {
			t.Fatalf("found only %v in the run step; the pattern no longer matches how it builds args", flags)
		}
		checkFlags(t, "action.yml", subcommand(t, "audit"), flags)
	}
	if !run || !upload {
		t.Errorf("want a step with id run and an upload-sarif step (run %v, upload %v)", run, upload)
	}
}

// TestPreCommitHooks: the hook parses, runs `permaudit audit` with real
// flags, and its files pattern picks exactly the manifests permaudit reads.
func TestPreCommitHooks(t *testing.T) {
	var hooks []struct {
		ID, Entry, Language, Files string
		Args                       []string
		PassFilenames              bool `yaml:"pass_filenames"`
	}
	readYAML(t, ".pre-commit-hooks.yaml", &hooks)
	if len(hooks) == 0 {
		t.Fatal("no hooks")
	}
	for _, h := range hooks {
		if h.Language != "golang" || !h.PassFilenames {
			t.Errorf("hook %s: language %q, pass_filenames %v; want golang and true", h.ID, h.Language, h.PassFilenames)
		}
		words := strings.Fields(h.Entry)
		if len(words) < 2 || words[0] != "permaudit" || words[1] != "audit" {
			t.Fatalf("hook %s: entry %q does not run `permaudit audit`", h.ID, h.Entry)
		}
		checkFlags(t, ".pre-commit-hooks.yaml", subcommand(t, "audit"), flagsIn(strings.Join(append(words[2:], h.Args...), " ")))
		re, err := regexp.Compile(h.Files)
		if err != nil {
			t.Fatalf("hook %s: files: %v", h.ID, err)
		}
		for path, want := range map[string]bool{
			"app/src/main/AndroidManifest.xml": true, "ios/Runner/Info.plist": true, "Info.plist": true,
			"entry/src/main/module.json5": true, "ios/Runner/Runner.entitlements": true, "ios/PrivacyInfo.xcprivacy": true,
			"README.md": false, "docs/AndroidManifest.xml.orig": false, "src/main/MyInfo.plist.bak": false, "x/.entitlements.txt": false,
		} {
			if got := re.MatchString(path); got != want {
				t.Errorf("hook %s: files matches %s = %v, want %v", h.ID, path, got, want)
			}
		}
	}
}
