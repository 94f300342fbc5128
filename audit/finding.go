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
	hint := ""
	if w := SuggestWord(strings.ToLower(s), []string{"error", "warning", "note", "never"}); w != "" {
		hint = fmt.Sprintf("; did you mean %q?", w)
	}
	return "", fmt.Errorf("unknown severity %q (want error, warning or note)%s", s, hint)
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
	// across runs, line moves and renamed files; its prefix versions the
	// recipe (see Fingerprint).
	Fingerprint string `json:"fingerprint"`
	// Suppression says why the finding does not count for the gate; nil
	// when it does.
	Suppression *Suppression `json:"suppression,omitempty"`
}

// Counts reports whether the finding counts for the gate: it is neither
// waived nor in the baseline.
func (f *Finding) Counts() bool { return f.Suppression == nil }

// FingerprintVersion prefixes every fingerprint. v2 dropped the module
// (renaming a feature module or extension is a move, not a new finding)
// and keeps the category only where no permission names the finding.
const FingerprintVersion = "v2"

// Fingerprint is a finding's stable identity: platform, app id, rule and
// permission — never a path, line or module, so a moved line or renamed
// file keeps it. Category stands in for the permission on findings about
// a whole category, so a catalog that re-files a permission does not make
// its findings new. A PerEntry rule (an overlapping zip entry, an invalid
// privacy manifest) adds the archive entry, so a second such entry is a
// new finding, not one a baseline already accepted.
func Fingerprint(platform Platform, appID, ruleID, category, permission, entry string) string {
	if permission != "" {
		category = ""
	}
	parts := []string{string(platform), appID, ruleID, category, permission}
	if r, ok := Rule(ruleID); ok && r.PerEntry && entry != "" {
		parts = append(parts, entry)
	}
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return FingerprintVersion + ":" + hex.EncodeToString(h[:8])
}
