package platforms

import (
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// projectState is what a directory's projects leave for its file walk:
// the projects whose files are already read, and the cross-platform
// groups other files join.
type projectState struct {
	covering []Project
	found    ProjectScan
}

func (st projectState) covers(path string) bool {
	for _, p := range st.covering {
		if p.Covers(path) {
			return true
		}
	}
	return false
}

// explainSkips tells --verbose the truth about the files of a project
// audited as its build: build scripts, lock files and resources are not
// formats permaudit audits alone, but the project reads them, so "not a
// manifest or package permaudit reads" would mislead.
func (st projectState) explainSkips(o WalkOptions) WalkOptions {
	skipped := o.Skipped
	if skipped == nil || len(st.covering) == 0 {
		return o
	}
	o.Skipped = func(path, reason string) {
		if strings.HasPrefix(reason, ErrUnrecognised.Error()) {
			for _, p := range st.covering {
				if under(p.Dir, path) {
					reason = "not audited on its own: part of the " + p.Kind + " project " + p.Dir + ", audited as its build reads it"
					break
				}
			}
		}
		skipped(path, reason)
	}
	return o
}

// projects reads the source projects under a directory argument as their
// builds would ship and yields one input per app (or the project's error).
// A project that builds no app covers nothing: its files are audited one
// by one. n counts the inputs yielded; more is false when the consumer
// wants no more.
func (s *scanner) projects(arg string, opts ScanOptions) (st projectState, n int, more bool) {
	found, err := FindProjects(arg, opts.WalkOptions)
	st.found = found
	if err != nil {
		n++
		return st, n, s.emit(arg, nil, func() (audit.Declaration, error) { return audit.Declaration{}, err })
	}
	for _, p := range found.Projects {
		decls, err := p.Read(opts.Project)
		if err != nil {
			st.covering = append(st.covering, p) // its files are broken with it
			path, perr := p.errorAt(err)
			n++
			if !s.emit(path, nil, func() (audit.Declaration, error) { return audit.Declaration{}, perr }) {
				return st, n, false
			}
			continue
		}
		if len(decls) > 0 {
			st.covering = append(st.covering, p)
		}
		for _, d := range decls {
			n++
			s.seen[d.Artifact.Path] = true
			if !s.yield(audit.Found{Path: d.Artifact.Path, Read: func() (audit.Declaration, error) { return d, nil }}) {
				return st, n, false
			}
		}
	}
	return st, n, true
}

// finish completes a file's declaration found in a directory: the level
// overrides and the cross-platform app it is part of.
func (st projectState) finish(d *audit.Declaration, path string, opts ScanOptions) {
	ApplyLevelOverrides(d, opts.Project)
	d.Group = st.found.GroupOf(path)
}
