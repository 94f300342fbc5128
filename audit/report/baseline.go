package report

import (
	"fmt"
	"os"

	"github.com/permaudit/permaudit/audit"
)

// ReadBaseline reads an earlier JSON report as a baseline. Each finding's
// fingerprint is recomputed from its stable fields with today's recipe,
// so a report written before a fingerprint version change still matches.
// Findings the earlier run waived are left out: a baseline must not keep
// a finding accepted after its waiver expires.
func ReadBaseline(path string) (*audit.Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := ReadDocument(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return audit.NewBaseline(path, BaselineFingerprints(doc)), nil
}

// BaselineFingerprints lists the fingerprints a report contributes to a
// baseline.
func BaselineFingerprints(doc Document) []string {
	var fps []string
	for _, a := range doc.Artifacts {
		for _, f := range a.Findings {
			if f.Suppression != nil && f.Suppression.Kind == audit.SuppressedByWaiver {
				continue
			}
			fps = append(fps, audit.Fingerprint(a.Platform, a.App.ID, f.RuleID, f.Category, f.Permission, f.Entry))
		}
	}
	return fps
}
