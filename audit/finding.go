package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// Severity ranks findings; the gate compares against a threshold.
type Severity string

const (
	SeverityNote    Severity = "note"
	SeverityWarning Severity = "warning"
	SeverityError   Severity = "error"
)

// Rank orders severities: note < warning < error. Unknown ranks lowest.
func (s Severity) Rank() int {
	switch s {
	case SeverityNote:
		return 1
	case SeverityWarning:
		return 2
	case SeverityError:
		return 3
	}
	return 0
}

// ParseSeverity accepts a severity name.
func ParseSeverity(s string) (Severity, error) {
	switch Severity(strings.ToLower(s)) {
	case SeverityNote, SeverityWarning, SeverityError:
		return Severity(strings.ToLower(s)), nil
	}
	return "", fmt.Errorf("unknown severity %q (want error, warning or note)", s)
}

// Finding is one verdict about one artifact.
type Finding struct {
	RuleID      string   `json:"ruleId"`
	Severity    Severity `json:"severity"`
	Platform    Platform `json:"platform"`
	Category    string   `json:"category,omitempty"`
	Permission  string   `json:"permission,omitempty"`
	Message     string   `json:"message"`
	Remediation string   `json:"remediation,omitempty"`
	Location    Location `json:"location"`
	Module      string   `json:"module,omitempty"`
	// Fingerprint hashes only stable fields so a finding keeps its identity
	// across runs and line moves; the "v1:" prefix versions the recipe.
	Fingerprint string `json:"fingerprint"`
}

// fingerprint derives a finding's stable identity.
func (f *Finding) fingerprint(appID string) string {
	h := sha256.Sum256([]byte(strings.Join([]string{
		string(f.Platform), appID, f.Module, f.RuleID, f.Category, f.Permission,
	}, "\x00")))
	return "v1:" + hex.EncodeToString(h[:8])
}
