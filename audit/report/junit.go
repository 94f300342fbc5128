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
// shows what passed as well as what failed. A testcase's name is its
// identity — the policy row or the rule, under the artifact's suite and
// class — never its verdict, so fixing a row keeps its history. It fails
// exactly when one of its findings fails the gate (--fail-on, waivers and
// the baseline applied); the others pass with their findings as
// system-out, so JUnit and the exit code agree. Unreadable inputs form
// their own testsuite of <error> testcases (exit code 3).

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
	s.Properties = append(s.Properties, projectProperties(a)...)
	for _, m := range a.Matrix {
		s.Cases = append(s.Cases, rowCase(r, class, a, m))
	}
	for _, ri := range rulesRun(r, a) {
		s.Cases = append(s.Cases, ruleCase(r, class, a, ri))
	}
	for _, c := range s.Cases {
		if c.Failure != nil {
			s.Failures++
		}
	}
	s.Tests = len(s.Cases)
	return s
}

// projectProperties name the cross-platform app the artifact is one
// platform of and how its source project was read, as the table does.
func projectProperties(a audit.ArtifactResult) []junitProperty {
	var props []junitProperty
	if g := a.Group; g != nil {
		props = append(props, junitProperty{"app.group", g.Name}, junitProperty{"app.group.framework", g.Framework},
			junitProperty{"app.group.root", g.Root})
	}
	p := projectFactsOf(a)
	for _, v := range p.Variant {
		props = append(props, junitProperty{"project.variant", v})
	}
	if len(a.Modules) > 0 && len(p.Variant) > 0 {
		props = append(props, junitProperty{"project.modules", moduleNames(a.Modules)})
	}
	for _, f := range p.Files {
		props = append(props, junitProperty{"project.file", f})
	}
	for _, o := range p.Overrides {
		props = append(props, junitProperty{"level.override", o})
	}
	return props
}

// rowCase is one policy matrix row, named by its number and label.
func rowCase(r *audit.Result, class string, a audit.ArtifactResult, m audit.MatrixRow) junitCase {
	c := junitCase{ClassName: class + ".policy." + m.Policy,
		Name: fmt.Sprintf("row %d: %s", m.Row, m.Label), Time: junitTime}
	text := []string{fmt.Sprintf("Verdict: %s (%s row)", m.Verdict, m.Level),
		"Declared: " + orDash(strings.Join(m.Declared, ", "))}
	if m.Note != "" {
		text = append(text, "Note: "+m.Note)
	}
	return judged(r, c, rowFindings(a, m), text)
}

// ruleCase is one declaration rule, named by its id.
func ruleCase(r *audit.Result, class string, a audit.ArtifactResult, ri audit.RuleInfo) junitCase {
	c := junitCase{ClassName: class + ".rules", Name: ri.ID, Time: junitTime}
	var fs []audit.Finding
	for _, f := range a.Findings {
		if f.RuleID == ri.ID {
			fs = append(fs, f)
		}
	}
	return judged(r, c, fs, []string{ri.Short})
}

// judged fails c with the findings that fail the gate, failing ones
// first; otherwise c passes with its text and findings as system-out.
func judged(r *audit.Result, c junitCase, fs []audit.Finding, text []string) junitCase {
	var failing, passing []string
	first := ""
	for _, f := range fs {
		if r.Fails(f) {
			if first == "" {
				first = f.Message
				c.Failure = &junitProblem{Type: f.RuleID}
			}
			failing = append(failing, findingText(f))
		} else {
			passing = append(passing, findingText(f))
		}
	}
	body := strings.Join(append(append(text, failing...), passing...), "\n")
	if c.Failure == nil {
		c.SystemOut = junitOut(body)
		return c
	}
	msg := first
	if len(failing) > 1 {
		msg = fmt.Sprintf("%d findings; first: %s", len(failing), first)
	}
	c.Failure = junitProblemOf(msg, c.Failure.Type, body)
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

// waiverSuite has a testcase per configured waiver, each passing with
// what became of it: an expired waiver fails nothing by itself (the
// finding it no longer covers fails its own testcase when it reaches
// --fail-on), so the suite never disagrees with the exit code.
func waiverSuite(r *audit.Result) junitSuite {
	s := junitSuite{Name: "waivers", Time: junitTime, Timestamp: junitTimestamp(r), Properties: trailProperties(r)}
	for _, u := range r.Waivers {
		c := junitCase{ClassName: "permaudit.waiver", Name: u.Waiver.String(), Time: junitTime}
		switch u.Status {
		case audit.WaiverExpired:
			c.SystemOut = junitOut(u.Notice() + "\nreason: " + u.Reason)
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
