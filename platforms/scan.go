package platforms

import (
	"errors"
	"io"
	"iter"
	"os"

	"github.com/permaudit/permaudit/audit"
)

// ErrNothingFound is a directory argument with no input in it.
var ErrNothingFound = errors.New("nothing to audit: no manifest or package in this directory (--verbose lists what was skipped)")

// ScanOptions control how the inputs named on a command line are found
// and read.
type ScanOptions struct {
	WalkOptions
	// Digest adds each artifact's SHA-256.
	Digest bool
	// Project chooses the build source projects are audited as (scan_projects.go).
	Project ProjectOptions
	// Stdin is read for the path "-".
	Stdin io.Reader
}

// Find is the pipeline's first step: it finds the inputs under each path
// (a file, or a directory searched by content) and detects each one's
// format once; reading it from that same probe is left to the Found's
// Read, so a pool can read while the walk goes on. Every input is yielded
// once, in path order and lexical order within a directory. A path that
// does not exist, or a directory with nothing to audit, is an input whose
// Read gives the error.
func Find(paths []string, opts ScanOptions) iter.Seq[audit.Found] {
	return func(yield func(audit.Found) bool) {
		s := scanner{seen: map[string]bool{}, yield: yield}
		for _, arg := range paths {
			if !s.arg(arg, opts) {
				return
			}
		}
	}
}

// Scan is Find with each input read as it is found, one after another.
func Scan(paths []string, opts ScanOptions) iter.Seq[audit.Input] {
	return func(yield func(audit.Input) bool) {
		for f := range Find(paths, opts) {
			if !yield(f.Input()) {
				return
			}
		}
	}
}

// scanner yields each path once and remembers whether the consumer
// wants more.
type scanner struct {
	seen  map[string]bool
	yield func(audit.Found) bool
}

func (s *scanner) arg(arg string, opts ScanOptions) bool {
	if arg == StdinPath {
		return s.emit(arg, nil, func() (audit.Declaration, error) { return readStdin(opts.Stdin, opts.Digest) })
	}
	st, err := os.Stat(arg)
	switch {
	case err != nil:
		return s.emit(arg, nil, func() (audit.Declaration, error) { return audit.Declaration{}, err })
	case !st.IsDir():
		return s.emit(arg, nil, func() (audit.Declaration, error) {
			d, err := ReadWith(arg, ReadOptions{Digest: opts.Digest, Limits: opts.Limits})
			ApplyLevelOverrides(&d, opts.Project)
			return d, err
		})
	}
	projects, found, more := s.projects(arg, opts)
	if !more {
		return false
	}
	walk(arg, projects.explainSkips(opts.WalkOptions), func(path string, o *opened, err error) bool {
		if projects.covers(path) {
			return true // read with its project
		}
		if err == nil {
			found++
		}
		more = s.emit(path, o, func() (audit.Declaration, error) {
			if err != nil {
				return audit.Declaration{}, err
			}
			defer o.close()
			d, err := o.parseGuarded(path, opts.Digest)
			projects.finish(&d, path, opts)
			return d, err
		})
		return more
	})
	if more && found == 0 {
		return s.emit(arg, nil, func() (audit.Declaration, error) { return audit.Declaration{}, ErrNothingFound })
	}
	return more
}

// emit yields path unless it was already yielded; o is the walk's open
// probe, which read closes (or emit, for a path seen before).
func (s *scanner) emit(path string, o *opened, read func() (audit.Declaration, error)) bool {
	if s.seen[path] {
		o.close()
		return true
	}
	s.seen[path] = true
	return s.yield(audit.Found{Path: path, Read: read})
}
