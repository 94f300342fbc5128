package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPolicyInitBlank: --blank starts an unrelated SDK's policy from
// nothing; once a forbidden row is added, an audit cites the row's label
// and purpose, and no report line ends in a dash for the missing source.
func TestPolicyInitBlank(t *testing.T) {
	code, out, stderr := runPolicyCLI("policy", "init", "--blank", "--id", "acme-sdk", "--name", "Acme SDK privacy policy")
	if code != 0 || !strings.Contains(out, "id: acme-sdk") || !strings.Contains(out, "rows: []") {
		t.Fatalf("exit %d: %s%s", code, out, stderr)
	}
	file := filepath.Join(t.TempDir(), "acme.yaml")
	forbidden := `android:
  forbidden:
    - permission: android.permission.READ_CONTACTS
      label: No contact lists
      purpose: Acme never reads the address book
`
	if err := os.WriteFile(file, []byte(out+forbidden), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runPolicyCLI("policy", "validate", file); code != 0 {
		t.Fatalf("the blank policy with a row does not validate: %s", stderr)
	}
	code, table, stderr := runCLI("audit", "--fail-on", "never", "-p", file, "testdata/cases/android/misplaced.xml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(table, "forbids it (No contact lists: Acme never reads the address book)") {
		t.Errorf("the forbidden finding lacks the row's label and purpose:\n%s", table)
	}
	for _, line := range strings.Split(table, "\n") {
		if strings.HasSuffix(strings.TrimSpace(line), "—") || strings.Contains(line, "effective )") {
			t.Errorf("dangling policy line: %q", line)
		}
	}
	if code, _, _ := runPolicyCLI("policy", "init", "--blank", "--extend"); code != ExitUsage {
		t.Errorf("--blank --extend: exit %d, want %d", code, ExitUsage)
	}
}
