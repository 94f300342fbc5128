package platforms

import (
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android"
	"github.com/permaudit/permaudit/platforms/harmony"
	"github.com/permaudit/permaudit/platforms/ios"
)

// projectKindOrder is the order FindProjects tries the layouts in.
var projectKindOrder = []string{"gradle", "xcode", "hvigor"}

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
	"xcode": {
		Platform: audit.IOS,
		isRoot: func(_ string, names map[string]bool) bool {
			return len(xcodeProjects(names)) > 0
		},
		read: readXcode,
		covers: func(base string) bool {
			return base == "Info.plist" || strings.HasSuffix(base, "-Info.plist") || strings.HasSuffix(base, ".entitlements")
		},
	},
	"hvigor": {
		Platform: audit.HarmonyOS,
		// The project's build-profile.json5 sits beside AppScope; each
		// module has a build-profile.json5 of its own, without AppScope.
		isRoot: func(_ string, names map[string]bool) bool { return names["build-profile.json5"] && names["AppScope"] },
		read:   readHvigor,
		covers: func(base string) bool { return base == "module.json5" || base == "app.json5" },
	},
}

// xcodeProjects are the .xcodeproj bundles in a directory; CocoaPods'
// Pods.xcodeproj builds libraries, not an app.
func xcodeProjects(names map[string]bool) []string {
	var out []string
	for n := range names {
		if strings.HasSuffix(n, ".xcodeproj") && n != "Pods.xcodeproj" {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

func readXcode(p Project, fsys fs.FS, opts ProjectOptions) ([]audit.Declaration, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	names := map[string]bool{}
	for _, e := range entries {
		names[e.Name()] = e.IsDir()
	}
	var out []audit.Declaration
	for _, proj := range xcodeProjects(names) {
		apps, err := ios.ReadXcodeProject(fsys, proj, opts.Config)
		if err != nil {
			return nil, err
		}
		for _, a := range apps {
			a.Declaration.Artifact.Path = filepath.Join(p.Dir, a.Project)
			out = append(out, a.Declaration)
		}
	}
	return out, nil
}

func readHvigor(p Project, fsys fs.FS, _ ProjectOptions) ([]audit.Declaration, error) {
	d, ok, err := harmony.ReadHvigorProject(fsys)
	if err != nil || !ok {
		return nil, err
	}
	d.Artifact.Path = p.Dir
	return []audit.Declaration{d}, nil
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
