package audit

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// Waiver accepts findings the privacy review approved. Every pattern it
// gives must match; an empty one matches anything. Patterns are globs: *
// and ? stay within a path segment, ** crosses them.
type Waiver struct {
	Rule       string `json:"rule,omitempty"`
	Permission string `json:"permission,omitempty"`
	// Path matches the artifact path as the report records it, with
	// forward slashes.
	Path string `json:"path,omitempty"`
	// App matches the app id (package, bundle id, bundleName).
	App    string `json:"app,omitempty"`
	Reason string `json:"reason"`
	// Expires is the last day the waiver applies (UTC); zero: it does not
	// expire.
	Expires time.Time `json:"-"`
	// File and Line are where the waiver is written.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

// Where is the waiver's file:line, or "" when it has no file.
func (w Waiver) Where() string {
	if w.File == "" {
		return ""
	}
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d", w.File, w.Line)
	}
	return w.File
}

// DateLayout is how waiver expiry dates are written.
const DateLayout = "2006-01-02"

// ExpiresText is the expiry date as written, or "" for none.
func (w Waiver) ExpiresText() string {
	if w.Expires.IsZero() {
		return ""
	}
	return w.Expires.Format(DateLayout)
}

// Expired reports whether now is past the waiver's last day.
func (w Waiver) Expired(now time.Time) bool {
	return !w.Expires.IsZero() && !now.Before(w.Expires.AddDate(0, 0, 1))
}

// String names the waiver as reports refer to it.
func (w Waiver) String() string {
	var parts []string
	for _, p := range [][2]string{{"rule", w.Rule}, {"permission", w.Permission}, {"app", w.App}, {"path", w.Path}} {
		if p[1] != "" {
			parts = append(parts, p[0]+" "+p[1])
		}
	}
	s := "waiver (" + strings.Join(parts, ", ") + ")"
	if where := w.Where(); where != "" {
		s = where + ": " + s
	}
	return s
}

// waiverMatcher is a waiver with its globs compiled.
type waiverMatcher struct {
	w               Waiver
	perm, path, app Glob
	expired         bool
	matched         int
}

func newWaiverMatcher(w Waiver, now time.Time) (*waiverMatcher, error) {
	m := &waiverMatcher{w: w, expired: w.Expired(now)}
	var err error
	for _, g := range []struct {
		pattern string
		into    *Glob
	}{{w.Permission, &m.perm}, {w.Path, &m.path}, {w.App, &m.app}} {
		if *g.into, err = CompileGlob(g.pattern); err != nil {
			return nil, fmt.Errorf("%s: %w", w, err)
		}
	}
	return m, nil
}

func (m *waiverMatcher) matches(f *Finding, a *ArtifactResult) bool {
	return (m.w.Rule == "" || m.w.Rule == f.RuleID) &&
		m.perm.Match(f.Permission) &&
		m.app.Match(a.App.ID) &&
		m.path.Match(strings.TrimPrefix(filepath.ToSlash(a.Artifact.Path), "./"))
}
