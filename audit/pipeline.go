package audit

import (
	"iter"
	"sort"
	"time"
)

// Input is one input a scan found and read: what it declares, or why it
// could not be read.
type Input struct {
	Path        string
	Declaration Declaration
	Err         error
}

// Found is an input a scan found but has not read yet, so the reading can
// run in a worker while the scan walks on. Read must be called once: it
// also releases what the scan holds open for the input.
type Found struct {
	Path string
	Read func() (Declaration, error)
}

// Input reads f.
func (f Found) Input() Input {
	d, err := f.Read()
	return Input{Path: f.Path, Declaration: d, Err: err}
}

// Run is one audit's settings.
type Run struct {
	Tool     Tool
	Policies []*Policy
	Catalogs *Catalogs
	Filter   Filter
	// Time is the time the report records; zero leaves it out.
	Time time.Time
	// Workers is how many inputs are read and evaluated at once; below 2
	// reads them one after another as the scan finds them.
	Workers int
	// Each, when set, sees every artifact (filtered) and every input error
	// as soon as it is done: in completion order, one at a time.
	Each func(Done)
}

// Done is one finished input: an artifact, or the error that kept it
// from being read.
type Done struct {
	Artifact *ArtifactResult
	Err      *InputError
}

// Audit is the pipeline between scan and report: it reads and evaluates
// every input in a pool of run.Workers, then filters the findings. The
// result is the same whatever the pool's size: artifacts in scan order,
// errors in path order. The CLI and the tests both call it, so every
// report and the exit code see the same result.
func (run Run) Audit(inputs iter.Seq[Found]) (*Result, error) {
	marks, err := run.Filter.start()
	if err != nil {
		return nil, err
	}
	res := &Result{Tool: run.Tool, Policies: run.Policies, Time: run.Time}
	var done []evaluated
	for ev := range run.evaluateAll(inputs) {
		if ev.err == nil {
			marks.mark(&ev.artifact)
		}
		if run.Each != nil {
			run.Each(ev.done())
		}
		done = append(done, ev)
	}
	sort.Slice(done, func(i, j int) bool { return done[i].index < done[j].index })
	for _, ev := range done {
		if ev.err != nil {
			res.Errors = append(res.Errors, *ev.err)
			continue
		}
		res.Artifacts = append(res.Artifacts, ev.artifact)
	}
	sort.SliceStable(res.Errors, func(i, j int) bool { return res.Errors[i].Path < res.Errors[j].Path })
	// Cross-platform checks need every artifact of an app: they run once
	// the pool is done, and their findings are filtered like the others.
	GroupPackagesByAppID(res.Artifacts)
	CheckConsistency(res.Artifacts, run.Policies)
	for ai := range res.Artifacts {
		marks.markRule(&res.Artifacts[ai], RuleCrossPlatform)
	}
	marks.finish(res)
	return res, nil
}
