package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

// TestErrorsThatTeach: the common slips get a message that names the fix.
func TestErrorsThatTeach(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"a plural threshold", []string{"audit", "--fail-on", "warnings", "testdata/examples/im-app"}, ExitUsage,
			`--fail-on "warnings": want error, warning, note or never; did you mean "warning"?`},
		{"-o FILE, trivy's habit", []string{"audit", "-o", "permaudit.sarif", "testdata/examples/im-app"}, ExitUsage,
			"use -o sarif=permaudit.sarif"},
		{"-o FILE.xml", []string{"audit", "-o", "junit.xml", "testdata/examples/im-app"}, ExitUsage,
			"use -o junit=junit.xml"},
		{"an unknown format is still named", []string{"audit", "-o", "yaml", "testdata/examples/im-app"}, ExitUsage,
			`unsupported format "yaml"`},
		{"an empty directory", []string{"audit", empty}, ExitNothing,
			"nothing to audit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d (want %d), stderr lacks %q:\n%s", code, tt.code, tt.want, stderr)
			}
		})
	}
}

// TestEmptyDirectoryAmongOthers: a directory with nothing in it next to
// real inputs is still an input problem (3), not "nothing to audit".
func TestEmptyDirectoryAmongOthers(t *testing.T) {
	code, _, _ := runCLI("audit", "--fail-on", "never", t.TempDir(), "testdata/examples/im-app")
	if code != ExitInputError {
		t.Errorf("exit %d, want %d", code, ExitInputError)
	}
}

// TestDuplicatePolicyOnce: --policy named twice applies the policy once.
func TestDuplicatePolicyOnce(t *testing.T) {
	code, out, stderr := runCLI("audit", "--fail-on", "never", "-p", "easemob-im", "--policy", "easemob-im", "testdata/examples/im-app")
	if code != 0 || strings.Count(out, "Policy: easemob-im") != 1 {
		t.Errorf("exit %d, %d policy lines:\n%s%s", code, strings.Count(out, "Policy: easemob-im"), out, stderr)
	}
}

// TestStdinManifest: "-" reads a manifest piped in, detected by content.
func TestStdinManifest(t *testing.T) {
	data, err := os.ReadFile("testdata/cases/android/compliant.xml")
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	e := env{stdout: &out, stderr: &errb, now: time.Now, getenv: wideTerminal, stdin: bytes.NewReader(data)}
	if code := run([]string{"audit", "--format", "json", "-"}, e); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), `"path": "-"`) || !strings.Contains(out.String(), "com.example.ok") {
		t.Errorf("stdin manifest not audited:\n%.600s", out.String())
	}
	e.stdin, out = strings.NewReader("PK\x03\x04 not really"), bytes.Buffer{}
	errb.Reset()
	if code := run([]string{"audit", "-"}, e); code != ExitInputError || !strings.Contains(errb.String(), "name its file") {
		t.Errorf("a package on stdin: exit %d: %s", code, errb.String())
	}
}

// TestFlagCompletion: the shell completes formats, thresholds and policy ids.
func TestFlagCompletion(t *testing.T) {
	for flag, want := range map[string]string{"--format": "sarif", "--fail-on": "warning", "--policy": "easemob-im", "--color": "never", "-o": "junit="} {
		_, out, _ := runCLI("__complete", "audit", flag, "")
		if !strings.Contains(out, want+"\n") {
			t.Errorf("%s completes to:\n%s\nwant %s among them", flag, out, want)
		}
	}
}
