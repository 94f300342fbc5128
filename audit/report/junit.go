package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// JUnit XML in the shape Jenkins, GitLab and most dashboards read (the
// Ant/Surefire dialect): one testsuite per artifact, one testcase per
// policy matrix row and per rule run on the declaration, so a dashboard
// shows what passed as well as what failed. Errors and warnings fail a
// testcase; notes pass and are written to its system-out. Unreadable
// inputs form their own testsuite of <error> testcases.

type junitSuites struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	// No skipped count here: Jenkins' schema allows it on testsuite only.
	Time   string       `xml:"time,attr"`
	Suites []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Package    string          `xml:"package,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	ClassName string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	SystemOut *junitOutput  `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",innerxml"` // escaped by xmlText
}

type junitOutput struct {
	Text string `xml:",innerxml"` // escaped by xmlText
}

// xmlText escapes element text but, unlike encoding/xml, keeps line
// breaks as they are, so a failure reads as written in a CI log or in the
// file. Characters XML cannot carry become U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\r':
			b.WriteString("&#xD;")
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func junitProblemOf(message, typ, text string) *junitProblem {
	return &junitProblem{Message: message, Type: typ, Text: xmlText(text)}
}

func junitOut(text string) *junitOutput {
	if text == "" {
		return nil
	}
	return &junitOutput{Text: xmlText(text)}
}

// junitTime is every duration: the audit is not timed, and a measured
// time would make two runs differ.
const junitTime = "0"

type junitWriter struct{}

var _ Writer = junitWriter{}

func (junitWriter) Write(w io.Writer, r *audit.Result) error {
	doc := newJUnit(r)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func newJUnit(r *audit.Result) junitSuites {
	doc := junitSuites{Name: toolName(r.Tool), Time: junitTime}
	for _, a := range sortedArtifacts(r) {
		doc.Suites = append(doc.Suites, artifactSuite(r, a))
	}
	if len(r.Errors) > 0 {
		doc.Suites = append(doc.Suites, errorSuite(r))
	}
	if len(r.Waivers) > 0 {
		doc.Suites = append(doc.Suites, waiverSuite(r))
	}
	for _, s := range doc.Suites {
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
	}
	return doc
}

// junitTimestamp is the Ant schema's ISO 8601 form: no zone, read as UTC.
func junitTimestamp(r *audit.Result) string {
	if r.Time.IsZero() {
		return ""
	}
	return r.Time.UTC().Format("2006-01-02T15:04:05")
}

// trailProperties records who audited what against which policy.
func trailProperties(r *audit.Result) []junitProperty {
	props := []junitProperty{{"tool", toolIdentity(r.Tool)}}
	for _, p := range r.Policies {
		props = append(props, junitProperty{"policy", policyIdentity(p) + " — " + p.Name})
	}
	if t := auditTime(r); t != "" {
		props = append(props, junitProperty{"audited-at", t})
	}
	return props
}

func artifactSuite(r *audit.Result, a audit.ArtifactResult) junitSuite {
	class := string(a.Platform) + "." + a.Artifact.Kind
	if a.App.ID != "" {
		class += "." + a.App.ID
	}
	s := junitSuite{Name: a.Artifact.Path, Time: junitTime, Timestamp: junitTimestamp(r), Package: class,
		Properties: append(trailProperties(r),
			junitProperty{"artifact.path", a.Artifact.Path},
			junitProperty{"artifact.kind", a.Artifact.Kind},
			junitProperty{"artifact.sha256", a.Artifact.SHA256},
			junitProperty{"artifact.size", strconv.FormatInt(a.Artifact.Size, 10)},
			junitProperty{"platform", string(a.Platform)},
			junitProperty{"app.id", a.App.ID},
			junitProperty{"app.version", a.App.Version})}
	for _, m := range a.Matrix {
		s.Cases = append(s.Cases, rowCase(class, a, m))
	}
	for _, ri := range rulesRun(r, a) {
		s.Cases = append(s.Cases, ruleCase(class, a, ri))
	}
	for _, c := range s.Cases {
		if c.Failure != nil {
			s.Failures++
		}
	}
	s.Tests = len(s.Cases)
	return s
}

// rowCase is one policy matrix row: it fails when the verdict is missing,
// limited or a violation.
func rowCase(class string, a audit.ArtifactResult, m audit.MatrixRow) junitCase {
	c := junitCase{ClassName: class + ".policy." + m.Policy,
		Name: fmt.Sprintf("row %d %s: %s [%s]", m.Row, m.Level, m.Label, m.Verdict), Time: junitTime}
	fs := rowFindings(a, m)
	var text []string
	text = append(text, "Declared: "+orDash(strings.Join(m.Declared, ", ")))
	if m.Note != "" {
		text = append(text, "Note: "+m.Note)
	}
	for _, f := range fs {
		text = append(text, findingText(f))
	}
	counted := countedFindings(fs)
	// A failing row whose findings are all waived or in the baseline passes.
	if !rowFails(m) || len(fs) > 0 && len(counted) == 0 {
		c.SystemOut = junitOut(strings.Join(text, "\n"))
		return c
	}
	typ, msg := m.Verdict, fmt.Sprintf("%s row %q is %s", m.Level, m.Label, m.Verdict)
	if len(counted) > 0 {
		typ, msg = counted[0].RuleID, counted[0].Message
	}
	c.Failure = junitProblemOf(msg, typ, strings.Join(text, "\n"))
	return c
}

// ruleCase is one declaration rule: it fails with every error or warning
// it found that counts; notes, waived and baselined findings pass.
func ruleCase(class string, a audit.ArtifactResult, ri audit.RuleInfo) junitCase {
	c := junitCase{ClassName: class + ".rules", Name: ri.ID + ": " + ri.Short, Time: junitTime}
	var failing, noted []string
	first := ""
	for _, f := range a.Findings {
		if f.RuleID != ri.ID {
			continue
		}
		if f.Counts() && f.Severity.Rank() >= audit.SeverityWarning.Rank() {
			if first == "" {
				first = f.Message
			}
			failing = append(failing, findingText(f))
		} else {
			noted = append(noted, findingText(f))
		}
	}
	if len(failing) > 0 {
		msg := first
		if len(failing) > 1 {
			msg = fmt.Sprintf("%d findings; first: %s", len(failing), first)
		}
		c.Failure = junitProblemOf(msg, ri.ID, strings.Join(append(failing, noted...), "\n"))
	} else {
		c.SystemOut = junitOut(strings.Join(noted, "\n"))
	}
	return c
}

// findingText is one finding as a block of plain text.
func findingText(f audit.Finding) string {
	s := fmt.Sprintf("[%s] %s: %s", f.Severity, f.RuleID, f.Message)
	if w := evidence(f); w != "" {
		s += "\n  at " + w
	}
	if f.Remediation != "" {
		s += "\n  fix: " + f.Remediation
	}
	if f.Suppression != nil {
		s += "\n  " + suppressionText(f.Suppression)
	}
	return s + "\n  fingerprint: " + f.Fingerprint
}

// rulesRun lists the declaration rules (not the per-row ones) that apply
// to an artifact's platform, plus any other rule its findings carry.
func rulesRun(r *audit.Result, a audit.ArtifactResult) []audit.RuleInfo {
	var out []audit.RuleInfo
	seen := map[string]bool{}
	for _, ri := range audit.Rules {
		if isRowRule(ri.ID) || !ruleApplies(ri, a.Platform) {
			continue
		}
		seen[ri.ID] = true
		out = append(out, ri)
	}
	for _, ri := range rulesInUse(r) {
		if seen[ri.ID] || isRowRule(ri.ID) {
			continue
		}
		for _, f := range a.Findings {
			if f.RuleID == ri.ID {
				seen[ri.ID] = true
				out = append(out, ri)
				break
			}
		}
	}
	return out
}

// ruleApplies reads a rule's platform from its tags; a rule tagged with no
// platform applies to all.
func ruleApplies(ri audit.RuleInfo, p audit.Platform) bool {
	tagged := false
	for _, pl := range audit.Platforms {
		if contains(ri.Tags, string(pl)) {
			tagged = true
			if pl == p {
				return true
			}
		}
	}
	return !tagged
}

func errorSuite(r *audit.Result) junitSuite {
	s := junitSuite{Name: "unreadable inputs", Time: junitTime, Timestamp: junitTimestamp(r),
		Properties: trailProperties(r)}
	for _, e := range r.Errors {
		s.Cases = append(s.Cases, junitCase{ClassName: "permaudit.input", Name: e.Path, Time: junitTime,
			Error: junitProblemOf(e.Message, "input-error", e.String())})
	}
	s.Tests, s.Errors = len(s.Cases), len(s.Cases)
	return s
}

// waiverSuite has a testcase per configured waiver: an expired one fails
// (like a warning: someone must renew it or fix what it covered), an
// applied or unused one passes with what became of it.
func waiverSuite(r *audit.Result) junitSuite {
	s := junitSuite{Name: "waivers", Time: junitTime, Timestamp: junitTimestamp(r), Properties: trailProperties(r)}
	for _, u := range r.Waivers {
		c := junitCase{ClassName: "permaudit.waiver", Name: u.Waiver.String(), Time: junitTime}
		switch u.Status {
		case audit.WaiverExpired:
			c.Failure = junitProblemOf(u.Notice(), "waiver-expired", u.Notice()+"\nreason: "+u.Reason)
			s.Failures++
		case audit.WaiverUnused:
			c.SystemOut = junitOut(u.Notice())
		default:
			c.SystemOut = junitOut(fmt.Sprintf("waived %d: %s", u.Matched, u.Reason))
		}
		s.Cases = append(s.Cases, c)
	}
	s.Tests = len(s.Cases)
	return s
}
