package android

import (
	"regexp"
	"strings"
)

// versionCatalog is what permaudit needs from gradle/libs.versions.toml:
// the [versions] table and the plugin ids of [plugins], keyed the way
// scripts reach them (libs.versions.android.minSdk for "android-minSdk":
// Gradle maps '-', '_' and '.' in an alias to the same accessor).
// https://docs.gradle.org/current/userguide/version_catalogs.html
type versionCatalog struct {
	versions  map[string]string
	plugins   map[string]string
	libraries map[string]string   // alias → "group:artifact[:version]"
	bundles   map[string][]string // alias → library aliases
}

var reTOMLString = regexp.MustCompile(`^"((?:[^"\\]|\\.)*)"|^'([^']*)'`)
var reTOMLID = regexp.MustCompile(`\bid\s*=\s*["']([^"']+)["']`)

func accessorKey(alias string) string {
	return strings.NewReplacer("-", ".", "_", ".").Replace(strings.Trim(strings.TrimSpace(alias), `"'`))
}

// parseCatalog reads the [versions], [plugins], [libraries] and [bundles] tables of a TOML
// version catalog; other tables and anything it does not understand are
// passed over.
func parseCatalog(text string) versionCatalog {
	c := versionCatalog{versions: map[string]string{}, plugins: map[string]string{}, libraries: map[string]string{}, bundles: map[string][]string{}}
	table := ""
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if strings.HasPrefix(line, "[") {
			table = strings.Trim(line, "[] \t")
			continue
		}
		key, val, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		key, val = accessorKey(key), strings.TrimSpace(val)
		switch table {
		case "versions":
			if m := reTOMLString.FindStringSubmatch(val); m != nil {
				c.versions[key] = m[1] + m[2]
			}
		case "plugins":
			if m := reTOMLString.FindStringSubmatch(val); m != nil {
				c.plugins[key], _, _ = strings.Cut(m[1]+m[2], ":")
			} else if m := reTOMLID.FindStringSubmatch(val); m != nil {
				c.plugins[key] = m[1]
			}
		case "libraries":
			if coord := c.libraryCoordinate(val); coord != "" {
				c.libraries[key] = coord
			}
		case "bundles":
			for _, q := range reQuoted.FindAllString(val, -1) {
				c.bundles[key] = append(c.bundles[key], accessorKey(q))
			}
		}
	}
	return c
}

func (c versionCatalog) version(accessor string) (string, bool) {
	v, ok := c.versions[accessorKey(accessor)]
	return v, ok
}

func (c versionCatalog) plugin(accessor string) (string, bool) {
	v, ok := c.plugins[accessorKey(accessor)]
	return v, ok
}

var (
	reTOMLModule     = regexp.MustCompile(`\bmodule\s*=\s*["']([^"']+)["']`)
	reTOMLGroup      = regexp.MustCompile(`\bgroup\s*=\s*["']([^"']+)["']`)
	reTOMLName       = regexp.MustCompile(`\bname\s*=\s*["']([^"']+)["']`)
	reTOMLVersion    = regexp.MustCompile(`\bversion\s*=\s*["']([^"']+)["']`)
	reTOMLVersionRef = regexp.MustCompile(`\bversion\.ref\s*=\s*["']([^"']+)["']`)
)

// libraryCoordinate reads a [libraries] entry: "g:a:v", or an inline
// table with module or group and name, and version or version.ref. The
// [versions] table comes first in catalogs; a ref to a later or missing
// one leaves the version out.
func (c versionCatalog) libraryCoordinate(val string) string {
	if m := reTOMLString.FindStringSubmatch(val); m != nil {
		return m[1] + m[2]
	}
	coord := ""
	if m := reTOMLModule.FindStringSubmatch(val); m != nil {
		coord = m[1]
	} else if g, n := reTOMLGroup.FindStringSubmatch(val), reTOMLName.FindStringSubmatch(val); g != nil && n != nil {
		coord = g[1] + ":" + n[1]
	}
	if coord == "" {
		return ""
	}
	if m := reTOMLVersionRef.FindStringSubmatch(val); m != nil {
		if v, ok := c.version(m[1]); ok {
			coord += ":" + v
		}
	} else if m := reTOMLVersion.FindStringSubmatch(val); m != nil {
		coord += ":" + m[1]
	}
	return coord
}

// libraryRefs resolves a script's libs.<alias> or libs.bundles.<alias>.
func (c versionCatalog) libraryRefs(accessor string) []string {
	if b, ok := strings.CutPrefix(accessor, "bundles."); ok {
		var out []string
		for _, alias := range c.bundles[accessorKey(b)] {
			if coord, ok := c.libraries[alias]; ok {
				out = append(out, coord)
			}
		}
		return out
	}
	if coord, ok := c.libraries[accessorKey(accessor)]; ok {
		return []string{coord}
	}
	return nil
}
