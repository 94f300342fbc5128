package report

import (
	"fmt"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// suppressionLabel is the one word a compact view marks a finding with:
// "waived", "baseline", or "" for one that counts.
func suppressionLabel(s *audit.Suppression) string {
	if s == nil {
		return ""
	}
	if s.Kind == audit.SuppressedByWaiver {
		return "waived"
	}
	return "baseline"
}

// suppressionText says in full why a finding does not count:
// "waived: REASON (until DATE, FILE:LINE)" or "in the baseline FILE".
func suppressionText(s *audit.Suppression) string {
	if s == nil {
		return ""
	}
	if s.Kind != audit.SuppressedByWaiver {
		return s.Reason
	}
	var detail []string
	if s.Expires != "" {
		detail = append(detail, "until "+s.Expires)
	}
	if s.Source != "" {
		detail = append(detail, s.Source)
	}
	text := "waived: " + s.Reason
	if len(detail) > 0 {
		text += " (" + strings.Join(detail, ", ") + ")"
	}
	return text
}

// countedFindings are the findings of a that count for the gate.
func countedFindings(fs []audit.Finding) []audit.Finding {
	var out []audit.Finding
	for _, f := range fs {
		if f.Counts() {
			out = append(out, f)
		}
	}
	return out
}

// waiverLine is one waiver's fate as a line of text, headed by its status.
func waiverLine(u audit.WaiverUse) string {
	switch u.Status {
	case audit.WaiverExpired:
		return "EXPIRED " + u.Notice()
	case audit.WaiverUnused:
		return "UNUSED " + u.Notice()
	}
	return "applied " + u.Waiver.String() + ": waived " + plural(u.Matched, "finding") + " — " + u.Reason
}

// suppressedSummary is ", N waived, M in the baseline" for the counts
// that are not zero.
func suppressedSummary(s audit.Summary) string {
	out := ""
	if s.Waived > 0 {
		out += fmt.Sprintf(", %d waived", s.Waived)
	}
	if s.Baselined > 0 {
		out += fmt.Sprintf(", %d in the baseline", s.Baselined)
	}
	return out
}

// hasWaived reports whether a waiver accepted any of a's findings.
func hasWaived(a audit.ArtifactResult) bool {
	for _, f := range a.Findings {
		if f.Suppression != nil && f.Suppression.Kind == audit.SuppressedByWaiver {
			return true
		}
	}
	return false
}
