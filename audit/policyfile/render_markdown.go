package policyfile

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// WriteMarkdown prints the policy as a Markdown document: the matrix in
// the shape of a privacy policy's permission table, then the checks.
func WriteMarkdown(w io.Writer, p *audit.Policy) error {
	fmt.Fprintf(w, "# %s (`%s`)\n\n", md(p.Name), p.ID)
	for _, kv := range header(p) {
		fmt.Fprintf(w, "- **%s:** %s\n", kv[0], md(kv[1]))
	}
	fmt.Fprintln(w, "\n## Permissions\n\n| # | Permission | Purpose | Platform | Level |\n| --- | --- | --- | --- | --- |")
	for i, r := range p.Rows {
		fmt.Fprintf(w, "| %d | %s | %s | %s | %s |\n", i+1, md(r.Label), md(orDash(r.Purpose)), platformList(r), md(levelText(r)))
	}
	fmt.Fprintln(w, "\n## How each row is checked\n\n| # | Platform | Category | Satisfied by |\n| --- | --- | --- | --- |")
	for i, r := range p.Rows {
		for _, pl := range audit.Platforms {
			if m := r.Platforms[pl]; m != nil {
				fmt.Fprintf(w, "| %d | %s | %s | %s |\n", i+1, pl.Title(), r.Category, md(MatchText(r.Level, r.Category, m)))
			}
		}
	}
	if len(p.DataItems) > 0 {
		fmt.Fprintln(w, "\n## Data the policy says is collected\n\n| Item | Platform | Purpose |\n| --- | --- | --- |")
		for _, d := range p.DataItems {
			fmt.Fprintf(w, "| %s | %s | %s |\n", md(d.Item), platformTitles(d.Platforms), md(orDash(d.Purpose)))
		}
	}
	return nil
}

// md escapes what would break a Markdown table cell.
func md(s string) string {
	s = strings.ReplaceAll(s, "\\", "\\\\")
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.ReplaceAll(s, "\n", " ")
}

// WriteJSON prints the policy as permaudit's JSON model, rows merged.
func WriteJSON(w io.Writer, p *audit.Policy) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(p)
}
