package platforms

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirections keeps the package rules README's layout states true: one third-party
// library per package, and data flowing parse → evaluate → report → exit,
// never back.
func TestImportDirections(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go tool not on PATH")
	}
	cmd := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "./...")
	cmd.Dir = repoRoot()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/permaudit/permaudit/"
	// library → the packages (prefixes) allowed to import it
	libraries := map[string][]string{
		"github.com/spf13/cobra":              {"cmd/permaudit/internal/cli"},
		"github.com/olekukonko/tablewriter":   {"audit/report"},
		"github.com/shogo82148/androidbinary": {"platforms/android"},
		"google.golang.org/protobuf":          {"platforms/android"},
		"howett.net/plist":                    {"platforms/ios"},
		"github.com/titanous/json5":           {"platforms/harmony"},
		"gopkg.in/yaml.v3":                    {"audit/policyfile"},
		"github.com/schollz/progressbar/v3":   {"cmd/permaudit/internal/progress"},
		"github.com/bmatcuk/doublestar":       {"audit"}, // audit.Glob only
		"golang.org/x/term":                   {"cmd/permaudit/internal/progress", "cmd/permaudit/internal/cli"},
	}
	// package prefix → our packages it must not import
	forbidden := map[string][]string{
		"audit":      {"platforms", "cmd", "audit/report", "audit/policyfile"},
		"platforms":  {"cmd", "audit/report", "audit/policyfile"},
		"policydata": {"audit", "platforms", "cmd"},
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], mod)
		for _, imp := range fields[1:] {
			for lib, allowed := range libraries {
				if imp != lib && !strings.HasPrefix(imp, lib+"/") {
					continue
				}
				ok := false
				for _, a := range allowed {
					ok = ok || pkg == a || strings.HasPrefix(pkg, a+"/")
				}
				if !ok {
					t.Errorf("%s imports %s; only %v may", pkg, imp, allowed)
				}
			}
			if !strings.HasPrefix(imp, mod) {
				continue
			}
			ours := strings.TrimPrefix(imp, mod)
			for prefix, banned := range forbidden {
				if pkg != prefix && !strings.HasPrefix(pkg, prefix+"/") {
					continue
				}
				for _, b := range banned {
					if (ours == b || strings.HasPrefix(ours, b+"/")) && !strings.HasPrefix(pkg, b) {
						t.Errorf("%s imports %s: the data flows the other way", pkg, ours)
					}
				}
			}
		}
	}
}
