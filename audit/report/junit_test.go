package report

import (
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/golden"
)

// The shape Jenkins' and GitLab's JUnit readers accept (the Ant/Surefire
// schema): testsuites > testsuite > testcase, with the counts on the
// suites adding up, every testcase named and classed, failures and errors
// carrying message and type, timestamps without a zone.

type xTestsuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Attrs    []xml.Attr   `xml:",any,attr"`
	Suites   []xTestsuite `xml:"testsuite"`
	Tests    string       `xml:"tests,attr"`
	Failures string       `xml:"failures,attr"`
	Errors   string       `xml:"errors,attr"`
}

type xTestsuite struct {
	Name       string      `xml:"name,attr"`
	Tests      string      `xml:"tests,attr"`
	Failures   string      `xml:"failures,attr"`
	Errors     string      `xml:"errors,attr"`
	Skipped    string      `xml:"skipped,attr"`
	Time       string      `xml:"time,attr"`
	Timestamp  string      `xml:"timestamp,attr"`
	Properties []xProperty `xml:"properties>property"`
	Cases      []xTestcase `xml:"testcase"`
}

type xProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type xTestcase struct {
	ClassName string     `xml:"classname,attr"`
	Name      string     `xml:"name,attr"`
	Time      string     `xml:"time,attr"`
	Failures  []xProblem `xml:"failure"`
	Errors    []xProblem `xml:"error"`
	SystemOut []string   `xml:"system-out"`
}

type xProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

var antTimestamp = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$`)

// checkJUnit validates one document and returns it parsed.
func checkJUnit(t *testing.T, name string, data []byte) xTestsuites {
	t.Helper()
	var doc xTestsuites
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: not XML: %v", name, err)
	}
	tests, failures, errs := 0, 0, 0
	for _, s := range doc.Suites {
		if s.Name == "" {
			t.Errorf("%s: testsuite without a name", name)
		}
		for attr, v := range map[string]string{"tests": s.Tests, "failures": s.Failures, "errors": s.Errors, "skipped": s.Skipped, "time": s.Time} {
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				t.Errorf("%s: suite %s: %s=%q is not a number", name, s.Name, attr, v)
			}
		}
		if s.Timestamp != "" && !antTimestamp.MatchString(s.Timestamp) {
			t.Errorf("%s: suite %s: timestamp %q", name, s.Name, s.Timestamp)
		}
		f, e := 0, 0
		for _, c := range s.Cases {
			if c.Name == "" || c.ClassName == "" || c.Time == "" {
				t.Errorf("%s: testcase %+v lacks name, classname or time", name, c)
			}
			if len(c.Failures)+len(c.Errors) > 1 {
				t.Errorf("%s: testcase %q has %d problems; readers show one", name, c.Name, len(c.Failures)+len(c.Errors))
			}
			for _, p := range append(c.Failures, c.Errors...) {
				if p.Message == "" || p.Type == "" || p.Text == "" {
					t.Errorf("%s: testcase %q: problem lacks message, type or text", name, c.Name)
				}
			}
			f += len(c.Failures)
			e += len(c.Errors)
		}
		if s.Tests != strconv.Itoa(len(s.Cases)) || s.Failures != strconv.Itoa(f) || s.Errors != strconv.Itoa(e) {
			t.Errorf("%s: suite %s counts tests=%s failures=%s errors=%s, has %d/%d/%d",
				name, s.Name, s.Tests, s.Failures, s.Errors, len(s.Cases), f, e)
		}
		tests, failures, errs = tests+len(s.Cases), failures+f, errs+e
	}
	if doc.Tests != strconv.Itoa(tests) || doc.Failures != strconv.Itoa(failures) || doc.Errors != strconv.Itoa(errs) {
		t.Errorf("%s: testsuites counts %s/%s/%s, suites add up to %d/%d/%d", name, doc.Tests, doc.Failures, doc.Errors, tests, failures, errs)
	}
	return doc
}

func TestJUnitGoldensWellFormed(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(golden.Dir(), "report", "*.junit.xml"))
	if len(files) < len(scenarios) {
		t.Fatalf("found %d golden JUnit files", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkJUnit(t, filepath.Base(f), data)
	}
}

func TestJUnitContent(t *testing.T) {
	r := handResult(t)
	r.Time = testTime
	f, _ := Lookup("junit")
	doc := checkJUnit(t, "hand-built", render(t, *f, r))
	if len(doc.Suites) != 3 {
		t.Fatalf("%d suites, want one per artifact and one for unreadable inputs", len(doc.Suites))
	}
	apk := doc.Suites[1]
	if apk.Name != "build/out dir/app-release #1.apk" || apk.Timestamp != "2025-01-01T00:00:00" {
		t.Errorf("suite %q timestamp %q", apk.Name, apk.Timestamp)
	}
	props := map[string]string{}
	for _, p := range apk.Properties {
		props[p.Name] = p.Value
	}
	if props["artifact.sha256"] != r.Artifacts[0].Artifact.SHA256 || !strings.HasPrefix(props["policy"], "easemob-im 2024-11-01") || props["tool"] != "permaudit v0.9.0" {
		t.Errorf("properties %v", props)
	}
	rows, rules := 0, 0
	var passedRow, failedRule bool
	for _, c := range apk.Cases {
		switch {
		case strings.HasSuffix(c.ClassName, ".policy.easemob-im"):
			rows++
			passedRow = passedRow || len(c.Failures) == 0
		case strings.HasSuffix(c.ClassName, ".rules"):
			rules++
			if c.Name == audit.RuleBeyondPolicy && len(c.Failures) == 1 {
				failedRule = strings.Contains(c.Failures[0].Text, "READ_CONTACTS")
			}
		}
	}
	if rows != len(r.Artifacts[0].Matrix) || rules == 0 || !passedRow || !failedRule {
		t.Errorf("rows %d (want %d), rules %d, a passing row %v, beyond-policy failing on READ_CONTACTS %v",
			rows, len(r.Artifacts[0].Matrix), rules, passedRow, failedRule)
	}
	unread := doc.Suites[2]
	if unread.Errors != "1" || len(unread.Cases) != 1 || unread.Cases[0].Errors[0].Type != "input-error" {
		t.Errorf("unreadable suite %+v", unread)
	}
}

// TestJUnitAgreesWithGate: under every --fail-on, a testcase fails exactly
// when one of its findings fails the gate, so some testcase fails exactly
// when the exit code is 1; and testcase names never change with the
// threshold or when a finding is fixed, so a dashboard's history goes on.
func TestJUnitAgreesWithGate(t *testing.T) {
	f, _ := Lookup("junit")
	var names []string
	for _, failOn := range []audit.Severity{audit.SeverityError, audit.SeverityWarning, audit.SeverityNote, ""} {
		r := handResult(t)
		r.FailOn = failOn
		doc := checkJUnit(t, "fail-on "+string(failOn), render(t, *f, r))
		failed, got := 0, caseNames(doc)
		for _, s := range doc.Suites {
			for _, c := range s.Cases {
				failed += len(c.Failures)
			}
		}
		if (failed > 0) != r.Failed() {
			t.Errorf("--fail-on %q: %d failing testcases, gate failed %v", failOn, failed, r.Failed())
		}
		if names != nil && strings.Join(got, "\n") != strings.Join(names, "\n") {
			t.Errorf("--fail-on %q renamed testcases:\n%v\nwas\n%v", failOn, got, names)
		}
		names = got
	}
	// Fix everything the APK was flagged for: same testcases, none failing.
	r := handResult(t)
	r.Artifacts[0].Findings = nil
	for i := range r.Artifacts[0].Matrix {
		r.Artifacts[0].Matrix[i].Verdict = audit.VerdictSatisfied
	}
	fixed := checkJUnit(t, "fixed", render(t, *f, r))
	if strings.Join(caseNames(fixed), "\n") != strings.Join(names, "\n") {
		t.Errorf("a fix renamed testcases:\n%v\nwas\n%v", caseNames(fixed), names)
	}
	for _, c := range fixed.Suites[1].Cases {
		if len(c.Failures) > 0 {
			t.Errorf("fixed APK: %s still fails", c.Name)
		}
	}
}

// caseNames lists suite, class and name of every testcase.
func caseNames(doc xTestsuites) []string {
	var out []string
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			out = append(out, s.Name+" | "+c.ClassName+" | "+c.Name)
		}
	}
	return out
}

func TestXMLText(t *testing.T) {
	tests := map[string]string{
		"a < b & c > d":    "a &lt; b &amp; c &gt; d",
		"line 1\nline 2":   "line 1\nline 2",
		"bell\x07 nul\x00": "bell\uFFFD nul\uFFFD",
		"cr\r":             "cr&#xD;",
		"":                 "",
	}
	for in, want := range tests {
		if got := xmlText(in); got != want {
			t.Errorf("xmlText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestJUnitAgainstSchema validates every JUnit golden with xmllint against
// the schema Jenkins and GitLab read (testdata/junit.xsd); it skips when
// xmllint (Debian's libxml2-utils) is not installed.
func TestJUnitAgainstSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed")
	}
	files, _ := filepath.Glob(filepath.Join(golden.Dir(), "report", "*.junit.xml"))
	if len(files) == 0 {
		t.Fatal("no JUnit goldens")
	}
	args := append([]string{"--noout", "--schema", filepath.Join("testdata", "junit.xsd")}, files...)
	if out, err := exec.Command(xmllint, args...).CombinedOutput(); err != nil {
		t.Errorf("xmllint: %v\n%s", err, out)
	}
}
