package android

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// KindGradleProject is Artifact.Kind for an app module of a Gradle build.
const KindGradleProject = "gradle-project"

var (
	// reDynamicModules: React Native autolinking and Flutter's plugin loader.
	reDynamicModules = regexp.MustCompile(`autolinkLibrariesFromCommand|applyNativeModulesSettingsGradle|dev\.flutter\.flutter-plugin-loader`)
	reProjectDir     = regexp.MustCompile(`^project\(\s*["'](:[^"']*)["']\s*\)\.projectDir\s*=\s*(?:new\s+)?(?:File|file)\(\s*(?:(?:rootProject\.projectDir|settingsDir|rootDir)\s*,\s*)?["']([^"']+)["']\s*\)$`)
)

// gradleBuild is the whole build as read from its root: modules by path,
// the values scripts can refer to, and what could not be followed.
type gradleBuild struct {
	fsys    fs.FS
	modules map[string]*gradleModule
	order   []string // module paths in settings order
	values  gradleValues
	files   []string // build files read, for the report
	notes   []audit.Note
}

// readGradleBuild reads settings.gradle(.kts), the root build script,
// gradle.properties and gradle/libs.versions.toml, then every module
// the settings include (or the root itself in a one-module build).
func readGradleBuild(fsys fs.FS) (*gradleBuild, error) {
	b := &gradleBuild{fsys: fsys, modules: map[string]*gradleModule{},
		values: gradleValues{props: map[string]string{}, ext: map[string]string{}}}
	if text, _, err := b.read("gradle.properties"); err == nil {
		parseProperties(text, b.values.props)
	}
	if text, _, err := b.read("gradle/libs.versions.toml"); err == nil {
		b.values.catalog = parseCatalog(text)
	}
	includes, dirs := map[string]bool{}, map[string]string{}
	settings, settingsFile, err := b.readScript("settings.gradle", "settings.gradle.kts")
	if err != nil {
		return nil, err
	}
	b.settings(settings, settingsFile, includes, dirs)
	root, rootFile, err := b.readScript("build.gradle", "build.gradle.kts")
	if err != nil {
		return nil, err
	}
	collectExt(root, b.values.ext)
	if len(b.order) == 0 && rootFile != "" {
		b.order = append(b.order, ":")
	}
	for _, p := range b.order {
		dir := dirs[p]
		if dir == "" {
			dir = strings.ReplaceAll(strings.TrimPrefix(p, ":"), ":", "/")
		}
		if err := b.readModule(p, dir); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func (b *gradleBuild) settings(list []stmt, file string, includes map[string]bool, dirs map[string]string) {
	for _, s := range list {
		b.settingsStatement(s, file, includes, dirs)
		b.settings(s.Block, file, includes, dirs)
	}
}

// settingsStatement takes include(...) lists and projectDir overrides;
// what adds modules dynamically (React Native's autolinking, Flutter's
// plugin loader) cannot be listed without running Gradle, so it is noted.
func (b *gradleBuild) settingsStatement(s stmt, file string, includes map[string]bool, dirs map[string]string) {
	switch {
	case strings.HasPrefix(s.Head, "include") && !strings.HasPrefix(s.Head, "includeBuild"):
		for _, q := range reQuoted.FindAllString(s.Head, -1) {
			p := unquote(q)
			if !strings.HasPrefix(p, ":") {
				p = ":" + p
			}
			if !includes[p] {
				includes[p] = true
				b.order = append(b.order, p)
			}
		}
	case reProjectDir.MatchString(s.Head):
		m := reProjectDir.FindStringSubmatch(s.Head)
		dirs[m[1]] = path.Clean(m[2])
	case reDynamicModules.MatchString(s.Head):
		b.unresolved(file, s.Line, "%s adds plugin modules at build time; permaudit reads only the modules settings lists, so permissions those plugins bring are not in this audit (audit the built APK or AAB for them)", reDynamicModules.FindString(s.Head))
	}
}

func (b *gradleBuild) readModule(p, dir string) error {
	list, file, err := b.readScript(path.Join(dir, "build.gradle"), path.Join(dir, "build.gradle.kts"))
	if err != nil {
		return err
	}
	if file == "" {
		if !strings.HasPrefix(dir, "..") {
			b.unresolved("", 0, "module %s: no build.gradle or build.gradle.kts in %s", p, dir)
		} else {
			b.unresolved("", 0, "module %s lives outside the project (%s); permaudit reads only inside it", p, dir)
		}
		return nil
	}
	m := readModuleScript(list, b.values.catalog)
	m.Path, m.Dir, m.BuildFile = p, dir, file
	if p == ":" {
		m.Dir = "."
	}
	b.modules[p] = &m
	return nil
}

// readScript reads the first of names that exists; file is "" when none does.
func (b *gradleBuild) readScript(names ...string) ([]stmt, string, error) {
	for _, n := range names {
		text, ok, err := b.read(n)
		if err != nil {
			return nil, "", err
		}
		if ok {
			b.files = append(b.files, n)
			return parseScript(text), n, nil
		}
	}
	return nil, "", nil
}

// read returns a file's text; ok is false when it does not exist.
func (b *gradleBuild) read(name string) (string, bool, error) {
	data, err := archive.ReadFile(b.fsys, name)
	if err != nil {
		if errorsIsNotExist(err) {
			return "", false, nil
		}
		return "", false, &audit.ParseError{Entry: name, Err: err}
	}
	return string(data), true, nil
}

func (b *gradleBuild) unresolved(file string, line int, format string, args ...any) {
	b.notes = append(b.notes, audit.Note{RuleID: audit.RuleProjectUnresolved, Severity: audit.SeverityWarning,
		Entry: file, Line: line, Message: fmt.Sprintf(format, args...)})
}

func errorsIsNotExist(err error) bool {
	return err != nil && (errors.Is(err, fs.ErrNotExist) || strings.Contains(err.Error(), "not a directory"))
}
