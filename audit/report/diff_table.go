package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// diffTableWriter is the terminal diff, its tables fitted to width.
type diffTableWriter struct{ opts Options }

var _ DiffWriter = diffTableWriter{}

func (t diffTableWriter) WriteDiff(w io.Writer, r *audit.DiffReport) error {
	policyLines(w, r.Policies, t.opts.width())
	for _, d := range r.Comparisons {
		// Paths, ids, names and purpose texts come from the inputs: every
		// one is escaped before it reaches the terminal.
		fmt.Fprintf(w, "\n== %s %s\nOLD %s\nNEW %s\n", d.Platform.Title(), audit.Visible(orDash(d.AppID)), audit.Visible(sideText(d.Old)), audit.Visible(sideText(d.New)))
		for _, n := range d.Notes {
			fmt.Fprintf(w, "Note: %s\n", audit.Visible(n))
		}
		if err := diffPermissionTable(w, d, t.opts.width()); err != nil {
			return err
		}
		for _, c := range d.Categories {
			fmt.Fprintf(w, "Category %s %s (%s)\n", c.Change, c.Category, audit.Visible(shortNames(c.Permissions)))
		}
		fmt.Fprintf(w, "%d permission(s) unchanged.\n", d.Unchanged)
	}
	for _, u := range r.Unpaired {
		fmt.Fprintf(w, "\nOnly in %s, not compared: %s %s\n", strings.ToUpper(u.Side), u.Platform.Title(),
			audit.Visible(sideText(audit.DiffSide{Artifacts: u.Artifacts})))
	}
	fmt.Fprintf(w, "\n%s %s\n", diffSummaryLine(r), diffGateLine(r))
	return nil
}

func diffPermissionTable(w io.Writer, d audit.PlatformDiff, width int) error {
	if len(d.Permissions) == 0 {
		fmt.Fprintln(w, "No permission added, removed or changed.")
		return nil
	}
	g := grid{header: []string{"Change", "Permission", "Category", "Sensitive", "Detail"}}
	for _, p := range d.Permissions {
		change := string(p.Change)
		switch {
		case p.Change == audit.ChangeAdded && p.Sensitive != "":
			change = "ADDED !" // what a reviewer must look at first
		case p.Widened != "" && p.Sensitive != "":
			change = "WIDENED !"
		case p.Widened != "":
			change = "widened"
		}
		g.rows = append(g.rows, visible(change, p.Name, p.Category, orDash(p.Sensitive), orDash(changeDetail(p))))
	}
	return g.render(w, width)
}
