package platforms

import (
	"io/fs"
	"path"
	"path/filepath"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android"
)

// projectKindOrder is the order FindProjects tries the layouts in.
var projectKindOrder = []string{"gradle"}

var projectKinds = map[string]projectKind{
	"gradle": {
		Platform: audit.Android,
		// A settings script marks a build's root; a lone build script
		// applying an Android plugin is a one-module build.
		isRoot: func(_ string, names map[string]bool) bool {
			return names["settings.gradle"] || names["settings.gradle.kts"] ||
				((names["build.gradle"] || names["build.gradle.kts"]) && names["src"])
		},
		read:   readGradle,
		covers: func(base string) bool { return base == "AndroidManifest.xml" },
	},
}

func readGradle(p Project, fsys fs.FS, opts ProjectOptions) ([]audit.Declaration, error) {
	apps, err := android.ReadGradleProject(fsys, android.ProjectOptions{Variant: opts.Variant})
	if err != nil {
		return nil, err
	}
	out := make([]audit.Declaration, 0, len(apps))
	for _, a := range apps {
		a.Declaration.Artifact.Path = filepath.Join(p.Dir, filepath.FromSlash(path.Clean(a.Dir)))
		out = append(out, a.Declaration)
	}
	return out, nil
}
