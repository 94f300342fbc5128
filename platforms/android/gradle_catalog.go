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
	versions map[string]string
	plugins  map[string]string
}

var reTOMLString = regexp.MustCompile(`^"((?:[^"\\]|\\.)*)"|^'([^']*)'`)
var reTOMLID = regexp.MustCompile(`\bid\s*=\s*["']([^"']+)["']`)

func accessorKey(alias string) string {
	return strings.NewReplacer("-", ".", "_", ".").Replace(strings.Trim(strings.TrimSpace(alias), `"'`))
}

// parseCatalog reads the [versions] and [plugins] tables of a TOML
// version catalog; other tables and anything it does not understand are
// passed over.
func parseCatalog(text string) versionCatalog {
	c := versionCatalog{versions: map[string]string{}, plugins: map[string]string{}}
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
