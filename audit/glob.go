package audit

import (
	"fmt"

	"github.com/bmatcuk/doublestar/v4"
)

// Glob is a path pattern with one meaning wherever permaudit takes one
// (--exclude, the config's excludes, a waiver's permission, app and path):
// doublestar's syntax — * and ? within a path segment, ** across segments
// (none or many), [abc] and [!a-z] classes, {a,b} alternatives, \ to
// escape. The zero Glob matches anything.
type Glob struct{ pattern string }

// CompileGlob checks a pattern; "" gives the Glob that matches anything.
func CompileGlob(pattern string) (Glob, error) {
	if pattern != "" && !doublestar.ValidatePattern(pattern) {
		return Glob{}, fmt.Errorf("glob %q is malformed (an unclosed [ or {, or a trailing \\)", pattern)
	}
	return Glob{pattern: pattern}, nil
}

// Match reports whether s, a slash-separated path or a name, matches.
func (g Glob) Match(s string) bool {
	if g.pattern == "" {
		return true
	}
	ok, _ := doublestar.Match(g.pattern, s)
	return ok
}

// String is the pattern as written.
func (g Glob) String() string { return g.pattern }
