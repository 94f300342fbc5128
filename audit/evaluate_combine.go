package audit

import (
	"fmt"
	"strings"
)

// This file holds what changes when several policies apply at once:
// conflicts between them, severity overrides and merged findings.

// conflicts reports rows of different policies that cannot both hold.
func (e *evaluation) conflicts() {
	for _, c := range Conflicts(e.policies, e.decl.Platform, e.cs) {
		if !e.appliesBoth(c) {
			continue
		}
		name := c.Name
		if !strings.Contains(name, " ") {
			e.add(Finding{RuleID: RulePolicyConflict, Severity: c.Severity(), Permission: name,
				Category: e.cs.categoryOfName(e.decl.Platform, name),
				Message:  conflictMessage(c),
				Remediation: "Settle it in the policies: drop the requirement or the prohibition, or audit against one of them. " +
					"permaudit does not pick a winner.",
			}, e.first(name))
			continue
		}
		e.add(Finding{RuleID: RulePolicyConflict, Severity: c.Severity(), Permission: name, Message: conflictMessage(c),
			Remediation: "Settle it in the policies: drop the requirement or the prohibition, or audit against one of them."}, nil)
	}
}

func conflictMessage(c Conflict) string {
	if c.Level == LevelRequired {
		return c.String() + "; no app can satisfy both"
	}
	return c.String() + "; the prohibition wins"
}

// appliesBoth reports whether both rows of a conflict apply to this app.
func (e *evaluation) appliesBoth(c Conflict) bool {
	ok := func(id string, row int) bool {
		for _, p := range e.policies {
			if p.ID == id && row >= 1 && row <= len(p.Rows) {
				if m := p.Rows[row-1].Platforms[c.Platform]; m != nil {
					return m.AppliesTo(e.target)
				}
			}
		}
		return false
	}
	return ok(c.Policy, c.Row) && ok(c.ByPolicy, c.ByRow)
}

// severity applies the policies' overrides to a finding no single row
// raised: the strictest of what the policies say wins.
func (e *evaluation) severity(rule string, def Severity) Severity {
	out, set := Severity(""), false
	for _, p := range e.policies {
		s := def
		if o, ok := p.Severity[rule]; ok {
			s, set = o, true
		}
		if s.Rank() > out.Rank() {
			out = s
		}
	}
	if !set {
		return def
	}
	return out
}

// rowSeverity is a row finding's severity: the row's override, then the
// policy's override for the rule, then the rule's default.
func rowSeverity(pol *Policy, row *PolicyRow, rule string, def Severity) Severity {
	if row != nil && row.Severity != "" {
		return row.Severity
	}
	if s, ok := pol.Severity[rule]; ok {
		return s
	}
	return def
}

// addFor records a finding a policy row raised; the same finding from
// another policy's row is merged into the first, naming both policies.
func (e *evaluation) addFor(pol *Policy, req Requirement, f Finding, at *Permission) {
	f.Severity = rowSeverity(pol, req.PolicyRow, f.RuleID, f.Severity)
	mod := ""
	if at != nil {
		mod = at.Module
	}
	key := strings.Join([]string{f.RuleID, f.Permission, mod}, "\x00")
	if i, dup := e.rowFinding[key]; dup {
		prev := &e.findings[i]
		prev.Message += fmt.Sprintf("; policy %s says so too (%s)", pol.ID, req.Label)
		if f.Severity.Rank() > prev.Severity.Rank() {
			prev.Severity = f.Severity
		}
		return
	}
	e.rowFinding[key] = len(e.findings)
	e.put(f, at)
}
