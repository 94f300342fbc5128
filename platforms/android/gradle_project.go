package android

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// ProjectOptions choose which build of a project is audited.
type ProjectOptions struct {
	// Variant is a build variant name (release, debug, freeRelease);
	// empty means release.
	Variant string
}

// GradleApp is one application module of a Gradle build as its variant
// would be built. Dir is the module's directory inside the project.
type GradleApp struct {
	Dir         string
	Declaration audit.Declaration
}

// ReadGradleProject reads the Gradle build at the root of fsys and
// returns one declaration per application module: its manifests for the
// chosen variant merged with those of the library modules it depends on,
// with levels and identity from the build scripts. A build without an
// application module returns none: its libraries ship in other apps.
func ReadGradleProject(fsys fs.FS, opts ProjectOptions) ([]GradleApp, error) {
	b, err := readGradleBuild(fsys)
	if err != nil {
		return nil, err
	}
	var out []GradleApp
	for _, p := range b.order {
		m := b.modules[p]
		if m == nil || m.Plugin != pluginApplication {
			continue
		}
		d, err := b.appDeclaration(m, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, GradleApp{Dir: m.Dir, Declaration: d})
	}
	return out, nil
}

// appDeclaration merges one application module for its variant.
func (b *gradleBuild) appDeclaration(m *gradleModule, opts ProjectOptions) (audit.Declaration, error) {
	v, err := chooseVariant(m, opts.Variant)
	if err != nil {
		return audit.Declaration{}, err
	}
	d := audit.Declaration{Platform: audit.Android, Artifact: audit.Artifact{Kind: KindGradleProject}, Permissions: []audit.Permission{}}
	d.Notes = append(d.Notes, b.notes...)
	d.Facts = append(d.Facts, audit.Fact{Key: "project.variant", Value: v.Name})
	if v.Guessed {
		d.Notes = append(d.Notes, audit.Note{RuleID: audit.RuleProjectUnresolved, Severity: audit.SeverityNote, Entry: m.BuildFile,
			Message: "no --variant given: audited " + v.Name + " (release with the first flavor of each dimension); name another with --variant"})
	}
	d.Modules = []audit.Module{{Name: m.Path, Kind: "application"}}
	mods := []*gradleModule{m}
	for _, lib := range b.libraries(m, v, &d) {
		mods = append(mods, lib)
		d.Modules = append(d.Modules, audit.Module{Name: lib.Path, Kind: "library"})
	}
	var sources []mergeSource
	var decls []audit.Declaration
	for i, mod := range mods {
		sets := v.sourceSets()
		if i > 0 {
			sets = librarySourceSets(m, v, mod, &d)
		}
		for _, set := range sets {
			src, sd, ok, err := b.manifest(mod, set)
			if err != nil {
				return audit.Declaration{}, err
			}
			if ok {
				sources, decls = append(sources, src), append(decls, sd)
			}
		}
	}
	for _, mod := range mods {
		for _, file := range b.aarRefs(mod, v) {
			src, sd, err := b.aarManifest(file)
			if err != nil {
				return audit.Declaration{}, err
			}
			sources, decls = append(sources, src), append(decls, sd)
			d.Modules = append(d.Modules, audit.Module{Name: file, Kind: "aar"})
		}
	}
	addMavenLibraries(&d, mods, v)
	values := b.values
	values.locals = m.Locals
	b.identity(&d, m, v, values, decls)
	d.Permissions, d.Facts, d.Notes = mergeDeclarations(d, sources, decls)
	expandPlaceholders(&d)
	for _, f := range b.files {
		d.Facts = append(d.Facts, audit.Fact{Key: "project.buildFile", Value: f})
	}
	for _, s := range sources {
		d.Facts = append(d.Facts, audit.Fact{Key: "project.manifest", Value: s.File})
	}
	sortFactsByKey(d.Facts)
	return d, nil
}

// libraries lists, in dependency-block order and then depth, the
// library modules the app packages for this variant.
func (b *gradleBuild) libraries(app *gradleModule, v variant, d *audit.Declaration) []*gradleModule {
	var out []*gradleModule
	seen := map[string]bool{app.Path: true}
	queue := []*gradleModule{app}
	for len(queue) > 0 {
		mod := queue[0]
		queue = queue[1:]
		for _, dep := range mod.Deps {
			if !v.packages(dep.Config) {
				continue
			}
			lib := b.module(dep.Path)
			if lib == nil {
				d.Notes = append(d.Notes, audit.Note{RuleID: audit.RuleProjectUnresolved, Severity: audit.SeverityWarning,
					Entry: mod.BuildFile, Line: dep.Line,
					Message: "dependency on " + dep.Path + ", a module settings does not list; its manifest is not merged"})
				continue
			}
			if seen[lib.Path] {
				continue
			}
			seen[lib.Path] = true
			out = append(out, lib)
			queue = append(queue, lib)
		}
	}
	return out
}

// module finds a module by path (":lib") or type-safe accessor
// ("projects.featureCamera" for ":feature-camera").
func (b *gradleBuild) module(ref string) *gradleModule {
	if acc, ok := strings.CutPrefix(ref, "projects."); ok {
		for _, p := range b.order {
			if accessorName(p) == strings.ToLower(strings.ReplaceAll(acc, ".", "")) {
				return b.modules[p]
			}
		}
		return nil
	}
	return b.modules[ref]
}

func accessorName(p string) string {
	return strings.ToLower(strings.NewReplacer(":", "", "-", "", "_", "").Replace(p))
}

// manifest reads one source set's AndroidManifest.xml, if it has one.
func (b *gradleBuild) manifest(mod *gradleModule, set string) (mergeSource, audit.Declaration, bool, error) {
	file := path.Join(mod.Dir, "src", set, "AndroidManifest.xml")
	if src, ok := mod.ManifestFiles[set]; ok {
		file = path.Join(mod.Dir, src) // sourceSets { main { manifest.srcFile … } }
	}
	data, ok, err := b.read(file)
	if err != nil || !ok {
		return mergeSource{}, audit.Declaration{}, false, err
	}
	root, err := decodeManifestXML([]byte(data))
	if err != nil {
		return mergeSource{}, audit.Declaration{}, false, withEntry(err, file)
	}
	sd, err := declarationFromTree(root, KindManifestXML)
	if err != nil {
		return mergeSource{}, audit.Declaration{}, false, &audit.ParseError{Entry: file, Line: root.Line, Err: err}
	}
	pkg, _ := root.plainAttr("package")
	if ns, ok := b.values.resolve(mod.Namespace.Expr); ok && mod.Namespace.set() {
		pkg = ns
	}
	return mergeSource{Module: mod.Path, SourceSet: set, File: file, Package: pkg, Root: root}, sd, true, nil
}

// withEntry names the file in a parse error that lacks it.
func withEntry(err error, file string) error {
	if pe, ok := err.(*audit.ParseError); ok && pe.Entry == "" {
		return &audit.ParseError{Entry: file, Line: pe.Line, Err: pe.Err}
	}
	return err
}

func sortFactsByKey(facts []audit.Fact) {
	sort.SliceStable(facts, func(i, j int) bool { return facts[i].Key < facts[j].Key })
}
