package audit

import (
	"errors"
	"fmt"
	"iter"
	"sync"
	"testing"
	"time"
)

// slowInputs are n inputs whose reads take longer the earlier they come,
// so a pool finishes them out of order; every seventh fails, and one
// panics. The counters track what is open at once.
type slowInputs struct {
	mu                sync.Mutex
	reading, maxRead  int
	pending, maxAhead int
}

func (s *slowInputs) seq(n int) iter.Seq[Found] {
	return func(yield func(Found) bool) {
		for i := range n {
			s.mu.Lock()
			s.pending++
			s.maxAhead = max(s.maxAhead, s.pending)
			s.mu.Unlock()
			path := fmt.Sprintf("in/%03d", i)
			if !yield(Found{Path: path, Read: func() (Declaration, error) { return s.read(i, n, path) }}) {
				return
			}
		}
	}
}

func (s *slowInputs) read(i, n int, path string) (Declaration, error) {
	s.mu.Lock()
	s.reading++
	s.maxRead = max(s.maxRead, s.reading)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.reading--
		s.pending--
		s.mu.Unlock()
	}()
	time.Sleep(time.Duration(n-i) * 50 * time.Microsecond)
	switch {
	case i == 3:
		panic("boom")
	case i%7 == 0:
		return Declaration{}, errors.New("unreadable")
	}
	return Declaration{Platform: Android, Artifact: Artifact{Path: path, Kind: "android-manifest"}}, nil
}

// TestAuditWorkers: whatever the pool's size the result is the same, in
// scan order; Each sees every input once; no more inputs are read at once
// than there are workers, and the scan runs at most one input ahead of
// them; a panic while reading is that input's error.
func TestAuditWorkers(t *testing.T) {
	cs, err := BuiltinCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	const n = 60
	var want *Result
	for _, workers := range []int{1, 2, 8} {
		s := &slowInputs{}
		seen := 0
		run := Run{Catalogs: cs, Workers: workers, Each: func(Done) { seen++ }}
		res, err := run.Audit(s.seq(n))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Artifacts) != 50 || len(res.Errors) != 10 || seen != n {
			t.Fatalf("-j %d: %d artifacts, %d errors, %d seen; want 50, 10, %d", workers, len(res.Artifacts), len(res.Errors), seen, n)
		}
		for i := 1; i < len(res.Artifacts); i++ {
			if res.Artifacts[i-1].Artifact.Path > res.Artifacts[i].Artifact.Path {
				t.Fatalf("-j %d: artifacts out of scan order at %d", workers, i)
			}
		}
		if s.maxRead > max(workers, 1) || s.maxAhead > workers+1 {
			t.Errorf("-j %d: %d read at once, %d found and not done; want at most %d and %d", workers, s.maxRead, s.maxAhead, workers, workers+1)
		}
		if workers > 1 && s.maxRead < 2 {
			t.Errorf("-j %d: never more than one read at once", workers)
		}
		if want == nil {
			want = res
			if got := res.Errors[1]; got.Path != "in/003" || got.Message == "" {
				t.Errorf("the panic is not the input's error: %+v", got)
			}
			continue
		}
		if fmt.Sprint(res.Artifacts, res.Errors) != fmt.Sprint(want.Artifacts, want.Errors) {
			t.Errorf("-j %d result differs from -j 1", workers)
		}
	}
}
