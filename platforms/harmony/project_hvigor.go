package harmony

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// KindHvigorProject is Artifact.Kind for a HarmonyOS source project.
const KindHvigorProject = "hvigor-project"

// ReadHvigorProject reads the HarmonyOS project at the root of fsys
// (build-profile.json5 and AppScope/app.json5) as one app: every entry
// and feature module build-profile lists, with the HAR and HSP modules
// they depend on (oh-package.json5 "file:" dependencies) merged in, each
// permission naming its module; identity from app.json5, levels from the
// product in build-profile.json5 (a "5.0.0(12)" version is API 12),
// "$string:" reasons from the resources. ok is false when the project
// has no entry or feature module.
func ReadHvigorProject(fsys fs.FS) (d audit.Declaration, ok bool, err error) {
	p := hvigorProject{fsys: fsys, byDir: map[string]*hvigorModule{}}
	d = audit.Declaration{Platform: audit.HarmonyOS, Artifact: audit.Artifact{Kind: KindHvigorProject}, Permissions: []audit.Permission{}}
	if err := p.readProfile(&d); err != nil {
		return d, false, err
	}
	appPath := FindAppScope(fsys, "build-profile.json5")
	var scope stringTable
	if appPath != "" {
		raw, err := archive.ReadFile(fsys, appPath)
		if err != nil {
			return d, false, &audit.ParseError{Entry: appPath, Err: err}
		}
		app, err := ParseAppJSON(raw)
		if err != nil {
			return d, false, withEntry(err, appPath)
		}
		fillApp(&d.App, app)
		d.Facts = append(d.Facts, audit.Fact{Key: "project.buildFile", Value: appPath})
		if scope, err = readStringTable(fsys, "AppScope", same); err != nil {
			return d, false, err
		}
	}
	for _, m := range p.modules {
		if err := p.readModule(m, scope); err != nil {
			return d, false, err
		}
	}
	apps := p.apps()
	if len(apps) == 0 {
		return d, false, nil
	}
	for _, m := range p.withDependencies(apps, &d) {
		d.Modules = append(d.Modules, audit.Module{Name: m.name, Kind: m.kind()})
		for _, perm := range m.decl.Permissions {
			perm.Entry = m.file
			d.Permissions = append(d.Permissions, perm)
		}
		for _, n := range m.decl.Notes {
			if n.Entry == "" {
				n.Entry = m.file
			}
			d.Notes = append(d.Notes, n)
		}
		d.Signals = append(d.Signals, m.decl.Signals...)
		d.Libraries = append(d.Libraries, m.decl.Libraries...)
		d.Facts = append(d.Facts, audit.Fact{Key: "project.manifest", Value: m.file})
		for _, f := range m.decl.Facts {
			f.Entry = m.file
			d.Facts = append(d.Facts, f)
		}
	}
	sort.SliceStable(d.Facts, func(i, j int) bool { return d.Facts[i].Key < d.Facts[j].Key })
	return d, true, nil
}

// same shows a project file by its path inside the project.
func same(name string) string { return name }

type hvigorModule struct {
	name, dir, file string
	decl            audit.Declaration
	deps            []string // module dirs from oh-package.json5
}

// kind is module.type: entry, feature, har or shared.
func (m *hvigorModule) kind() string {
	if len(m.decl.Modules) == 0 {
		return ""
	}
	return m.decl.Modules[0].Kind
}

type hvigorProject struct {
	fsys    fs.FS
	modules []*hvigorModule
	byDir   map[string]*hvigorModule
}

var reSdkVersion = regexp.MustCompile(`^\s*\d+(?:\.\d+)*\s*\(\s*(\d+)\s*\)\s*$`)

// sdkLevel turns "5.0.0(12)" into "12"; a plain number stays as it is.
func sdkLevel(v string) string {
	if m := reSdkVersion.FindStringSubmatch(v); m != nil {
		return m[1]
	}
	return strings.TrimSpace(v)
}

// readProfile reads build-profile.json5: the product ("default", else
// the first) with its levels, and the modules.
func (p *hvigorProject) readProfile(d *audit.Declaration) error {
	const file = "build-profile.json5"
	data, err := archive.ReadFile(p.fsys, file)
	if err != nil {
		return &audit.ParseError{Entry: file, Err: err}
	}
	doc, err := decode(data)
	if err != nil {
		return withEntry(err, file)
	}
	d.Facts = append(d.Facts, audit.Fact{Key: "project.buildFile", Value: file})
	app := doc.root.get("app")
	levels := app // older projects keep the levels on app itself
	products, err := app.get("products").array()
	if err != nil {
		return withEntry(err, file)
	}
	if len(products) > 0 {
		levels = products[0]
		for _, pr := range products {
			if n, _, _ := pr.get("name").str(); n == "default" {
				levels = pr
			}
		}
		name, _, _ := levels.get("name").str()
		d.Facts = append(d.Facts, audit.Fact{Key: "project.configuration", Value: "product " + name})
	}
	d.Notes = append(d.Notes, removePermissionsNotes(file, levels.get("buildOption"))...)
	var compile string
	for _, l := range []struct {
		key string
		to  *string
	}{{"compatibleSdkVersion", &d.App.MinLevel}, {"targetSdkVersion", &d.App.TargetLevel}, {"compileSdkVersion", &compile}} {
		v, err := levels.get(l.key).level()
		if err != nil {
			return withEntry(err, file)
		}
		*l.to = sdkLevel(v)
	}
	if d.App.TargetLevel == "" {
		d.App.TargetLevel = compile // the target defaults to the compile level
	}
	mods, err := doc.root.get("modules").array()
	if err != nil {
		return withEntry(err, file)
	}
	for _, m := range mods {
		name, _, err1 := m.get("name").str()
		src, _, err2 := m.get("srcPath").str()
		if err := errors.Join(err1, err2); err != nil {
			return withEntry(err, file)
		}
		if src == "" {
			src = name
		}
		hm := &hvigorModule{name: name, dir: path.Clean(src)}
		p.modules = append(p.modules, hm)
		p.byDir[hm.dir] = hm
	}
	return nil
}

// readModule reads a module's module.json5, its resources and its
// oh-package.json5 dependencies: on other modules of the project
// ("file:"), merged, and on ohpm registry packages, which name the SDKs
// the module packages (https://ohpm.openharmony.cn, oh-package.json5
// "dependencies": package name → version range).
func (p *hvigorProject) readModule(m *hvigorModule, scope stringTable) error {
	m.file = path.Join(m.dir, "src/main/module.json5")
	data, err := archive.ReadFile(p.fsys, m.file)
	if err != nil {
		return &audit.ParseError{Entry: m.file, Err: err}
	}
	if m.decl, err = ParseModule(data); err != nil {
		return withEntry(err, m.file)
	}
	own, err := readStringTable(p.fsys, path.Join(m.dir, "src/main"), same)
	if err != nil {
		return err
	}
	resolveReasons(&m.decl, "", own, scope)
	notes, err := moduleBuildOptions(p.fsys, m.dir)
	if err != nil {
		return err
	}
	m.decl.Notes = append(m.decl.Notes, notes...)
	pkg := path.Join(m.dir, "oh-package.json5")
	raw, err := archive.ReadFile(p.fsys, pkg)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &audit.ParseError{Entry: pkg, Err: err}
	}
	doc, err := decode(raw)
	if err != nil {
		return withEntry(err, pkg)
	}
	deps, _ := doc.root.get("dependencies").v.(map[string]any)
	names := make([]string, 0, len(deps))
	for k := range deps {
		names = append(names, k)
	}
	sort.Strings(names)
	var remote []string
	for _, k := range names {
		spec, _ := deps[k].(string)
		if local, ok := strings.CutPrefix(spec, "file:"); ok {
			m.deps = append(m.deps, path.Clean(path.Join(m.dir, local)))
		} else {
			remote = append(remote, k)
			m.decl.Libraries = append(m.decl.Libraries, audit.Library{Name: k, Version: spec, Modules: []string{m.name}, Source: pkg})
			m.decl.AddSignal(audit.SignalOhpm, strings.TrimSpace(k+" "+spec), pkg)
		}
	}
	if len(remote) > 0 {
		m.decl.Notes = append(m.decl.Notes, audit.Note{RuleID: audit.RuleProjectUnresolved, Severity: audit.SeverityWarning, Entry: pkg,
			Message: fmt.Sprintf("%s depends on %s from the ohpm registry (%s); permissions those packages declare are merged at build time and not in this audit", m.name, plural(len(remote)), strings.Join(remote, ", "))})
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return "a package"
	}
	return fmt.Sprintf("%d packages", n)
}

// apps are the modules that become HAPs: entry and feature.
func (p *hvigorProject) apps() []*hvigorModule {
	var out []*hvigorModule
	for _, m := range p.modules {
		if k := m.kind(); k == "entry" || k == "feature" {
			out = append(out, m)
		}
	}
	return out
}

// withDependencies adds the project's HAR/HSP modules the apps depend
// on, transitively, in order of first mention.
func (p *hvigorProject) withDependencies(apps []*hvigorModule, d *audit.Declaration) []*hvigorModule {
	out := append([]*hvigorModule{}, apps...)
	seen := map[*hvigorModule]bool{}
	for _, a := range apps {
		seen[a] = true
	}
	for i := 0; i < len(out); i++ {
		for _, dir := range out[i].deps {
			dep := p.byDir[dir]
			if dep == nil {
				d.Notes = append(d.Notes, audit.Note{RuleID: audit.RuleProjectUnresolved, Severity: audit.SeverityWarning,
					Entry:   path.Join(out[i].dir, "oh-package.json5"),
					Message: "dependency on " + dir + ", which build-profile.json5 does not list as a module; its permissions are not merged"})
				continue
			}
			if !seen[dep] {
				seen[dep] = true
				out = append(out, dep)
			}
		}
	}
	return out
}
