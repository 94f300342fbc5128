package audit

// SuppressionKind says what took a finding out of the gate.
type SuppressionKind string

const (
	// SuppressedByWaiver: a waiver in the config accepted it, with a reason.
	SuppressedByWaiver SuppressionKind = "waiver"
	// SuppressedByBaseline: an earlier report already had it.
	SuppressedByBaseline SuppressionKind = "baseline"
)

// Suppression is why a finding is still reported but not counted.
type Suppression struct {
	Kind SuppressionKind `json:"kind"`
	// Reason is the waiver's reason; for a baseline, which report it was in.
	Reason string `json:"reason"`
	// Expires is the waiver's last day (YYYY-MM-DD), when it has one.
	Expires string `json:"expires,omitempty"`
	// Source is where the waiver is written (file:line) or the baseline file.
	Source string `json:"source,omitempty"`
}
