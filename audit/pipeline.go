package audit

import (
	"iter"
	"sort"
	"time"
)

// Input is one input a scan found: what it declares, or why it could not
// be read.
type Input struct {
	Path        string
	Declaration Declaration
	Err         error
}

// Run is one audit's settings.
type Run struct {
	Tool     Tool
	Policies []*Policy
	Catalogs *Catalogs
	Filter   Filter
	// Time is the time the report records; zero leaves it out.
	Time time.Time
}

// Audit is the pipeline between scan and report: it evaluates every
// scanned input, then filters the findings. The CLI and the tests both
// call it, so every report and the exit code see the same result.
func (run Run) Audit(inputs iter.Seq[Input]) (*Result, error) {
	res := &Result{Tool: run.Tool, Policies: run.Policies, Time: run.Time}
	for in := range inputs {
		if in.Err != nil {
			res.Errors = append(res.Errors, NewInputError(in.Path, in.Err))
			continue
		}
		res.Artifacts = append(res.Artifacts, Evaluate(in.Declaration, run.Policies, run.Catalogs))
	}
	GroupPackagesByAppID(res.Artifacts)
	CheckConsistency(res.Artifacts, run.Policies)
	sort.SliceStable(res.Errors, func(i, j int) bool { return res.Errors[i].Path < res.Errors[j].Path })
	if err := run.Filter.Apply(res); err != nil {
		return nil, err
	}
	return res, nil
}
