package android

import (
	"regexp"
	"strconv"
	"strings"
)

// gradleValues resolves the simple references a build script uses for
// its levels: ext properties (rootProject.ext.X, ext { X = 24 },
// extra["X"]), gradle.properties, local def/val, and version catalogs
// (libs.versions.X). Anything else stays unresolved and is reported by
// the expression as written.
type gradleValues struct {
	props   map[string]string // gradle.properties
	ext     map[string]string // ext / extra, as expressions
	locals  map[string]string // def / val in the script being read
	catalog versionCatalog
}

// maxResolveDepth stops a chain of references (or a cycle) from running on.
const maxResolveDepth = 8

var (
	reNumber   = regexp.MustCompile(`^-?\d+$`)
	reIdent    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	reExtIndex = regexp.MustCompile(`^(?:(?:rootProject|project)\.)?(?:ext|extra|extensions\.extraProperties)(?:\[|\.get\(|\.)\s*["']?([A-Za-z0-9_.]+)["']?\s*[\])]?$`)
	reProperty = regexp.MustCompile(`^(?:(?:rootProject|project)\.)?(?:property|findProperty|properties\.get|providers\.gradleProperty)\(\s*["']([^"']+)["']\s*\)$`)
	reProps    = regexp.MustCompile(`^(?:(?:rootProject|project)\.)?properties\[\s*["']([^"']+)["']\s*\]$`)
	reRootProp = regexp.MustCompile(`^(?:rootProject|project)\.([A-Za-z_][A-Za-z0-9_]*)$`)
	reCatalog  = regexp.MustCompile(`^libs\.versions\.([A-Za-z0-9_.]+?)(?:\.get\(\))?$`)
	reParseInt = regexp.MustCompile(`^(?:Integer\.parseInt|Integer\.valueOf|parseInt)\((.*)\)$`)
)

// conversions a script puts around a value; stripping them keeps the value.
var conversions = []string{".toInteger()", ".toInt()", ".get()", ".orNull", ".getOrElse()", " as Integer", " as Int", " as String", "!!", ".toString()"}

// resolve evaluates expr to a plain value. ok is false when it is not
// one of the simple forms; the caller reports expr as written.
func (v gradleValues) resolve(expr string) (string, bool) {
	return v.resolveDepth(strings.TrimSpace(expr), 0)
}

func (v gradleValues) resolveDepth(e string, depth int) (string, bool) {
	if depth > maxResolveDepth || e == "" {
		return "", false
	}
	e = stripConversions(e)
	if m := reParseInt.FindStringSubmatch(e); m != nil {
		return v.resolveDepth(m[1], depth+1)
	}
	switch {
	case reNumber.MatchString(e):
		return e, true
	case len(e) >= 2 && (e[0] == '"' || e[0] == '\''):
		s := unquote(e)
		if strings.Contains(s, "$") {
			return "", false // an interpolated string
		}
		return s, true
	}
	if m := reCatalog.FindStringSubmatch(e); m != nil {
		if s, ok := v.catalog.version(m[1]); ok {
			return s, true
		}
		return "", false
	}
	if m := reProperty.FindStringSubmatch(e); m != nil {
		return v.lookup(v.props, m[1], depth)
	}
	if m := reProps.FindStringSubmatch(e); m != nil {
		return v.lookup(v.props, m[1], depth)
	}
	if m := reExtIndex.FindStringSubmatch(e); m != nil {
		return v.lookup(v.ext, m[1], depth)
	}
	if m := reRootProp.FindStringSubmatch(e); m != nil {
		e = m[1] // rootProject.X reads ext, then gradle.properties
	}
	if reIdent.MatchString(e) {
		for _, scope := range []map[string]string{v.locals, v.ext, v.props} {
			if s, ok := v.lookup(scope, e, depth); ok {
				return s, true
			}
		}
	}
	return "", false
}

func (v gradleValues) lookup(scope map[string]string, name string, depth int) (string, bool) {
	expr, ok := scope[name]
	if !ok {
		return "", false
	}
	return v.resolveDepth(expr, depth+1)
}

func stripConversions(e string) string {
	for changed := true; changed; {
		changed = false
		e = strings.TrimSpace(e)
		if wrapped(e) {
			e, changed = e[1:len(e)-1], true
		}
		for _, c := range conversions {
			if strings.HasSuffix(e, c) {
				e, changed = strings.TrimSuffix(e, c), true
			}
		}
	}
	return e
}

// wrapped reports whether e is one parenthesised expression: "(a)" but not "(a).b(c)".
func wrapped(e string) bool {
	if len(e) < 2 || e[0] != '(' {
		return false
	}
	depth := 0
	for i := 0; i < len(e); i++ {
		switch e[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i == len(e)-1
			}
		}
	}
	return false
}

// collectExt gathers ext properties from a script: ext { X = 1 },
// ext.X = 1, project.ext.X = 1, ext.set("X", 1), extra["X"] = 1,
// extra.set("X", 1) and `val X by extra(1)`, in any block (buildscript,
// allprojects), since Gradle evaluates them all before the modules.
func collectExt(list []stmt, into map[string]string) {
	for _, s := range list {
		if s.Open {
			if blockName(s.Head) == "ext" {
				for _, a := range s.Block {
					if k, val, ok := assignment(a.Head); ok {
						into[k] = val
					}
				}
				continue
			}
			collectExt(s.Block, into)
			continue
		}
		if k, val, ok := extAssignment(s.Head); ok {
			into[k] = val
		}
	}
}

var (
	reExtAssign = regexp.MustCompile(`^(?:(?:rootProject|project)\.)?(?:ext|extra)(?:\.|\[\s*["'])([A-Za-z0-9_]+)["']?\]?\s*=\s*(.+)$`)
	reExtSet    = regexp.MustCompile(`^(?:(?:rootProject|project)\.)?(?:ext|extra)\.set\(\s*["']([A-Za-z0-9_]+)["']\s*,\s*(.+)\)$`)
	reByExtra   = regexp.MustCompile(`^val\s+([A-Za-z0-9_]+)\s*(?::\s*\w+\s*)?by\s+extra\((.+)\)$`)
	reLocal     = regexp.MustCompile(`^(?:def|val|var|final\s+def|int|Integer|String)\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*\w+\s*)?=\s*(.+)$`)
)

func extAssignment(head string) (string, string, bool) {
	for _, re := range []*regexp.Regexp{reExtAssign, reExtSet, reByExtra} {
		if m := re.FindStringSubmatch(head); m != nil {
			return m[1], strings.TrimSpace(m[2]), true
		}
	}
	return "", "", false
}

// assignment reads "X = value" (or Groovy's "X value") inside an ext block.
func assignment(head string) (string, string, bool) {
	if m := reLocal.FindStringSubmatch(head); m != nil {
		return m[1], strings.TrimSpace(m[2]), true
	}
	k, val, ok := strings.Cut(head, "=")
	k = strings.TrimSpace(k)
	if !ok || !reIdent.MatchString(k) {
		return "", "", false
	}
	return k, strings.TrimSpace(val), true
}

// collectLocals gathers the script's top-level def/val declarations.
func collectLocals(list []stmt, into map[string]string) {
	for _, s := range list {
		if m := reLocal.FindStringSubmatch(s.Head); !s.Open && m != nil {
			into[m[1]] = strings.TrimSpace(m[2])
		}
	}
}

// parseProperties reads a gradle.properties file: key=value or key:value
// lines, # and ! comments.
func parseProperties(text string, into map[string]string) {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == '!' {
			continue
		}
		i := strings.IndexAny(line, "=:")
		if i <= 0 {
			continue
		}
		into[strings.TrimSpace(line[:i])] = strconv.Quote(strings.TrimSpace(line[i+1:]))
	}
}
