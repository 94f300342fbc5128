package android

import (
	"regexp"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// Maven dependencies a module script declares, as Gradle writes them
// (https://docs.gradle.org/current/userguide/declaring_dependencies.html):
//
//	implementation 'io.hyphenate:hyphenate-chat:4.5.0'
//	implementation("io.hyphenate:hyphenate-chat:$chatVersion") { exclude … }
//	implementation group: 'io.hyphenate', name: 'hyphenate-chat', version: '4.5.0'
//	implementation(libs.hyphenate.chat)    // [libraries] of the version catalog
//	implementation(libs.bundles.push)      // [bundles]
//
// They name the SDKs a build packages; their manifests are merged by the
// build from the repository, which permaudit does not reach.

var (
	reCoordinate = regexp.MustCompile(`^[A-Za-z0-9_.\-]+:[A-Za-z0-9_.\-]+(?::[^:@\s]*)?(?::[^:@\s]+)?(?:@[A-Za-z]+)?$`)
	reMapGroup   = regexp.MustCompile(`\bgroup\s*[:=]\s*["']([^"']+)["']`)
	reMapName    = regexp.MustCompile(`\bname\s*[:=]\s*["']([^"']+)["']`)
	reMapVersion = regexp.MustCompile(`\bversion\s*[:=]\s*["']([^"']+)["']`)
	reLibsRef    = regexp.MustCompile(`\blibs\.([A-Za-z0-9_.]+)`)
)

// mavenDep is one Maven library a dependencies block names.
type mavenDep struct {
	Config, Group, Artifact, Version string
	Line                             int
}

func (d mavenDep) coordinate() string {
	c := d.Group + ":" + d.Artifact
	if d.Version != "" {
		c += ":" + d.Version
	}
	return c
}

// mavenDeps lists the Maven libraries of a dependencies block, in order.
// A version left as an interpolation ("$x") is dropped: the coordinates
// still identify the library.
func mavenDeps(list []stmt, catalog versionCatalog) []mavenDep {
	var out []mavenDep
	for _, s := range list {
		m := reDepConfig.FindStringSubmatch(s.Head)
		if m == nil || strings.Contains(s.Head, "project(") || strings.Contains(s.Head, "files(") || strings.Contains(s.Head, "fileTree(") {
			continue
		}
		add := func(coord string) {
			if dep, ok := parseCoordinate(coord); ok {
				dep.Config, dep.Line = m[1], s.Line
				out = append(out, dep)
			}
		}
		if g, n := reMapGroup.FindStringSubmatch(m[2]), reMapName.FindStringSubmatch(m[2]); g != nil && n != nil {
			coord := g[1] + ":" + n[1]
			if v := reMapVersion.FindStringSubmatch(m[2]); v != nil {
				coord += ":" + v[1]
			}
			add(coord)
			continue
		}
		for _, q := range reQuoted.FindAllString(m[2], -1) {
			add(unquote(q))
		}
		for _, ref := range reLibsRef.FindAllStringSubmatch(m[2], -1) {
			for _, coord := range catalog.libraryRefs(ref[1]) {
				add(coord)
			}
		}
	}
	return out
}

// parseCoordinate splits "group:artifact[:version][:classifier][@ext]".
func parseCoordinate(s string) (mavenDep, bool) {
	s = strings.TrimSpace(s)
	if !reCoordinate.MatchString(s) {
		return mavenDep{}, false
	}
	s, _, _ = strings.Cut(s, "@")
	parts := strings.Split(s, ":")
	dep := mavenDep{Group: parts[0], Artifact: parts[1]}
	if len(parts) > 2 && !strings.ContainsAny(parts[2], "${}") {
		dep.Version = parts[2]
	}
	return dep, true
}

// addMavenLibraries offers the Maven libraries a module packages for the
// variant to SDK detection and lists them on the declaration, each
// naming the modules that declare it.
func addMavenLibraries(d *audit.Declaration, mods []*gradleModule, v variant) {
	index := map[string]int{}
	for _, mod := range mods {
		for _, dep := range mod.Maven {
			if !v.packages(dep.Config) {
				continue
			}
			d.AddSignal(audit.SignalGradle, dep.coordinate(), mod.BuildFile)
			name := dep.Group + ":" + dep.Artifact
			i, ok := index[name]
			if !ok {
				i, index[name] = len(d.Libraries), len(d.Libraries)
				d.Libraries = append(d.Libraries, audit.Library{Name: name, Version: dep.Version, Source: mod.BuildFile})
			}
			l := &d.Libraries[i]
			if len(l.Modules) == 0 || l.Modules[len(l.Modules)-1] != mod.Path {
				l.Modules = append(l.Modules, mod.Path)
			}
			if l.Version == "" {
				l.Version = dep.Version // one module may spell the version out
			}
		}
	}
}
