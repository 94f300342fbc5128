package audit

import (
	"fmt"
	"iter"
	"sync"
)

// evaluated is one input read and evaluated, with its place in the scan.
type evaluated struct {
	index    int
	artifact ArtifactResult
	err      *InputError
}

func (ev *evaluated) done() Done {
	if ev.err != nil {
		return Done{Err: ev.err}
	}
	return Done{Artifact: &ev.artifact}
}

// evaluateAll reads and evaluates the inputs in run.Workers goroutines
// and yields each as it finishes. The scan runs in a goroutine of its own
// and waits while every worker is busy, so what is open or in memory at
// once is bounded by the pool, never by the number of inputs.
func (run Run) evaluateAll(inputs iter.Seq[Found]) iter.Seq[evaluated] {
	return func(yield func(evaluated) bool) {
		if run.Workers < 2 {
			i := 0
			for f := range inputs {
				if !yield(run.evaluate(i, f)) {
					return
				}
				i++
			}
			return
		}
		type job struct {
			index int
			found Found
		}
		jobs, results := make(chan job), make(chan evaluated, run.Workers)
		var wg sync.WaitGroup
		for range run.Workers {
			wg.Go(func() {
				for j := range jobs {
					results <- run.evaluate(j.index, j.found)
				}
			})
		}
		stop := make(chan struct{})
		go func() {
			defer func() {
				close(jobs)
				wg.Wait()
				close(results)
			}()
			i := 0
			for f := range inputs {
				select {
				case jobs <- job{i, f}:
				case <-stop:
					return
				}
				i++
			}
		}()
		for ev := range results {
			if !yield(ev) {
				close(stop)
				for range results { // let every goroutine end
				}
				return
			}
		}
	}
}

// evaluate reads and evaluates one input. A panic in the evaluation
// becomes the input's error, as one in reading does: one input never
// takes the batch down.
func (run Run) evaluate(index int, f Found) (ev evaluated) {
	ev.index = index
	defer func() {
		if p := recover(); p != nil {
			ie := NewInputError(f.Path, fmt.Errorf("internal error while reading or evaluating (please report it): %v", p))
			ev.err = &ie
		}
	}()
	in := f.Input()
	if in.Err != nil {
		ie := NewInputError(in.Path, in.Err)
		ev.err = &ie
		return ev
	}
	ev.artifact = Evaluate(in.Declaration, run.Policies, run.Catalogs)
	return ev
}
