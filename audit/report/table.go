package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/permaudit/permaudit/audit"
)

// tableWriter writes the table; quiet leaves out the policies, the
// artifacts and the waivers: unread inputs and the summary remain.
type tableWriter struct{ quiet bool }

var _ Writer = tableWriter{}

// Quiet swaps the table among outs for its quiet form (--quiet).
func Quiet(outs []Output) []Output {
	out := slices.Clone(outs)
	for i, o := range out {
		if o.Format.Name == "table" {
			quiet := *o.Format
			quiet.Writer = tableWriter{quiet: true}
			out[i].Format = &quiet
		}
	}
	return out
}

func (t tableWriter) Write(w io.Writer, r *audit.Result) error {
	if !t.quiet {
		if err := t.artifacts(w, r); err != nil {
			return err
		}
	}
	for _, e := range r.Errors {
		fmt.Fprintf(w, "\nUNREAD %s\n", audit.Visible(e.String()))
	}
	if len(r.Waivers) > 0 && !t.quiet {
		fmt.Fprintln(w, "\nWaivers:")
		for _, u := range r.Waivers {
			fmt.Fprintf(w, "  %s\n", audit.Visible(waiverLine(u)))
		}
	}
	s := r.Summarize()
	fmt.Fprintf(w, "\n%d artifact(s): %d error(s), %d warning(s), %d note(s)%s; %d input(s) unreadable. %s\n",
		s.Artifacts, s.Errors, s.Warnings, s.Notes, suppressedSummary(s), s.Unread, gateLine(r))
	return nil
}

func (tableWriter) artifacts(w io.Writer, r *audit.Result) error {
	policyLines(w, r.Policies)
	for _, a := range sortedArtifacts(r) {
		fmt.Fprintf(w, "\n%s\n", audit.Visible(artifactHeading(a)))
		for _, line := range projectLines(a) {
			fmt.Fprintln(w, audit.Visible(line))
		}
		if err := matrixTable(w, a); err != nil {
			return err
		}
		if err := sdkTables(w, a); err != nil {
			return err
		}
		if err := findingsTable(w, a); err != nil {
			return err
		}
		if removed := removedList(a); removed != "" {
			fmt.Fprintf(w, "Removed with tools:node=\"remove\" (not counted): %s\n", audit.Visible(removed))
		}
	}
	return nil
}

func policyLines(w io.Writer, pols []*audit.Policy) {
	for _, p := range pols {
		fmt.Fprintln(w, audit.Visible(fmt.Sprintf("Policy: %s %s (effective %s) — %s", p.ID, p.Version, p.EffectiveDate, p.Source.Title)))
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

func matrixTable(w io.Writer, a audit.ArtifactResult) error {
	if len(a.Matrix) == 0 {
		fmt.Fprintln(w, "No policy row applies to this platform.")
		return nil
	}
	t := newTable(w)
	t.Header("Category", "Policy row", "Level", "Declared", "Verdict")
	for _, m := range a.Matrix {
		verdict := m.Verdict
		if m.Note != "" {
			verdict += " (" + m.Note + ")"
		}
		if err := t.Append(visible(m.Category, m.Label, string(m.Level), orDash(shortNames(m.Declared)), verdict)); err != nil {
			return err
		}
	}
	return t.Render()
}

func findingsTable(w io.Writer, a audit.ArtifactResult) error {
	if len(a.Findings) == 0 {
		fmt.Fprintln(w, "No findings.")
		return nil
	}
	t := newTable(w)
	t.Header("Severity", "Rule", "Permission", "Where", "Message")
	for _, f := range a.Findings {
		sev, msg := string(f.Severity), f.Message
		if f.Suppression != nil {
			sev += " (" + suppressionLabel(f.Suppression) + ")"
			msg += " — " + suppressionText(f.Suppression)
		}
		if err := t.Append(visible(sev, f.RuleID, orDash(f.Permission), orDash(where(f.Location, f.Module)), msg)); err != nil {
			return err
		}
	}
	return t.Render()
}

// visible escapes every cell: names, entries and messages carry text
// from the input, which must not reach a terminal raw.
func visible(cells ...string) []string {
	for i, c := range cells {
		cells[i] = audit.Visible(c)
	}
	return cells
}

// newTable keeps rows readable in an 80–160 column terminal: long
// messages wrap at word boundaries instead of widening the table.
func newTable(w io.Writer) *tablewriter.Table {
	return tablewriter.NewTable(w,
		tablewriter.WithRowAutoWrap(tw.WrapNormal),
		tablewriter.WithRowMaxWidth(46))
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
