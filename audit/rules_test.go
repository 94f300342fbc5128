package audit

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestRulesDocumented: every rule has its texts, and the README's rule
// tables list every rule id, so users can look up whatever a report says.
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
		if !strings.Contains(string(readme), "| `"+r.ID+"` |") {
			t.Errorf("README.md has no row for rule %s", r.ID)
		}
	}
}
