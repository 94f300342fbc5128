package report

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/permaudit/permaudit/audit"
)

// CSVHeader names the columns of the CSV report. The first fourteen
// describe the finding (suppressed is "waived" or "baseline" for one that
// does not count for the gate, with why in suppression_reason); the next
// four are the audit trail, repeated on every row so that any row cut out
// of the sheet still says what it came from. app_group, added last so
// that sheets built on the earlier columns keep them, names the
// cross-platform app the artifact is one platform of ("RnChat (React
// Native)").
var CSVHeader = []string{"path", "platform", "app_id", "rule", "severity", "category", "permission",
	"line", "entry", "message", "fingerprint", "remediation", "suppressed", "suppression_reason",
	"sha256", "policy", "tool", "audited_at", "app_group"}

// inputErrorRule marks a row that is an unreadable input, not a finding,
// so a spreadsheet filter on severity still shows it.
const inputErrorRule = "input-unreadable"

type csvWriter struct{}

var _ Writer = csvWriter{}

// Write emits RFC 4180 CSV: CRLF line ends, fields quoted when needed.
func (csvWriter) Write(w io.Writer, r *audit.Result) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	policy, tool, at := policiesIdentity(r.Policies), toolIdentity(r.Tool), auditTime(r)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, a := range sortedArtifacts(r) {
		for _, f := range a.Findings {
			line := ""
			if f.Location.Line > 0 {
				line = strconv.Itoa(f.Location.Line)
			}
			if err := cw.Write([]string{csvSafe(a.Artifact.Path), string(a.Platform), csvSafe(a.App.ID), f.RuleID,
				string(f.Severity), f.Category, csvSafe(f.Permission), line, csvSafe(f.Location.Entry), csvSafe(f.Message),
				f.Fingerprint, csvSafe(f.Remediation), suppressionLabel(f.Suppression), csvSafe(suppressionText(f.Suppression)),
				a.Artifact.SHA256, policy, tool, at, csvSafe(appName(a.Group))}); err != nil {
				return err
			}
		}
	}
	for _, e := range r.Errors {
		line := ""
		if e.Line > 0 {
			line = strconv.Itoa(e.Line)
		}
		if err := cw.Write([]string{csvSafe(e.Path), "", "", inputErrorRule, string(audit.SeverityError), "", "",
			line, csvSafe(e.Entry), csvSafe(e.Message), "", "", "", "", "", policy, tool, at, ""}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe makes text read from an input safe in a CSV file: control
// characters escaped visibly (audit.Visible), since `cat report.csv`
// puts the file on a terminal, and a cell that starts with = + - @ gets
// a leading apostrophe so a spreadsheet does not run it as a formula
// (OWASP's advice on CSV injection).
func csvSafe(s string) string {
	s = audit.Visible(s)
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') {
		return "'" + s
	}
	return s
}
