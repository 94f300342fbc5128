package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/permaudit/permaudit/audit"
)

// The HTML report is one self-contained page for an auditor to file: the
// template and its stylesheet are embedded, the CSS is inlined, and the
// page loads nothing from anywhere.

//go:embed html/report.html.tmpl html/report.css
var htmlFiles embed.FS

// htmlTemplate is parsed on first use: a run that writes no HTML report
// should not pay for it at start-up.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
		"breakable": breakable,
		"join":      strings.Join,
	}).ParseFS(htmlFiles, "html/report.html.tmpl"))
})

// breakable escapes s and lets the browser wrap it after a slash, an
// underscore or a dot (not the extension's), so long paths and permission names break where a
// reader expects rather than mid-word.
func breakable(s string) template.HTML {
	lastDot := strings.LastIndexByte(s, '.') // never split a file extension off
	var b strings.Builder
	for i, r := range s {
		b.WriteString(template.HTMLEscapeString(string(r)))
		if r == '/' || r == '_' || (r == '.' && i != lastDot) {
			b.WriteString("<wbr>")
		}
	}
	return template.HTML(b.String())
}

type htmlWriter struct{}

var _ Writer = htmlWriter{}

func (htmlWriter) Write(w io.Writer, r *audit.Result) error {
	css, err := htmlFiles.ReadFile("html/report.css")
	if err != nil {
		return err
	}
	v := newHTMLView(r)
	v.CSS = template.CSS(css)
	return htmlTemplate().Execute(visibleWriter{w}, v)
}

// htmlView is everything the template shows, worked out in Go so the
// template only lays it out.
type htmlView struct {
	CSS       template.CSS
	Title     string
	Tool      string
	Version   string
	AuditedAt string
	Policies  []htmlPolicy
	Gate      string
	GateWord  string
	GateNote  string
	GateClass string
	Summary   audit.Summary
	Grids     []htmlGrid
	Artifacts []htmlArtifact
	// Apps lays the artifact sections out: one per cross-platform app
	// holding its platforms, the others alone (Name empty).
	Apps      []htmlApp
	DataItems []htmlDataItem
	Errors    []audit.InputError
	Waivers   []string
	Multi     bool
}

type htmlApp struct {
	Anchor    string
	Name      string
	Framework string
	Root      string
	Platforms string
	Artifacts []htmlArtifact
}

type htmlPolicy struct {
	*audit.Policy
	Identity string
}

type htmlGrid struct {
	Platform  string
	Label     string
	Columns   []htmlColumn
	Rows      []htmlGridRow
	Truncated int
}

type htmlColumn struct {
	Row    int
	Label  string
	Title  string
	Detail string
	Level  string
}

type htmlGridRow struct {
	Anchor string
	Name   string
	Path   string
	Cells  []htmlCell
}

type htmlCell struct {
	Verdict string
	Class   string
	Mark    string
	Title   string
}

type htmlArtifact struct {
	Anchor      string
	Name        string
	Path        string
	Kind        string
	Platform    string
	PlatformTag string
	SHA256      string
	Size        string
	App         audit.App
	Modules     []audit.Module
	// Group is the cross-platform app ("RnChat (React Native)"); Built,
	// FilesRead and Overrides say how its source project was read.
	Group       string
	Built       string
	FilesRead   []string
	Overrides   []string
	Matrix      []htmlMatrixRow
	Findings    []htmlFinding
	Permissions []htmlPermission
	Facts       []audit.Fact
	SDKs        []audit.DetectedSDK
	Errors      int
	Warnings    int
	Notes       int
	RowsMet     int
	Status      string
	StatusClass string
}

type htmlMatrixRow struct {
	audit.MatrixRow
	Class string
	Mark  string
}

type htmlFinding struct {
	audit.Finding
	RuleName string
	RuleHelp string
	Where    string
	// Suppressed is "waived" or "baseline"; SuppressedWhy says why.
	Suppressed    string
	SuppressedWhy string
}

type htmlPermission struct {
	audit.Permission
	Where  string
	Status string
}

type htmlDataItem struct {
	audit.DataItem
	Platforms string
}

// htmlGridLimit caps the artifacts a platform grid shows; a batch of
// hundreds still gets its full sections below.
const htmlGridLimit = 200

func newHTMLView(r *audit.Result) htmlView {
	arts := sortedArtifacts(r)
	v := htmlView{Tool: toolName(r.Tool), Version: r.Tool.Version, AuditedAt: auditTime(r),
		Summary: r.Summarize(), Errors: r.Errors, Gate: gateLine(r), Multi: len(arts) > 1}
	v.GateWord, v.GateNote, v.GateClass = gateBadge(r, v.Summary)
	switch len(arts) {
	case 0:
		v.Title = "Permission audit"
	case 1:
		v.Title = baseName(arts[0].Artifact.Path)
	default:
		v.Title = fmt.Sprintf("%d artifacts", len(arts))
	}
	for _, p := range r.Policies {
		v.Policies = append(v.Policies, htmlPolicy{Policy: p, Identity: policyIdentity(p)})
	}
	for i, a := range arts {
		v.Artifacts = append(v.Artifacts, newHTMLArtifact(i, a))
	}
	for n, b := range appBlocks(arts) {
		app := htmlApp{}
		if g := b.Group; g != nil {
			app = htmlApp{Anchor: fmt.Sprintf("app-%d", n+1), Name: g.Name, Framework: g.Framework, Root: g.Root,
				Platforms: b.platformsOf()}
		}
		for _, i := range b.Index {
			app.Artifacts = append(app.Artifacts, v.Artifacts[i])
		}
		v.Apps = append(v.Apps, app)
	}
	for _, pl := range audit.Platforms {
		if g, ok := newHTMLGrid(r, v.Artifacts, arts, pl); ok {
			v.Grids = append(v.Grids, g)
		}
	}
	v.DataItems = dataItems(r, arts)
	for _, u := range r.Waivers {
		v.Waivers = append(v.Waivers, waiverLine(u))
	}
	return v
}

// gateBadge is the masthead verdict: one word, what it rests on, a colour.
func gateBadge(r *audit.Result, s audit.Summary) (word, note, class string) {
	switch {
	case r.Failed():
		word, note, class = "Failed", "gate: fail on "+string(r.FailOn), "fail"
	case s.Unread > 0:
		word, note, class = "Incomplete", plural(s.Unread, "input")+" not read", "fail"
	case r.FailOn == "":
		word, note, class = "Report only", "gate: never fails", "warn"
		if s.Errors+s.Warnings == 0 {
			class = "pass"
		}
	default:
		word, note, class = "Passed", "gate: fail on "+string(r.FailOn), "pass"
		if s.Errors+s.Warnings > 0 {
			class = "warn"
		}
	}
	return word, note, class
}

// splitLabel parts "Device storage (READ_EXTERNAL_STORAGE)" into the
// title and the permission detail the grid shows in smaller type.
func splitLabel(label string) (title, detail string) {
	if i := strings.Index(label, " ("); i > 0 && strings.HasSuffix(label, ")") {
		return label[:i], label[i+2 : len(label)-1]
	}
	return label, ""
}

func newHTMLArtifact(i int, a audit.ArtifactResult) htmlArtifact {
	h := htmlArtifact{Anchor: fmt.Sprintf("artifact-%d", i+1), Name: baseName(a.Artifact.Path), Path: a.Artifact.Path,
		Kind: a.Artifact.Kind, Platform: a.Platform.Title(), PlatformTag: string(a.Platform),
		SHA256: a.Artifact.SHA256, App: a.App, Modules: a.Modules, Facts: a.Facts, SDKs: a.SDKs}
	if a.Artifact.Size > 0 {
		h.Size = humanSize(a.Artifact.Size)
	}
	h.Group = appName(a.Group)
	p := projectFactsOf(a)
	h.Built, h.FilesRead, h.Overrides = strings.Join(p.Variant, ", "), p.Files, p.Overrides
	h.Errors, h.Warnings, h.Notes = severityCounts(a)
	for _, m := range a.Matrix {
		if !rowFails(m) {
			h.RowsMet++
		}
		h.Matrix = append(h.Matrix, htmlMatrixRow{MatrixRow: m, Class: verdictClass(m.Verdict), Mark: verdictSymbol(m.Verdict)})
	}
	for _, f := range a.Findings {
		ri := ruleInfo(f.RuleID, f.Severity)
		h.Findings = append(h.Findings, htmlFinding{Finding: f, RuleName: ri.Short, RuleHelp: ri.Full, Where: findingPlace(a, f),
			Suppressed: suppressionLabel(f.Suppression), SuppressedWhy: suppressionText(f.Suppression)})
	}
	for _, p := range a.Permissions {
		hp := htmlPermission{Permission: p, Where: where(audit.Location{Entry: p.Entry, Line: p.Line}, p.Module)}
		switch {
		case p.Removed:
			hp.Status = "removed (tools:node=\"remove\")"
		case p.Misplaced != "":
			hp.Status = "ignored: inside <" + p.Misplaced + ">"
		case p.MaxSdkVersion > 0:
			hp.Status = fmt.Sprintf("up to API %d", p.MaxSdkVersion)
		}
		h.Permissions = append(h.Permissions, hp)
	}
	switch {
	case h.Errors > 0:
		h.Status, h.StatusClass = "Non-compliant", "fail"
	case h.Warnings > 0:
		h.Status, h.StatusClass = "Needs review", "warn"
	default:
		h.Status, h.StatusClass = "Compliant", "pass"
	}
	return h
}

// findingPlace names where the evidence is: the file (or the archive
// entry), the line, the module; "" for something that is not declared.
func findingPlace(a audit.ArtifactResult, f audit.Finding) string {
	if f.Location.Line == 0 && f.Location.Entry == "" && f.Module == "" {
		return ""
	}
	var parts []string
	if f.Module != "" {
		parts = append(parts, "module "+f.Module)
	}
	if f.Location.Entry != "" {
		parts = append(parts, f.Location.Entry)
	} else {
		parts = append(parts, baseName(a.Artifact.Path))
	}
	if f.Location.Line > 0 {
		parts = append(parts, "line "+strconv.Itoa(f.Location.Line))
	}
	return strings.Join(parts, ", ")
}

// newHTMLGrid lays one platform's policy rows (columns) against its
// artifacts (rows): the whole batch at a glance.
func newHTMLGrid(r *audit.Result, views []htmlArtifact, arts []audit.ArtifactResult, pl audit.Platform) (htmlGrid, bool) {
	g := htmlGrid{Platform: string(pl), Label: pl.Title()}
	for _, pol := range r.Policies {
		for _, req := range pol.Requirements(pl) {
			title, detail := splitLabel(req.Label)
			g.Columns = append(g.Columns, htmlColumn{Row: req.Row, Label: req.Label, Title: title, Detail: detail, Level: string(req.Level)})
		}
	}
	for i, a := range arts {
		if a.Platform != pl {
			continue
		}
		if len(g.Rows) == htmlGridLimit {
			g.Truncated++
			continue
		}
		row := htmlGridRow{Anchor: views[i].Anchor, Name: views[i].Name, Path: a.Artifact.Path}
		for _, m := range a.Matrix {
			title := m.Label + ": " + m.Verdict
			if m.Note != "" {
				title += " (" + m.Note + ")"
			}
			row.Cells = append(row.Cells, htmlCell{Verdict: m.Verdict, Class: verdictClass(m.Verdict), Mark: verdictSymbol(m.Verdict), Title: title})
		}
		g.Rows = append(g.Rows, row)
	}
	return g, len(g.Rows) > 0 && len(g.Columns) > 0
}

func verdictClass(v string) string {
	switch v {
	case audit.VerdictSatisfied:
		return "ok"
	case audit.VerdictMissing:
		return "missing"
	case audit.VerdictLimited:
		return "limited"
	case audit.VerdictViolation:
		return "violation"
	case audit.VerdictDeclared:
		return "declared"
	case audit.VerdictNotApplicable:
		return "na"
	}
	return "absent"
}

func verdictSymbol(v string) string {
	switch v {
	case audit.VerdictSatisfied:
		return "✓"
	case audit.VerdictMissing:
		return "✗"
	case audit.VerdictLimited:
		return "◐"
	case audit.VerdictViolation:
		return "⊘"
	case audit.VerdictDeclared:
		return "●"
	case audit.VerdictNotApplicable:
		return "○"
	}
	return "–"
}

// dataItems lists what the policies say is collected on the platforms
// this report covers.
func dataItems(r *audit.Result, arts []audit.ArtifactResult) []htmlDataItem {
	present := map[audit.Platform]bool{}
	for _, a := range arts {
		present[a.Platform] = true
	}
	var out []htmlDataItem
	for _, p := range r.Policies {
		for _, d := range p.DataItems {
			relevant := len(arts) == 0
			var names []string
			for _, pl := range d.Platforms {
				names = append(names, pl.Title())
				relevant = relevant || present[pl]
			}
			if relevant {
				out = append(out, htmlDataItem{DataItem: d, Platforms: strings.Join(names, ", ")})
			}
		}
	}
	return out
}
