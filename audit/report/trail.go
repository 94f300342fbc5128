package report

import (
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/permaudit/permaudit/audit"
)

// The audit trail every format carries: which tool, which policy, which
// bytes, and — only when the run asked for one — when. Keeping these in
// one place keeps the formats saying the same thing.

// policyIdentity names a policy the way an auditor cites it: id, version
// and effective date, e.g. "easemob-im 2024-11-01 (effective 2024-11-01)".
func policyIdentity(p *audit.Policy) string {
	s := p.ID
	if p.Version != "" {
		s += " " + p.Version
	}
	if p.EffectiveDate != "" {
		s += " (effective " + p.EffectiveDate + ")"
	}
	return s
}

// policiesIdentity joins every policy's identity; most runs have one.
func policiesIdentity(pols []*audit.Policy) string {
	ids := make([]string, len(pols))
	for i, p := range pols {
		ids[i] = policyIdentity(p)
	}
	return strings.Join(ids, "; ")
}

// toolIdentity is "permaudit v1.2.3".
func toolIdentity(t audit.Tool) string {
	name := t.Name
	if name == "" {
		name = "permaudit"
	}
	if t.Version == "" {
		return name
	}
	return name + " " + t.Version
}

// auditTime is the RFC 3339 UTC time of the audit, "" when timestamps are off.
func auditTime(r *audit.Result) string {
	if r.Time.IsZero() {
		return ""
	}
	return r.Time.UTC().Format(time.RFC3339)
}

// baseName is the artifact's file name, whatever separator its path uses.
func baseName(p string) string {
	return path.Base(filepath.ToSlash(p))
}

// humanSize renders a byte count for people, e.g. "1.2 MiB (1,234,567 bytes)".
func humanSize(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	units := []string{"KiB", "MiB", "GiB", "TiB"}
	v, u := float64(n)/1024, 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	return fmt.Sprintf("%.1f %s (%s bytes)", v, units[u], groupDigits(n))
}

func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// evidence says where a finding was declared: module, archive entry, line.
func evidence(f audit.Finding) string {
	return where(f.Location, f.Module)
}

// severityCounts counts one artifact's findings that count for the gate
// by severity.
func severityCounts(a audit.ArtifactResult) (errs, warns, notes int) {
	for _, f := range countedFindings(a.Findings) {
		switch f.Severity {
		case audit.SeverityError:
			errs++
		case audit.SeverityWarning:
			warns++
		case audit.SeverityNote:
			notes++
		}
	}
	return errs, warns, notes
}

// plural writes "1 error" / "2 errors".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// rowFindings returns the findings a policy matrix row produced: the
// row-level rules, in the row's category, about a permission the row names.
func rowFindings(a audit.ArtifactResult, m audit.MatrixRow) []audit.Finding {
	names := map[string]bool{m.Category: true}
	for _, n := range m.Expected {
		names[n] = true
	}
	for _, n := range m.Declared {
		names[n] = true
	}
	var out []audit.Finding
	for _, f := range a.Findings {
		if isRowRule(f.RuleID) && f.Category == m.Category && names[f.Permission] {
			out = append(out, f)
		}
	}
	return out
}

// isRowRule tells the rules the evaluator reports per policy row from the
// rules it runs on the declaration itself.
func isRowRule(id string) bool {
	switch id {
	case audit.RuleRequiredMissing, audit.RuleRequiredLimited, audit.RuleForbiddenDeclared, audit.RuleOptionalDeclared:
		return true
	}
	return false
}

// rowFails says whether a matrix verdict is a problem an auditor must act on.
func rowFails(m audit.MatrixRow) bool {
	switch m.Verdict {
	case audit.VerdictMissing, audit.VerdictLimited, audit.VerdictViolation:
		return true
	}
	return false
}

// ruleInfo documents a rule id; ids the catalogue does not know (parser
// observations) get a description built from the id and the severity seen.
func ruleInfo(id string, sev audit.Severity) audit.RuleInfo {
	if ri, ok := audit.Rule(id); ok {
		return ri
	}
	title := strings.ReplaceAll(id, "-", " ")
	if title != "" {
		title = strings.ToUpper(title[:1]) + title[1:]
	}
	return audit.RuleInfo{ID: id, Name: pascalCase(id), Severity: sev,
		Short: title,
		Full:  "An observation the input parser made while reading the artifact (" + id + "). The result's message explains it.",
		Help:  "Read the message: it names what the parser met and where. Rebuild or fix the artifact so the platform reads it the way the audit did.",
		Tags:  []string{"permissions", "parser"}}
}

func pascalCase(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// rulesInUse lists audit.Rules followed by any other rule id the findings
// carry, sorted, so every finding has documentation and a stable index.
func rulesInUse(r *audit.Result) []audit.RuleInfo {
	out := append([]audit.RuleInfo(nil), audit.Rules...)
	known := map[string]bool{}
	for _, ri := range out {
		known[ri.ID] = true
	}
	var extra []audit.RuleInfo
	for _, a := range sortedArtifacts(r) {
		for _, f := range a.Findings {
			if !known[f.RuleID] {
				known[f.RuleID] = true
				extra = append(extra, ruleInfo(f.RuleID, f.Severity))
			}
		}
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i].ID < extra[j].ID })
	return append(out, extra...)
}
