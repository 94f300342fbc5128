package audit

import (
	"fmt"
	"time"
)

// Filter is the pipeline's third step: it decides which findings count
// for the gate. Waived and baselined findings stay in the result, marked
// with their suppression, so every report still shows them.
type Filter struct {
	// FailOn is the gate's threshold; "" never fails.
	FailOn   Severity
	Waivers  []Waiver
	Baseline *Baseline
	// Now is the audit's clock: waivers expire against it.
	Now time.Time
}

// WaiverStatus is what became of a waiver in one audit.
type WaiverStatus string

const (
	WaiverApplied WaiverStatus = "applied"
	// WaiverExpired: past its date, so the findings it matches count again.
	WaiverExpired WaiverStatus = "expired"
	// WaiverUnused: it matched nothing; a stale waiver to clean up.
	WaiverUnused WaiverStatus = "unused"
)

// WaiverUse reports one waiver's fate: its status and how many findings
// it matched (for an expired one, how many it would have waived).
type WaiverUse struct {
	Waiver
	Status  WaiverStatus `json:"status"`
	Matched int          `json:"matched"`
}

// Apply marks r's findings and records the gate's threshold and every
// waiver's fate. A finding matched by a live waiver is waived (the first
// one written wins); else one in the baseline is baselined; else it counts.
func (f Filter) Apply(r *Result) error {
	m, err := f.start()
	if err != nil {
		return err
	}
	for ai := range r.Artifacts {
		m.mark(&r.Artifacts[ai])
	}
	m.finish(r)
	return nil
}

// marking is a filter under way: artifacts are marked one by one, as a
// batch finishes them, and the waivers' fates recorded at the end.
type marking struct {
	f  Filter
	ms []*waiverMatcher
}

func (f Filter) start() (*marking, error) {
	m := &marking{f: f, ms: make([]*waiverMatcher, len(f.Waivers))}
	for i, w := range f.Waivers {
		wm, err := newWaiverMatcher(w, f.Now)
		if err != nil {
			return nil, err
		}
		m.ms[i] = wm
	}
	return m, nil
}

func (m *marking) mark(a *ArtifactResult) {
	for fi := range a.Findings {
		fd := &a.Findings[fi]
		fd.Suppression = m.f.suppress(fd, a, m.ms)
	}
}

// markRule marks the findings of one rule that were added after a's
// other findings were marked.
func (m *marking) markRule(a *ArtifactResult, rule string) {
	for fi := range a.Findings {
		if fd := &a.Findings[fi]; fd.RuleID == rule {
			fd.Suppression = m.f.suppress(fd, a, m.ms)
		}
	}
}

func (m *marking) finish(r *Result) {
	r.FailOn = m.f.FailOn
	r.Waivers = nil
	for _, wm := range m.ms {
		use := WaiverUse{Waiver: wm.w, Status: WaiverApplied, Matched: wm.matched}
		switch {
		case wm.expired:
			use.Status = WaiverExpired
		case wm.matched == 0:
			use.Status = WaiverUnused
		}
		r.Waivers = append(r.Waivers, use)
	}
}

func (f Filter) suppress(fd *Finding, a *ArtifactResult, ms []*waiverMatcher) *Suppression {
	var live *waiverMatcher
	for _, m := range ms {
		if !m.matches(fd, a) {
			continue
		}
		m.matched++ // an expired waiver counts what it would have waived
		if live == nil && !m.expired {
			live = m
		}
	}
	if live != nil {
		return &Suppression{Kind: SuppressedByWaiver, Reason: live.w.Reason,
			Expires: live.w.ExpiresText(), Source: live.w.Where()}
	}
	if f.Baseline.Has(fd.Fingerprint) {
		return &Suppression{Kind: SuppressedByBaseline, Reason: "in the baseline " + f.Baseline.Source,
			Source: f.Baseline.Source}
	}
	return nil
}

// Notice is what a report says about a waiver that did not apply; "" for
// one that did.
func (u WaiverUse) Notice() string {
	switch {
	case u.Status == WaiverExpired && u.Matched == 0:
		return fmt.Sprintf("%s expired on %s and matches no finding: remove it", u.Waiver, u.ExpiresText())
	case u.Status == WaiverExpired:
		return fmt.Sprintf("%s expired on %s, so the %s it matches %s for the gate again: renew it after a new review, or fix what it covered",
			u.Waiver, u.ExpiresText(), plural(u.Matched, "finding"), map[bool]string{true: "counts", false: "count"}[u.Matched == 1])
	case u.Status == WaiverUnused:
		return fmt.Sprintf("%s matched no finding: remove it, or fix its patterns", u.Waiver)
	}
	return ""
}

// StaleWaivers are the waivers a team should look at: expired or unused.
func (r *Result) StaleWaivers() []WaiverUse {
	var out []WaiverUse
	for _, u := range r.Waivers {
		if u.Status != WaiverApplied {
			out = append(out, u)
		}
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
