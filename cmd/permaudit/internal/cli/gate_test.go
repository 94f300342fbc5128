package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/permaudit/permaudit/audit/report"
)

// project is a temporary app checkout: a manifest declaring extra
// permissions (on top of everything the built-in policy requires) and,
// when given, a .permaudit.yaml.
type project struct {
	dir string
	t   *testing.T
}

func newProject(t *testing.T, config string, extra ...string) project {
	t.Helper()
	p := project{dir: t.TempDir(), t: t}
	if config != "" {
		p.write(".permaudit.yaml", config)
	}
	p.manifest("app/src/main/AndroidManifest.xml", 0, extra...)
	return p
}

// manifest writes a compliant manifest plus extra permissions, after
// blank lines lines.
func (p project) manifest(rel string, blank int, extra ...string) string {
	base, err := os.ReadFile("testdata/cases/android/compliant.xml")
	if err != nil {
		p.t.Fatal(err)
	}
	add := strings.Repeat("\n", blank)
	for _, e := range extra {
		add += `    <uses-permission android:name="android.permission.` + e + `" />` + "\n"
	}
	return p.write(rel, strings.Replace(string(base), "    <application", add+"    <application", 1))
}

func (p project) write(rel, text string) string {
	path := filepath.Join(p.dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		p.t.Fatal(err)
	}
	return path
}

// run runs permaudit in process with the project as working directory
// for the config search, on the given day.
func (p project) run(day string, args ...string) (code int, stdout, stderr string) {
	now, err := time.Parse("2006-01-02", day)
	if err != nil {
		p.t.Fatal(err)
	}
	var out, errb bytes.Buffer
	e := env{stdout: &out, stderr: &errb, now: func() time.Time { return now.Add(9 * time.Hour) },
		getenv: wideTerminal, wd: p.dir}
	code = run(args, e)
	return code, out.String(), errb.String()
}

func (p project) path(rel string) string { return filepath.Join(p.dir, rel) }

const contactsWaiver = `policies: [easemob-im]
failOn: warning
waivers:
  - rule: beyond-policy
    permission: android.permission.READ_CONTACTS
    reason: contact sync, approved by the privacy review of 2025-03
    expires: 2026-12-31
`

func TestGateWaivedPermissionPasses(t *testing.T) {
	p := newProject(t, contactsWaiver, "READ_CONTACTS")
	code, out, errs := p.run("2026-06-01", "audit", "-o", "table", "-o", "json="+p.path("r.json"), p.path("app"))
	if code != 0 {
		t.Fatalf("exit %d, want 0\n%s\n%s", code, out, errs)
	}
	// Table cells wrap: read the text with the box drawing and line breaks folded away.
	text := strings.Join(strings.FieldsFunc(out, func(r rune) bool { return r == '│' || r == ' ' || r == '\n' }), " ")
	for _, want := range []string{"warning (waived)", "waived: contact sync, approved by the privacy review of 2025-03",
		"1 waived", "Gate (fail on warning): passed"} {
		if !strings.Contains(text, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	doc := readReport(t, p.path("r.json"))
	f := doc.Artifacts[0].Findings[0]
	if f.Suppression == nil || f.Suppression.Kind != "waiver" || doc.Waivers[0].Status != "applied" || !doc.Gate.Passed {
		t.Errorf("JSON: finding %+v, waivers %+v, gate %+v", f, doc.Waivers, doc.Gate)
	}
}

// TestGateUnacceptedPermissionFails: the gate fails exactly when a build
// adds a permission nobody accepted.
func TestGateUnacceptedPermissionFails(t *testing.T) {
	p := newProject(t, contactsWaiver, "READ_CONTACTS", "READ_SMS")
	code, out, _ := p.run("2026-06-01", "audit", p.path("app"))
	if code != 1 || !strings.Contains(out, "READ_SMS") || !strings.Contains(out, "FAILED") {
		t.Errorf("exit %d, want 1:\n%s", code, out)
	}
	if code, _, _ := p.run("2026-06-01", "audit", "--exit-code", "7", p.path("app")); code != 7 {
		t.Errorf("--exit-code 7: exit %d", code)
	}
}

func TestGateExpiredWaiver(t *testing.T) {
	p := newProject(t, contactsWaiver, "READ_CONTACTS")
	code, out, errs := p.run("2027-01-01", "audit", "-o", "table", "-o", "sarif="+p.path("r.sarif"), p.path("app"))
	if code != 1 {
		t.Fatalf("exit %d, want 1: an expired waiver stops applying\n%s", code, out)
	}
	notice := ".permaudit.yaml:4: waiver (rule beyond-policy, permission android.permission.READ_CONTACTS) expired on 2026-12-31"
	for name, text := range map[string]string{"table": out, "stderr": errs} {
		if !strings.Contains(text, notice) {
			t.Errorf("%s lacks %q:\n%s", name, notice, text)
		}
	}
	if strings.Contains(out, "(waived)") {
		t.Errorf("an expired waiver still waives:\n%s", out)
	}
	sarif, _ := os.ReadFile(p.path("r.sarif"))
	if !bytes.Contains(sarif, []byte("toolConfigurationNotifications")) || !bytes.Contains(sarif, []byte("expired on 2026-12-31")) {
		t.Errorf("SARIF does not report the expired waiver:\n%.600s", sarif)
	}
	// The last day it still applies.
	if code, out, _ := p.run("2026-12-31", "audit", p.path("app")); code != 0 {
		t.Errorf("on its last day: exit %d\n%s", code, out)
	}
}

func TestGateUnusedWaiver(t *testing.T) {
	p := newProject(t, contactsWaiver) // the manifest no longer declares READ_CONTACTS
	code, out, errs := p.run("2026-06-01", "audit", "-o", "table", "-o", "junit="+p.path("j.xml"), p.path("app"))
	if code != 0 {
		t.Fatalf("exit %d: an unused waiver is a note, not a failure\n%s", code, out)
	}
	notice := ".permaudit.yaml:4: waiver (rule beyond-policy, permission android.permission.READ_CONTACTS) matched no finding"
	if !strings.Contains(out, "UNUSED "+p.dir) || !strings.Contains(out, notice) || !strings.Contains(errs, notice) {
		t.Errorf("unused waiver not reported:\n%s\n%s", out, errs)
	}
	junit, _ := os.ReadFile(p.path("j.xml"))
	if !bytes.Contains(junit, []byte("matched no finding")) {
		t.Errorf("JUnit does not report the unused waiver")
	}
}

// TestGateBaseline: a baseline hides the old finding, not a new one; a
// moved line and a renamed file are not new.
func TestGateBaseline(t *testing.T) {
	p := newProject(t, "failOn: warning\n", "READ_CONTACTS")
	base := p.path("baseline.json")
	if code, out, errs := p.run("2026-06-01", "audit", "--write-baseline", base, p.path("app")); code != 1 {
		t.Fatalf("writing the baseline: exit %d\n%s%s", code, out, errs)
	}
	if code, out, _ := p.run("2026-06-01", "audit", "--baseline", base, p.path("app")); code != 0 || !strings.Contains(out, "warning (baseline)") {
		t.Errorf("same build against its baseline: exit %d\n%s", code, out)
	}
	// Moved: the manifest is renamed and the permission sits three lines lower.
	if err := os.RemoveAll(p.path("app")); err != nil {
		t.Fatal(err)
	}
	p.manifest("mobile/AndroidManifest.xml", 3, "READ_CONTACTS")
	if code, out, _ := p.run("2026-06-01", "audit", "--baseline", base, p.path("mobile")); code != 0 {
		t.Errorf("moved line and renamed file counted as new: exit %d\n%s", code, out)
	}
	// A library adds a permission: only that one counts.
	p.manifest("mobile/AndroidManifest.xml", 3, "READ_CONTACTS", "READ_SMS")
	code, _, _ := p.run("2026-06-01", "audit", "--baseline", base, "-o", "json="+p.path("new.json"), p.path("mobile"))
	if code != 1 {
		t.Fatalf("new permission passed the baseline: exit %d", code)
	}
	doc := readReport(t, p.path("new.json"))
	for _, f := range doc.Artifacts[0].Findings {
		old := strings.HasSuffix(f.Permission, "READ_CONTACTS")
		if hidden := f.Suppression != nil; hidden != old {
			t.Errorf("%s %s: suppressed %v", f.RuleID, f.Permission, f.Suppression)
		}
	}
	if doc.Summary.Baselined != 1 || doc.Summary.Warnings != 1 {
		t.Errorf("summary %+v", doc.Summary)
	}
	// From the config file, and a baseline that is not a report.
	p.write(".permaudit.yaml", "failOn: warning\nbaseline: baseline.json\n")
	if code, _, _ := p.run("2026-06-01", "audit", p.path("app")); code != 3 {
		// app/ was removed: exit 3 proves the baseline loaded and the scan ran
		t.Errorf("config baseline: exit %d", code)
	}
	p.write("baseline.json", "{}")
	code, _, errs := p.run("2026-06-01", "audit", p.path("mobile"))
	if code != 2 || !strings.Contains(errs, ".permaudit.yaml:2: --baseline: ") || strings.Contains(errs, "--help") {
		t.Errorf("bad baseline: exit %d %s", code, errs)
	}
}

// TestGateUnwritableReport: exit 4 names the file, every other report is
// still written, and a failed gate or an unread input still wins.
func TestGateUnwritableReport(t *testing.T) {
	p := newProject(t, "")
	bad := filepath.Join(p.dir, "no", "such", "dir", "r.sarif")
	junit := p.path("junit.xml")
	code, out, errs := p.run("2026-06-01", "audit", "-o", "table", "-o", "sarif="+bad, "-o", "junit="+junit, p.path("app"))
	if code != ExitOutputError {
		t.Errorf("exit %d, want %d", code, ExitOutputError)
	}
	if !strings.Contains(errs, "writing sarif report to "+bad) || strings.Contains(errs, "--help") {
		t.Errorf("stderr does not name the file, or points at --help:\n%s", errs)
	}
	if _, err := os.Stat(junit); err != nil || !strings.Contains(out, "com.example.ok") {
		t.Errorf("the other reports were not written: %v\n%s", err, out)
	}
	p.manifest("app/src/main/AndroidManifest.xml", 0, "READ_SMS")
	if code, _, errs := p.run("2026-06-01", "audit", "--fail-on", "warning", "-o", "sarif="+bad, p.path("app")); code != 1 ||
		!strings.Contains(errs, bad) {
		t.Errorf("failed gate + unwritable report: exit %d, %s", code, errs)
	}
	if code, _, _ := p.run("2026-06-01", "audit", "-o", "sarif="+bad, p.path("app"), p.path("missing.xml")); code != 3 {
		t.Errorf("unread input + unwritable report: exit %d", code)
	}
}

// TestGateConfig: flags override the config; its mistakes are exit 2 with
// file:line and no pointer at --help.
func TestGateConfig(t *testing.T) {
	p := newProject(t, "failOn: never\noutputs: [json]\n", "READ_SMS")
	code, out, _ := p.run("2026-06-01", "audit", p.path("app"))
	if code != 0 || !strings.HasPrefix(out, "{") {
		t.Errorf("config failOn never and json output: exit %d\n%.80s", code, out)
	}
	if code, out, _ := p.run("2026-06-01", "audit", "--fail-on", "warning", "--format", "table", p.path("app")); code != 1 || strings.HasPrefix(out, "{") {
		t.Errorf("flags did not override: exit %d\n%.80s", code, out)
	}
	other := p.write("other.yaml", "failOn: warning\n")
	if code, _, _ := p.run("2026-06-01", "audit", "--config", other, p.path("app")); code != 1 {
		t.Errorf("--config: exit %d", code)
	}
	// --no-config: the found file's failOn never and json are not applied.
	if code, out, _ := p.run("2026-06-01", "audit", "--no-config", "--fail-on", "warning", p.path("app")); code != 1 || strings.HasPrefix(out, "{") {
		t.Errorf("--no-config: exit %d\n%.80s", code, out)
	}
	if code, _, errs := p.run("2026-06-01", "audit", "--no-config", "--config", other, p.path("app")); code != ExitUsage || !strings.Contains(errs, "--no-config") {
		t.Errorf("--no-config with --config: exit %d %s", code, errs)
	}
	for _, tt := range []struct{ config, want string }{
		{"failOn: warning\nwaivers:\n  - rule: beyond-policy\n", ".permaudit.yaml:3: waivers[0]: a waiver needs a reason"},
		{"policies: [nope]\n", `.permaudit.yaml:1: policies: nope: unknown policy "nope"`},
		{"outputs: [xml]\n", `.permaudit.yaml:1: unsupported format "xml"`},
		{"colour: red\n", `.permaudit.yaml:1: config: unknown key "colour"`},
	} {
		p.write(".permaudit.yaml", tt.config)
		code, _, errs := p.run("2026-06-01", "audit", p.path("app"))
		if code != ExitUsage || !strings.Contains(errs, tt.want) || strings.Contains(errs, "--help") {
			t.Errorf("%q: exit %d\n%s", tt.config, code, errs)
		}
	}
}

func TestInit(t *testing.T) {
	p := project{dir: t.TempDir(), t: t}
	if code, _, errs := p.run("2026-06-01", "init"); code != 0 {
		t.Fatalf("init: exit %d %s", code, errs)
	}
	if code, _, errs := p.run("2026-06-01", "init"); code != ExitUsage || !strings.Contains(errs, "--force") {
		t.Errorf("init over an existing file: exit %d %s", code, errs)
	}
	p.manifest("app/AndroidManifest.xml", 0)
	if code, out, errs := p.run("2026-06-01", "audit", p.path("app")); code != 0 || !strings.Contains(out, "Gate (fail on error): passed") {
		t.Errorf("audit with the starter config: exit %d\n%s%s", code, out, errs)
	}
}

// TestExitCodeTableInREADME keeps the README's table and --help in step.
func TestExitCodeTableInREADME(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for code := ExitPassed; code <= ExitOutputError; code++ {
		row := "| " + string(rune('0'+code)) + " |"
		if !bytes.Contains(readme, []byte(row)) {
			t.Errorf("README's exit-code table lacks a row for %d", code)
		}
		if !strings.Contains(exitCodesHelp, "\n  "+string(rune('0'+code))+"  ") {
			t.Errorf("--help's exit-code table lacks %d", code)
		}
	}
	_, out, _ := runCLI("--help")
	if !strings.Contains(out, exitCodesHelp) {
		t.Error("permaudit --help does not show the exit codes")
	}
}

func readReport(t *testing.T, path string) report.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := report.ReadDocument(f)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
