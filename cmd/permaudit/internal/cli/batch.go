package cli

import (
	"bufio"
	"io"
	"iter"
	"os"
	"slices"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/report"
	"github.com/permaudit/permaudit/cmd/permaudit/internal/progress"
	"github.com/permaudit/permaudit/platforms"
)

// batch is what an audit shows while it runs: the progress bar on a
// terminal, and the jsonl lines when they stream to stdout.
type batch struct {
	bar   *progress.Bar
	lines *report.Lines
}

// startBatch starts the bar (its total estimated by names while the scan
// reads content) and takes a jsonl report meant for stdout out of the
// reports written at the end: it streams instead, a line per input as
// each finishes, so lines come in completion order. Every other report,
// jsonl to a file included, is written at the end in path order.
func startBatch(e env, opts auditOptions, s *settings, run audit.Run, paths []string, walk platforms.WalkOptions) *batch {
	b := &batch{}
	if !opts.Quiet {
		b.bar = progress.New(e.stderr)
	}
	if b.bar != nil {
		go func() { b.bar.Estimate(platforms.Estimate(paths, walk)) }()
	}
	for i, o := range s.outs {
		if o.Format.Name == "jsonl" && (o.Path == "" || o.Path == "-") {
			b.lines = report.NewLines(e.stdout, run.Tool, run.Policies, run.Time)
			s.outs = slices.Delete(s.outs, i, i+1)
			break
		}
	}
	return b
}

// found counts the inputs the scan finds, for the bar's total.
func (b *batch) found(inputs iter.Seq[audit.Found]) iter.Seq[audit.Found] {
	return func(yield func(audit.Found) bool) {
		for f := range inputs {
			b.bar.Found()
			if !yield(f) {
				return
			}
		}
		b.bar.AllFound()
	}
}

// done sees each finished input; a line that cannot be written is
// reported at the end (exit 4) while the audit goes on.
func (b *batch) done(d audit.Done) {
	b.bar.Done()
	if b.lines != nil {
		b.lines.Write(d)
	}
}

// inputPaths are the paths on the command line, then those --from-file
// lists: one per line, surrounding blanks trimmed, blank lines and lines
// starting with # skipped (name such a file ./#name).
func inputPaths(e env, args []string, list string) ([]string, error) {
	if list == "" {
		return args, nil
	}
	r, name := e.stdin, "stdin"
	if list != "-" {
		f, err := os.Open(list)
		if err != nil {
			return nil, usagef("--from-file: %v", err)
		}
		defer f.Close()
		r, name = f, list
	}
	paths, err := readList(r, slices.Clone(args))
	if err != nil {
		return nil, usagef("--from-file %s: %v", name, err)
	}
	return paths, nil
}

func readList(r io.Reader, paths []string) ([]string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			paths = append(paths, line)
		}
	}
	return paths, sc.Err()
}
