package report

import (
	"cmp"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// tableWriter is the terminal report: a policy matrix and a findings
// table per artifact, fitted to the terminal's width; quiet (--quiet)
// leaves out the policies, the artifacts and the waivers: unread inputs
// and the summary remain.
type tableWriter struct{ opts Options }

var _ Writer = tableWriter{}

func (t tableWriter) with(o Options) Writer { return tableWriter{opts: o} }

// Quiet marks the tables among outs for their quiet form (--quiet).
func Quiet(outs []Output) {
	for i := range outs {
		outs[i].Options.Quiet = true
	}
}

func (t tableWriter) Write(w io.Writer, r *audit.Result) error {
	if !t.opts.Quiet {
		if err := t.artifacts(w, r); err != nil {
			return err
		}
	}
	for _, e := range r.Errors {
		fmt.Fprintln(w)
		fitLine(w, "UNREAD "+audit.Visible(e.String()), t.opts.width())
	}
	if len(r.Waivers) > 0 && !t.opts.Quiet {
		fmt.Fprintln(w, "\nWaivers:")
		for _, u := range r.Waivers {
			fitLine(w, "  "+audit.Visible(waiverLine(u)), t.opts.width())
		}
	}
	s := r.Summarize()
	gate := gateLine(r)
	if t.opts.Color {
		gate = paintGate(gate, r.Failed() || len(r.Errors) > 0)
	}
	fmt.Fprintf(w, "\n%d artifact(s): %d error(s), %d warning(s), %d note(s)%s; %d input(s) unreadable. %s\n",
		s.Artifacts, s.Errors, s.Warnings, s.Notes, suppressedSummary(s), s.Unread, gate)
	return nil
}

func (t tableWriter) artifacts(w io.Writer, r *audit.Result) error {
	policyLines(w, r.Policies, t.opts.width())
	for _, a := range sortedArtifacts(r) {
		fmt.Fprintln(w)
		fitLine(w, audit.Visible(artifactHeading(a)), t.opts.width())
		for _, line := range projectLines(a) {
			fitLine(w, audit.Visible(line), t.opts.width())
		}
		if err := matrixTable(w, a, t.opts); err != nil {
			return err
		}
		if err := sdkTables(w, a, t.opts); err != nil {
			return err
		}
		if err := findingsTable(w, a, t.opts); err != nil {
			return err
		}
		if removed := removedList(a); removed != "" {
			fitLine(w, "Removed with tools:node=\"remove\" (not counted): "+audit.Visible(removed), t.opts.width())
		}
	}
	return nil
}

func policyLines(w io.Writer, pols []*audit.Policy, width int) {
	for _, p := range pols {
		line := "Policy: " + policyIdentity(p)
		if title := cmp.Or(p.Source.Title, p.Name); title != "" { // a policy without a source has no dash
			line += " — " + title
		}
		fitLine(w, audit.Visible(line), width)
	}
}

// fitLine writes a line of text wrapped to the terminal's width, as the
// tables' cells are, so a long path or title never runs past the edge.
func fitLine(w io.Writer, text string, width int) {
	for _, l := range wrapText(text, width) {
		fmt.Fprintln(w, l)
	}
}

func artifactHeading(a audit.ArtifactResult) string {
	parts := []string{a.Artifact.Path, "(" + a.Artifact.Kind + ", " + string(a.Platform) + ")"}
	if a.App.ID != "" {
		parts = append(parts, a.App.ID)
	}
	if a.App.Version != "" {
		parts = append(parts, a.App.Version)
	}
	if a.App.MinLevel != "" || a.App.TargetLevel != "" {
		parts = append(parts, fmt.Sprintf("min %s target %s", orDash(a.App.MinLevel), orDash(a.App.TargetLevel)))
	}
	return "== " + strings.Join(parts, " ")
}

func matrixTable(w io.Writer, a audit.ArtifactResult, o Options) error {
	if len(a.Matrix) == 0 {
		fmt.Fprintln(w, "No policy row applies to this platform.")
		return nil
	}
	g := grid{header: []string{"Category", "Policy row", "Level", "Declared", "Verdict"}}
	for _, m := range a.Matrix {
		verdict := m.Verdict
		if m.Note != "" {
			verdict += " (" + m.Note + ")"
		}
		g.rows = append(g.rows, visible(m.Category, m.Label, string(m.Level), orDash(shortNames(m.Declared)), verdict))
	}
	if o.Color {
		g.paint = paintColumn(4, paintVerdict)
	}
	return g.render(w, o.width())
}

func findingsTable(w io.Writer, a audit.ArtifactResult, o Options) error {
	if len(a.Findings) == 0 {
		fmt.Fprintln(w, "No findings.")
		return nil
	}
	g := grid{header: []string{"Severity", "Rule", "Permission", "Where", "Message"}}
	for _, f := range a.Findings {
		sev, msg := string(f.Severity), f.Message
		if f.Suppression != nil {
			sev += " (" + suppressionLabel(f.Suppression) + ")"
			msg += " — " + suppressionText(f.Suppression)
		}
		// The permission's prefix is dropped as in the matrix; the message
		// names it in full.
		g.rows = append(g.rows, visible(sev, f.RuleID, orDash(shortNames([]string{f.Permission})), orDash(where(f.Location, f.Module)), msg))
	}
	if o.Color {
		g.paint = paintColumn(0, paintSeverity)
	}
	return g.render(w, o.width())
}

// visible escapes every cell: names, entries and messages carry text
// from the input, which must not reach a terminal raw.
func visible(cells ...string) []string {
	for i, c := range cells {
		cells[i] = audit.Visible(c)
	}
	return cells
}

// visibleJoin escapes each item, then joins them: sep (a cell's line
// break, say) is the writer's, the items' own control characters are not.
func visibleJoin(items []string, sep string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = audit.Visible(s)
	}
	return strings.Join(out, sep)
}

// removedList names the permissions the manifest explicitly takes away,
// so a reader sees the absence was deliberate.
func removedList(a audit.ArtifactResult) string {
	var out []string
	for _, p := range a.Permissions {
		if p.Removed {
			item := p.Name
			if p.Line > 0 {
				item += " (line " + strconv.Itoa(p.Line) + ")"
			}
			out = append(out, item)
		}
	}
	return strings.Join(out, ", ")
}

func where(l audit.Location, module string) string {
	var parts []string
	if module != "" {
		parts = append(parts, module)
	}
	if l.Entry != "" {
		parts = append(parts, l.Entry)
	}
	if l.Line > 0 {
		parts = append(parts, "line "+strconv.Itoa(l.Line))
	}
	return strings.Join(parts, " ")
}

func shortNames(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.TrimPrefix(strings.TrimPrefix(n, "android.permission."), "ohos.permission.")
	}
	return strings.Join(out, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func gateLine(r *audit.Result) string {
	if len(r.Errors) > 0 {
		return "Audit incomplete: an input could not be read."
	}
	if r.FailOn == "" {
		return "Gate: never fails."
	}
	if r.Failed() {
		return fmt.Sprintf("Gate (fail on %s): FAILED.", r.FailOn)
	}
	return fmt.Sprintf("Gate (fail on %s): passed.", r.FailOn)
}
