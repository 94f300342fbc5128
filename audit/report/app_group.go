package report

import (
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// appBlock is one cross-platform app's artifacts, or a lone artifact
// (Group nil), in the order a report shows them.
type appBlock struct {
	Group     *audit.AppGroup
	Artifacts []audit.ArtifactResult
	// Index is each artifact's place in path order (its anchor).
	Index []int
}

// appBlocks keeps the artifacts of one app together, at the place of its
// first artifact in path order, so a report shows its platforms as one
// block; the others keep their own place. Apps are told apart by root, as
// the consistency check does.
func appBlocks(arts []audit.ArtifactResult) []appBlock {
	var out []appBlock
	at := map[string]int{} // group root → its block
	for i, a := range arts {
		if a.Group == nil {
			out = append(out, appBlock{Artifacts: []audit.ArtifactResult{a}, Index: []int{i}})
			continue
		}
		b, ok := at[a.Group.Root]
		if !ok {
			b = len(out)
			at[a.Group.Root] = b
			out = append(out, appBlock{Group: a.Group})
		}
		out[b].Artifacts = append(out[b].Artifacts, a)
		out[b].Index = append(out[b].Index, i)
	}
	return out
}

// appName is "RnChat (React Native)".
func appName(g *audit.AppGroup) string {
	if g == nil {
		return ""
	}
	return g.Name + " (" + g.Framework + ")"
}

// platformsOf lists a block's platforms, in path order, each once.
func (b appBlock) platformsOf() string {
	var out []string
	seen := map[audit.Platform]bool{}
	for _, a := range b.Artifacts {
		if !seen[a.Platform] {
			seen[a.Platform] = true
			out = append(out, a.Platform.Title())
		}
	}
	return strings.Join(out, ", ")
}

// projectFacts is how a source project was read: the variant or
// configuration, the build files and manifests used, and the levels given
// on the command line. Every report shows them, so each guess is in view.
type projectFacts struct {
	Variant   []string
	Files     []string
	Overrides []string
}

func projectFactsOf(a audit.ArtifactResult) projectFacts {
	var p projectFacts
	for _, f := range a.Facts {
		switch {
		case f.Key == "project.variant" || f.Key == "project.configuration":
			p.Variant = append(p.Variant, f.Value)
		case f.Key == "project.buildFile" || f.Key == "project.manifest":
			p.Files = append(p.Files, f.Value)
		case strings.HasPrefix(f.Key, "level.override."):
			p.Overrides = append(p.Overrides, strings.TrimPrefix(f.Key, "level.override.")+" "+f.Value)
		}
	}
	return p
}

// moduleNames is ":app (application), :camera-lib (library)".
func moduleNames(mods []audit.Module) string {
	var names []string
	for _, m := range mods {
		names = append(names, m.Name+" ("+m.Kind+")")
	}
	return strings.Join(names, ", ")
}
