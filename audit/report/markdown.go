package report

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// Markdown for a pull-request comment: a headline, one summary row per
// artifact, then each artifact with problems in a collapsed block with its
// matrix and findings. GitHub refuses comments over 65,536 characters, so
// the writer keeps a budget: whatever does not fit is counted in a note
// that points at the full report instead of being cut mid-table.

// MarkdownLimit is the most bytes the Markdown report uses. Bytes are never
// fewer than the characters GitHub counts, and the margin leaves room for
// a bot to wrap the report in a few lines of its own.
const MarkdownLimit = 60000

type markdownWriter struct{}

var _ Writer = markdownWriter{}

func (markdownWriter) Write(w io.Writer, r *audit.Result) error {
	_, err := io.WriteString(w, renderMarkdown(r, MarkdownLimit))
	return err
}

// budget collects blocks while they fit in what is left.
type budget struct {
	b    strings.Builder
	left int
}

func (bu *budget) add(s string) bool {
	if len(s) > bu.left {
		return false
	}
	bu.b.WriteString(s)
	bu.left -= len(s)
	return true
}

func renderMarkdown(r *audit.Result, limit int) string {
	arts := sortedArtifacts(r)
	head := markdownHead(r)
	foot := markdownFoot(r)
	// The truncation note is reserved up front so it always fits.
	const noteRoom = 400
	bu := &budget{left: limit - len(head) - len(foot) - noteRoom}
	var omitted []string

	if len(arts) > 1 {
		bu.add(ruleSummary(arts))
	}
	// Summary table: problem artifacts first, so a long batch shows what
	// needs attention before the clean ones.
	order := append(problemArtifacts(arts), cleanArtifacts(arts)...)
	if len(order) > 0 {
		bu.add("| Artifact | Platform | App | Errors | Warnings | Notes | Policy rows met |\n|---|---|---|--:|--:|--:|--:|\n")
		shown := 0
		for _, a := range order {
			// Half the room at most goes to the summary, so some detail fits.
			if bu.left < limit/2 || !bu.add(summaryRow(a)) {
				break
			}
			shown++
		}
		if shown < len(order) {
			omitted = append(omitted, fmt.Sprintf("%d more artifact(s) in the summary table", len(order)-shown))
		}
		bu.add("\n")
	}
	if len(r.Errors) > 0 {
		if !bu.add(fmt.Sprintf("**%s could not be read:**\n\n", plural(len(r.Errors), "input"))) {
			omitted = append(omitted, plural(len(r.Errors), "unreadable input"))
		} else {
			for i, e := range r.Errors {
				if !bu.add("- " + mdInputError(e) + "\n") {
					omitted = append(omitted, plural(len(r.Errors)-i, "unreadable input"))
					break
				}
			}
			bu.add("\n")
		}
	}
	if len(r.Waivers) > 0 {
		var b strings.Builder
		b.WriteString("**Waivers:**\n\n")
		for _, u := range r.Waivers {
			b.WriteString("- " + mdText(waiverLine(u)) + "\n")
		}
		if !bu.add(b.String() + "\n") {
			omitted = append(omitted, plural(len(r.Waivers), "waiver"))
		}
	}
	problems := problemArtifacts(arts)
	shown := 0
details:
	for _, b := range appBlocks(problems) {
		for j, a := range b.Artifacts {
			block := artifactDetails(a)
			if j == 0 && b.Group != nil { // the heading goes with its first artifact
				block = appHeading(b.Group, arts) + block
			}
			if !bu.add(block) {
				break details
			}
			shown++
		}
	}
	if shown < len(problems) {
		omitted = append(omitted, fmt.Sprintf("details of %d artifact(s) with findings", len(problems)-shown))
	}
	if o := addSDKDetails(bu, cleanArtifacts(arts), shown == len(problems)); o != "" {
		omitted = append(omitted, o)
	}
	var out strings.Builder
	out.WriteString(head)
	out.WriteString(bu.b.String())
	if len(omitted) > 0 {
		out.WriteString("> [!NOTE]\n> Truncated to stay within GitHub's comment limit: " + strings.Join(omitted, "; ") +
			" not shown. The JSON, HTML and SARIF reports have everything.\n\n")
	}
	out.WriteString(foot)
	return out.String()
}

// ruleSummary counts findings by rule across the batch: the part of a
// long report that always fits and says the most.
func ruleSummary(arts []audit.ArtifactResult) string {
	type tally struct {
		sev               audit.Severity
		findings, touched int
	}
	counts := map[string]*tally{}
	var ids []string
	for _, a := range arts {
		seen := map[string]bool{}
		for _, f := range a.Findings {
			c := counts[f.RuleID]
			if c == nil {
				c = &tally{sev: f.Severity}
				counts[f.RuleID] = c
				ids = append(ids, f.RuleID)
			}
			c.findings++
			if !seen[f.RuleID] {
				seen[f.RuleID] = true
				c.touched++
			}
		}
	}
	if len(ids) == 0 {
		return ""
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := counts[ids[i]], counts[ids[j]]
		if a.sev.Rank() != b.sev.Rank() {
			return a.sev.Rank() > b.sev.Rank()
		}
		if a.findings != b.findings {
			return a.findings > b.findings
		}
		return ids[i] < ids[j]
	})
	var b strings.Builder
	b.WriteString("| Rule | Severity | Findings | Artifacts |\n|---|---|--:|--:|\n")
	for _, id := range ids {
		c := counts[id]
		fmt.Fprintf(&b, "| %s %s | %s %s | %d | %d |\n", mdCode(id), mdText(ruleInfo(id, c.sev).Short),
			severityMark(c.sev), c.sev, c.findings, c.touched)
	}
	return b.String() + "\n"
}

func markdownHead(r *audit.Result) string {
	s := r.Summarize()
	var b strings.Builder
	icon := "✅"
	switch {
	case r.Failed() || s.Unread > 0:
		icon = "❌"
	case s.Warnings > 0:
		icon = "⚠️"
	}
	fmt.Fprintf(&b, "## %s permaudit: %s, %s, %s, %s%s", icon, plural(s.Artifacts, "artifact"),
		plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Notes, "note"), suppressedSummary(s))
	if s.Unread > 0 {
		fmt.Fprintf(&b, ", %s unreadable", plural(s.Unread, "input"))
	}
	b.WriteString("\n\n")
	for _, p := range r.Policies {
		fmt.Fprintf(&b, "Policy: **%s** %s", mdText(p.Name), mdCode(p.ID))
		if p.Version != "" {
			fmt.Fprintf(&b, ", version %s", mdText(p.Version))
		}
		if p.EffectiveDate != "" {
			fmt.Fprintf(&b, ", effective %s", mdText(p.EffectiveDate))
		}
		b.WriteString(".\n")
	}
	fmt.Fprintf(&b, "%s\n\n", mdText(gateLine(r)))
	return b.String()
}

func markdownFoot(r *audit.Result) string {
	parts := []string{"Generated by " + mdText(toolIdentity(r.Tool)), "policy " + mdText(policiesIdentity(r.Policies))}
	if t := auditTime(r); t != "" {
		parts = append(parts, "audited "+t)
	}
	return "<sub>" + strings.Join(parts, " · ") + "</sub>\n"
}

// problemArtifacts are those with errors or warnings that count, or with
// a waived finding (a reviewer sees what was accepted, and why). Findings
// only in the baseline are old news: the head counts them.
func problemArtifacts(arts []audit.ArtifactResult) []audit.ArtifactResult {
	var out []audit.ArtifactResult
	for _, a := range arts {
		if e, w, _ := severityCounts(a); e+w > 0 || hasWaived(a) {
			out = append(out, a)
		}
	}
	return out
}

func cleanArtifacts(arts []audit.ArtifactResult) []audit.ArtifactResult {
	var out []audit.ArtifactResult
	for _, a := range arts {
		if e, w, _ := severityCounts(a); e+w == 0 && !hasWaived(a) {
			out = append(out, a)
		}
	}
	return out
}

func summaryRow(a audit.ArtifactResult) string {
	e, w, n := severityCounts(a)
	met := 0
	for _, m := range a.Matrix {
		if !rowFails(m) {
			met++
		}
	}
	app := mdCode(appLabel(a.App))
	if a.Group != nil {
		app += " " + mdText(appName(a.Group))
	}
	return fmt.Sprintf("| %s | %s | %s | %d | %d | %d | %d/%d |\n", mdCode(a.Artifact.Path), a.Platform,
		app, e, w, n, met, len(a.Matrix))
}

// appHeading opens the details of a cross-platform app's artifacts: its
// name, framework, root and every platform audited, clean ones included.
func appHeading(g *audit.AppGroup, arts []audit.ArtifactResult) string {
	for _, b := range appBlocks(arts) {
		if b.Group != nil && b.Group.Root == g.Root {
			return fmt.Sprintf("### App %s\n\nOne app under %s: %s.\n\n", mdText(appName(g)), mdCode(g.Root), b.platformsOf())
		}
	}
	return ""
}

func appLabel(app audit.App) string {
	return strings.TrimSpace(app.ID + " " + app.Version)
}

// artifactDetails is one artifact's collapsed block: identity, matrix, findings.
func artifactDetails(a audit.ArtifactResult) string {
	e, w, n := severityCounts(a)
	var b strings.Builder
	fmt.Fprintf(&b, "<details><summary><code>%s</code> — %s, %s, %s</summary>\n\n",
		htmlText(a.Artifact.Path), plural(e, "error"), plural(w, "warning"), plural(n, "note"))
	fmt.Fprintf(&b, "%s %s · %s", a.Platform, mdText(a.Artifact.Kind), mdCode(orDash(appLabel(a.App))))
	if a.Artifact.SHA256 != "" {
		fmt.Fprintf(&b, " · SHA-256 %s", mdCode(a.Artifact.SHA256))
	}
	b.WriteString("\n\n")
	if lines := buildLines(a); len(lines) > 0 {
		for _, l := range lines {
			b.WriteString(mdText(l) + "  \n") // a hard break: one fact a line
		}
		b.WriteString("\n")
	}
	if len(a.Matrix) > 0 {
		b.WriteString("| Policy row | Level | Declared | Verdict |\n|---|---|---|---|\n")
		for _, m := range a.Matrix {
			verdict := verdictMark(m) + " " + m.Verdict
			if m.Note != "" {
				verdict += " (" + m.Note + ")"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", mdText(m.Label), m.Level, mdText(orDash(shortNames(m.Declared))), mdText(verdict))
		}
		b.WriteString("\n")
	}
	b.WriteString(mdSDKTable(a))
	if len(a.Findings) > 0 {
		b.WriteString("| Severity | Rule | Where | Finding |\n|---|---|---|---|\n")
		for _, f := range a.Findings {
			sev, msg := string(f.Severity), f.Message
			if f.Suppression != nil {
				sev += " (" + suppressionLabel(f.Suppression) + ")"
				msg += " — " + suppressionText(f.Suppression)
			}
			fmt.Fprintf(&b, "| %s %s | %s | %s | %s |\n", severityMark(f.Severity), sev, mdCode(f.RuleID),
				mdText(orDash(evidence(f))), mdText(msg))
		}
		b.WriteString("\n")
	}
	b.WriteString("</details>\n\n")
	return b.String()
}

func verdictMark(m audit.MatrixRow) string {
	switch {
	case m.Verdict == audit.VerdictLimited:
		return "⚠️"
	case rowFails(m):
		return "❌"
	case m.Verdict == audit.VerdictSatisfied:
		return "✅"
	}
	return "➖"
}

func severityMark(s audit.Severity) string {
	switch s {
	case audit.SeverityError:
		return "🔴"
	case audit.SeverityWarning:
		return "🟠"
	}
	return "🔵"
}

// mdInputError is an unread input as a Markdown line: the path and entry
// as code, the message escaped.
func mdInputError(e audit.InputError) string {
	return mdCode(e.Path) + mdLocation(e) + ": " + mdText(e.Message)
}

func mdLocation(e audit.InputError) string {
	s := ""
	if e.Entry != "" {
		s += " entry " + mdCode(e.Entry)
	}
	if e.Line > 0 {
		s += " line " + strconv.Itoa(e.Line)
	}
	return s
}

// mdText escapes text for a Markdown table cell: GitHub renders inline
// HTML, so a message about <uses-permission> must not become a tag.
var mdReplacer = strings.NewReplacer(
	"\\", "\\\\", "|", "\\|", "*", "\\*", "_", "\\_", "`", "\\`", "[", "\\[", "]", "\\]",
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "\r\n", " ", "\n", " ", "\r", " ")

func mdText(s string) string { return mdReplacer.Replace(audit.Visible(s)) }

// mdCode writes a code span; pipes are escaped because GFM splits table
// cells before it reads code spans.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ReplaceAll(audit.Visible(s), "|", "\\|")
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

var htmlReplacer = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func htmlText(s string) string { return htmlReplacer.Replace(audit.Visible(s)) }
