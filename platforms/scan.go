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
	// Stdin is read for the path "-".
	Stdin io.Reader
}

// Scan is the pipeline's first step: it finds the inputs under each path
// (a file, or a directory searched by content), detects each one's format
// once and parses it from that same probe. Every input is yielded once, in
// argument order and lexical order within a directory: its declaration,
// or why it could not be read. A path that does not exist, or a directory
// with nothing to audit, is an input error too.
func Scan(paths []string, opts ScanOptions) iter.Seq[audit.Input] {
	return func(yield func(audit.Input) bool) {
		s := scanner{seen: map[string]bool{}, yield: yield}
		for _, arg := range paths {
			if !s.arg(arg, opts) {
				return
			}
		}
	}
}

// scanner yields each path once and remembers whether the consumer
// wants more.
type scanner struct {
	seen  map[string]bool
	yield func(audit.Input) bool
}

func (s *scanner) arg(arg string, opts ScanOptions) bool {
	if arg == StdinPath {
		return s.emit(arg, func() (audit.Declaration, error) { return readStdin(opts.Stdin, opts.Digest) })
	}
	st, err := os.Stat(arg)
	switch {
	case err != nil:
		return s.emit(arg, func() (audit.Declaration, error) { return audit.Declaration{}, err })
	case !st.IsDir():
		return s.emit(arg, func() (audit.Declaration, error) {
			return ReadWith(arg, ReadOptions{Digest: opts.Digest, Limits: opts.Limits})
		})
	}
	found, more := 0, true
	walk(arg, opts.WalkOptions, func(path string, o *opened, err error) bool {
		if err == nil {
			found++
		}
		more = s.emit(path, func() (audit.Declaration, error) {
			if err != nil {
				return audit.Declaration{}, err
			}
			return o.parseGuarded(path, opts.Digest)
		})
		return more
	})
	if more && found == 0 {
		return s.emit(arg, func() (audit.Declaration, error) { return audit.Declaration{}, ErrNothingFound })
	}
	return more
}

// emit reads and yields path unless it was already yielded.
func (s *scanner) emit(path string, read func() (audit.Declaration, error)) bool {
	if s.seen[path] {
		return true
	}
	s.seen[path] = true
	d, err := read()
	return s.yield(audit.Input{Path: path, Declaration: d, Err: err})
}
