package report

import (
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// projectLines say how a source project was read: the variant or
// configuration, the modules merged and the files used, so every guess
// behind the table is in view.
func projectLines(a audit.ArtifactResult) []string {
	var variant, files, overrides []string
	for _, f := range a.Facts {
		switch {
		case f.Key == "project.variant" || f.Key == "project.configuration":
			variant = append(variant, f.Value)
		case f.Key == "project.buildFile" || f.Key == "project.manifest":
			files = append(files, f.Value)
		case strings.HasPrefix(f.Key, "level.override."):
			overrides = append(overrides, strings.TrimPrefix(f.Key, "level.override.")+" "+f.Value)
		}
	}
	var out []string
	if g := a.Group; g != nil {
		out = append(out, "App: "+g.Name+" ("+g.Framework+"), one app with the other platforms under "+g.Root)
	}
	if len(variant) > 0 {
		line := "Built as " + strings.Join(variant, ", ")
		if len(a.Modules) > 0 {
			var mods []string
			for _, m := range a.Modules {
				mods = append(mods, m.Name+" ("+m.Kind+")")
			}
			line += "; modules " + strings.Join(mods, ", ")
		}
		out = append(out, line, "Read: "+strings.Join(files, ", "))
	}
	if len(overrides) > 0 {
		out = append(out, "Levels given on the command line: "+strings.Join(overrides, "; "))
	}
	return out
}
