// Package report writes an audit.Result in each output format. Every
// format is one file here and one entry in Formats; the CLI's --format
// help, its validation and the golden tests all read that list.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// Writer renders a result to w.
type Writer interface {
	Write(w io.Writer, r *audit.Result) error
}

// Format is one registered output format.
type Format struct {
	Name        string
	Description string
	Writer      Writer
}

// Formats is the registry of output formats, in help order.
var Formats = []Format{
	{Name: "table", Description: "policy matrix and findings per artifact, for terminals", Writer: tableWriter{}},
	{Name: "json", Description: "machine-readable report (schemaVersion 1, JSON Schema in the repo)", Writer: jsonWriter{}},
	{Name: "sarif", Description: "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers", Writer: sarifWriter{}},
	{Name: "junit", Description: "JUnit XML for Jenkins, GitLab and test dashboards (a testcase per policy row and rule)", Writer: junitWriter{}},
	{Name: "markdown", Description: "compact summary for pull-request comments (fits GitHub's comment limit)", Writer: markdownWriter{}},
	{Name: "html", Description: "self-contained page for auditors: matrix, findings, remediation, audit trail", Writer: htmlWriter{}},
	{Name: "jsonl", Description: "one line per artifact or unread input, each self-contained, for 'permaudit merge' and data pipelines", Writer: jsonlWriter{}},
	{Name: "csv", Description: "findings as CSV (RFC 4180) for spreadsheets", Writer: csvWriter{}},
}

// Names lists the registered format names.
func Names() []string {
	out := make([]string, len(Formats))
	for i, f := range Formats {
		out[i] = f.Name
	}
	return out
}

// Help lists the formats with their descriptions, one per line.
func Help() string {
	var b strings.Builder
	for _, f := range Formats {
		fmt.Fprintf(&b, "  %-9s %s\n", f.Name, f.Description)
	}
	return b.String()
}

// Lookup finds a format by name.
func Lookup(name string) (*Format, error) {
	for i := range Formats {
		if Formats[i].Name == name {
			return &Formats[i], nil
		}
	}
	return nil, fmt.Errorf("unsupported format %q (supported: %s)", name, strings.Join(Names(), ", "))
}

// sortedArtifacts returns the artifacts in path order without touching r.
func sortedArtifacts(r *audit.Result) []audit.ArtifactResult {
	out := append([]audit.ArtifactResult(nil), r.Artifacts...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Artifact.Path < out[j].Artifact.Path })
	return out
}
