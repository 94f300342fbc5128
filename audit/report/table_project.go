package report

import (
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// projectLines say how a source project was read: the app it is one
// platform of, then its buildLines, so every guess behind the report is
// in view.
func projectLines(a audit.ArtifactResult) []string {
	var out []string
	if g := a.Group; g != nil {
		out = append(out, "App: "+appName(g)+", one app with the other platforms under "+g.Root)
	}
	return append(out, buildLines(a)...)
}

// buildLines are the variant or configuration, the modules merged, the
// files used and the levels given on the command line.
func buildLines(a audit.ArtifactResult) []string {
	p := projectFactsOf(a)
	var out []string
	if len(p.Variant) > 0 {
		line := "Built as " + strings.Join(p.Variant, ", ")
		if len(a.Modules) > 0 {
			line += "; modules " + moduleNames(a.Modules)
		}
		out = append(out, line, "Read: "+strings.Join(p.Files, ", "))
	}
	if len(p.Overrides) > 0 {
		out = append(out, "Levels given on the command line: "+strings.Join(p.Overrides, "; "))
	}
	return out
}
