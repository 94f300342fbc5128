package android

import (
	"regexp"
	"slices"
	"strings"
)

// Android Gradle plugin ids: an application module is what ships, a
// library is merged into the applications that depend on it.
const (
	pluginApplication = "com.android.application"
	pluginLibrary     = "com.android.library"
)

// gradleSetting is a value expression as written and where.
type gradleSetting struct {
	Expr string
	Line int
}

func (s gradleSetting) set() bool { return s.Expr != "" }

// gradleLevels are the level settings of defaultConfig or one flavor.
type gradleLevels struct {
	Min, Target, Compile, AppID, Version, AppIDSuffix gradleSetting
}

type gradleFlavor struct {
	Name, Dimension string
	Levels          gradleLevels
}

// projectDep is a dependency on another module of the build.
type projectDep struct {
	Config, Path string
	Line         int
}

// fileDep is a dependency on local files (files(...), fileTree(...)).
type fileDep struct {
	Config, Text string
}

// gradleModule is what one module's build script says.
type gradleModule struct {
	Path, Dir, BuildFile string
	Plugin               string // pluginApplication, pluginLibrary or ""
	Namespace            gradleSetting
	Default              gradleLevels
	BuildTypes           []string
	BuildTypeSuffix      map[string]gradleSetting // applicationIdSuffix per build type
	Dimensions           []string
	Flavors              []gradleFlavor
	Deps                 []projectDep
	FileDeps             []fileDep
	Maven                []mavenDep
	ManifestFiles        map[string]string // source set → manifest.srcFile, relative to the module
	MissingDimension     map[string]string // defaultConfig's missingDimensionStrategy: dimension → flavor
	Locals               map[string]string
}

var (
	rePluginID    = regexp.MustCompile(`^(?:id\s*\(?\s*["']([^"']+)["']\s*\)?|apply\s*\(?\s*plugin\s*[:=]\s*["']([^"']+)["']\s*\)?|alias\s*\(\s*libs\.plugins\.([A-Za-z0-9_.]+)\s*\)|` + "`" + `?(android|kotlin)` + "`" + `?\s*\(\s*["']([^"']+)["']\s*\))`)
	reApplyFalse  = regexp.MustCompile(`\bapply\s*\(?\s*false\b`)
	reProjectCall = regexp.MustCompile(`project\(\s*(?:path\s*[:=]\s*)?["']([^"']+)["']`)
	reTypesafe    = regexp.MustCompile(`^\(?\s*projects\.([A-Za-z0-9_.]+)\s*\)?$`)
	reQuoted      = regexp.MustCompile(`"[^"]*"|'[^']*'`)
	reDepConfig   = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9]*)\s*\(?\s*(.*)$`)
)

// readModuleScript reads the parts of a module build script permaudit uses.
func readModuleScript(list []stmt, catalog versionCatalog) gradleModule {
	m := gradleModule{Locals: map[string]string{}}
	collectLocals(list, m.Locals)
	m.Plugin = modulePlugin(list, catalog)
	android := within(list, "android")
	m.Namespace = settingOf(android, "namespace")
	m.Default = readLevels(within(android, "defaultConfig"))
	m.MissingDimension = missingDimensions(within(android, "defaultConfig"))
	if !m.Default.Compile.set() {
		m.Default.Compile = settingOf(android, "compileSdk", "compileSdkVersion")
	}
	m.BuildTypes = []string{"debug", "release"} // AGP always creates both
	m.BuildTypeSuffix = map[string]gradleSetting{}
	for _, b := range within(android, "buildTypes") {
		name := blockName(b.Head)
		if !b.Open || !reIdent.MatchString(name) {
			continue
		}
		if !slices.Contains(m.BuildTypes, name) {
			m.BuildTypes = append(m.BuildTypes, name)
		}
		if sfx := settingOf(b.Block, "applicationIdSuffix"); sfx.set() {
			m.BuildTypeSuffix[name] = sfx
		}
	}
	for _, s := range android {
		if strings.HasPrefix(s.Head, "flavorDimensions") && !s.Open {
			for _, q := range reQuoted.FindAllString(s.Head, -1) {
				m.Dimensions = append(m.Dimensions, unquote(q))
			}
		}
	}
	for _, f := range within(android, "productFlavors") {
		if !f.Open || !reIdent.MatchString(blockName(f.Head)) {
			continue
		}
		dim, _, _ := setting(f.Block, "dimension")
		m.Flavors = append(m.Flavors, gradleFlavor{Name: blockName(f.Head), Dimension: unquote(dim), Levels: readLevels(f.Block)})
	}
	m.Deps, m.FileDeps = projectDeps(within(list, "dependencies"))
	m.Maven = mavenDeps(within(list, "dependencies"), catalog)
	m.ManifestFiles = map[string]string{}
	for _, set := range within(android, "sourceSets") {
		if expr, _, ok := setting(set.Block, "manifest.srcFile"); ok && set.Open {
			m.ManifestFiles[blockName(set.Head)] = unquote(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(expr), "file("), ")"))
		}
	}
	return m
}

func settingOf(list []stmt, keys ...string) gradleSetting {
	expr, line, _ := setting(list, keys...)
	return gradleSetting{Expr: expr, Line: line}
}

func readLevels(list []stmt) gradleLevels {
	return gradleLevels{
		Min:         settingOf(list, "minSdk", "minSdkVersion"),
		Target:      settingOf(list, "targetSdk", "targetSdkVersion"),
		Compile:     settingOf(list, "compileSdk", "compileSdkVersion"),
		AppID:       settingOf(list, "applicationId"),
		Version:     settingOf(list, "versionName"),
		AppIDSuffix: settingOf(list, "applicationIdSuffix"),
	}
}

// modulePlugin finds the Android plugin a script applies, from a plugins
// block (id, alias to the catalog) or the older apply plugin form.
// "apply false" declares a plugin without applying it.
func modulePlugin(list []stmt, catalog versionCatalog) string {
	var heads []string
	for _, s := range within(list, "plugins") {
		heads = append(heads, s.Head)
	}
	for _, s := range list {
		if !s.Open {
			heads = append(heads, s.Head)
		}
	}
	for _, h := range heads {
		m := rePluginID.FindStringSubmatch(h)
		if m == nil || reApplyFalse.MatchString(h) {
			continue
		}
		id := m[1] + m[2]
		switch {
		case m[3] != "":
			id, _ = catalog.plugin(m[3])
		case m[4] == "android":
			id = "com.android." + m[5]
		}
		if id == pluginApplication || id == pluginLibrary {
			return id
		}
	}
	return ""
}

// projectDeps lists the dependencies on other modules of the build,
// whatever configuration brings them (filtered per variant later).
func projectDeps(list []stmt) ([]projectDep, []fileDep) {
	var out []projectDep
	var files []fileDep
	for _, s := range list {
		m := reDepConfig.FindStringSubmatch(s.Head)
		if s.Open || m == nil {
			continue
		}
		if strings.Contains(s.Head, "files(") || strings.Contains(s.Head, "fileTree(") {
			files = append(files, fileDep{Config: m[1], Text: s.Head})
			continue
		}
		arg := strings.TrimSuffix(strings.TrimSpace(m[2]), ")")
		if p := reProjectCall.FindStringSubmatch(s.Head); p != nil {
			out = append(out, projectDep{Config: m[1], Path: p[1], Line: s.Line})
		} else if p := reTypesafe.FindStringSubmatch(arg); p != nil {
			out = append(out, projectDep{Config: m[1], Path: "projects." + p[1], Line: s.Line})
		}
	}
	return out, files
}
