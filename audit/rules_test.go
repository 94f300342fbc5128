package audit

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestRulesDocumented: every rule has its texts, and the README's rule
// tables list every rule id, and no other, with the severity it is
// emitted with, so users can look up whatever a report says.
func TestRulesDocumented(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	readme, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range Rules {
		if r.Name == "" || r.Short == "" || r.Full == "" || r.Help == "" || r.SecuritySeverity == "" || r.Severity.Rank() == 0 {
			t.Errorf("rule %s lacks documentation: %+v", r.ID, r)
		}
		if i > 0 && Rules[i-1].ID >= r.ID {
			t.Errorf("rules not in id order at %s", r.ID)
		}
	}
	rows := readmeRuleRows(string(readme))
	for _, r := range Rules {
		sev, ok := rows[r.ID]
		if !ok {
			t.Errorf("README.md has no row for rule %s", r.ID)
			continue
		}
		// The first severity a row names is the rule's default; a graded
		// rule lists the others after a slash.
		if first := strings.TrimSpace(strings.Split(sev, "/")[0]); first != string(r.Severity) {
			t.Errorf("README.md says %s is %q, the rule registry says %s", r.ID, sev, r.Severity)
		}
		delete(rows, r.ID)
	}
	for id := range rows {
		t.Errorf("README.md lists rule %s, which no registry entry documents", id)
	}
}

// readmeRuleRows reads the README's rule tables: "| `id` | severity | when |".
func readmeRuleRows(readme string) map[string]string {
	out := map[string]string{}
	inRules := false
	for _, line := range strings.Split(readme, "\n") {
		if strings.HasPrefix(line, "| rule id | severity |") {
			inRules = true
			continue
		}
		if !strings.HasPrefix(line, "|") {
			inRules = false
			continue
		}
		cells := strings.Split(line, "|")
		if !inRules || len(cells) < 4 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		out[strings.Trim(strings.TrimSpace(cells[1]), "`")] = strings.TrimSpace(cells[2])
	}
	return out
}
