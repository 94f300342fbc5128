package report

import "github.com/permaudit/permaudit/audit"

// sarifSuppression is SARIF 2.1.0 §3.35: a result that is reported but
// accepted. Waivers and baselines live outside the manifest, so the kind
// is "external".
type sarifSuppression struct {
	Kind          string          `json:"kind"`
	Status        string          `json:"status"`
	Justification string          `json:"justification"`
	Properties    sarifSuppressed `json:"properties"`
}

type sarifSuppressed struct {
	Kind    audit.SuppressionKind `json:"permauditKind"`
	Source  string                `json:"source,omitempty"`
	Expires string                `json:"expires,omitempty"`
}

func sarifSuppressionsOf(s *audit.Suppression) []sarifSuppression {
	if s == nil {
		return nil
	}
	return []sarifSuppression{{Kind: "external", Status: "accepted", Justification: s.Reason,
		Properties: sarifSuppressed{Kind: s.Kind, Source: s.Source, Expires: s.Expires}}}
}

// waiverNotifications puts expired and unused waivers where SARIF keeps
// problems with a tool's configuration, pointing at the waiver's line.
func waiverNotifications(r *audit.Result, roots sarifRoots) []sarifNotification {
	var out []sarifNotification
	for _, u := range r.StaleWaivers() {
		n := sarifNotification{Level: "note", Message: sarifText{Text: u.Notice()}}
		if u.Status == audit.WaiverExpired {
			n.Level = "warning"
		}
		if loc, ok := roots.artifactURI(u.File); ok {
			var region *sarifRegion
			if u.Line > 0 {
				region = &sarifRegion{StartLine: u.Line}
			}
			n.Locations = []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: loc, Region: region}}}
		}
		out = append(out, n)
	}
	return out
}
