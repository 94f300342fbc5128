package audit

import (
	"fmt"
	"sort"
	"strings"
)

// row evaluates one policy row and marks the names it allows as covered.
func (e *evaluation) row(pol *Policy, req Requirement, covered map[string]bool) MatrixRow {
	m := req.Match
	mr := MatrixRow{Policy: pol.ID, Row: req.Row, Label: req.Label, Category: req.Category,
		Level: req.Level, Purpose: req.Purpose, Expected: append(append([]string{}, m.AllOf...), m.AnyOf...),
		Declared: []string{}}
	if !m.AppliesTo(e.target) {
		mr.Verdict = VerdictNotApplicable
		if e.target == 0 {
			mr.Note = "applies to " + m.TargetRange() + "; the app's target level is unknown"
		} else {
			mr.Note = fmt.Sprintf("applies to %s; the app targets %d", m.TargetRange(), e.target)
		}
		return mr
	}
	names := e.matching(req)
	if names != nil {
		mr.Declared = names
	}
	if req.Level != LevelForbidden {
		for _, n := range names {
			covered[n] = true
		}
		for _, n := range m.Names() {
			covered[n] = true
		}
	}
	switch req.Level {
	case LevelForbidden:
		mr.Verdict = VerdictAbsent
		for _, n := range names {
			covered[n] = true // reported as forbidden, not as beyond the policy
			mr.Verdict = VerdictViolation
			e.forbiddenFinding(pol, req, n)
		}
		for _, n := range e.splitMatches(req) {
			mr.Verdict = VerdictViolation
			mr.Declared = append(mr.Declared, n)
			e.forbiddenFinding(pol, req, n)
		}
	case LevelOptional:
		mr.Verdict = VerdictAbsent
		for _, n := range names {
			mr.Verdict = VerdictDeclared
			e.addFor(pol, req, Finding{RuleID: RuleOptionalDeclared, Severity: SeverityNote, Category: req.Category, Permission: n,
				Message: fmt.Sprintf("%s is declared; policy %s allows it as optional (%s: %s)", n, pol.ID, req.Label, req.Purpose),
			}, e.first(n))
		}
	default:
		mr.Verdict, mr.Note = e.required(pol, req, names)
	}
	return mr
}

// rowCitation quotes a policy row as its author wrote it: the label, and
// the purpose when there is one, so a forbidden permission's finding says
// why the policy forbids it.
func rowCitation(req Requirement) string {
	if req.Purpose == "" || req.Purpose == req.Label {
		return req.Label
	}
	return req.Label + ": " + req.Purpose
}

// forbiddenFinding reports a forbidden name, declared or granted by a split.
func (e *evaluation) forbiddenFinding(pol *Policy, req Requirement, n string) {
	if at := e.first(n); at != nil {
		e.addFor(pol, req, Finding{RuleID: RuleForbiddenDeclared, Severity: SeverityError, Category: req.Category, Permission: n,
			Message:     fmt.Sprintf("%s is declared but policy %s forbids it (%s)", n, pol.ID, rowCitation(req)),
			Remediation: removal(e.decl.Platform, n),
		}, at)
		return
	}
	sp := e.splitIn[n]
	e.addFor(pol, req, Finding{RuleID: RuleForbiddenDeclared, Severity: SeverityError, Category: req.Category, Permission: n,
		Message: fmt.Sprintf("%s is not declared, but the platform grants it with %s (%s); policy %s forbids it (%s)",
			n, sp.From, sp.Detail, pol.ID, rowCitation(req)),
		Remediation: fmt.Sprintf("Raise the target level past the split, or remove %s.", sp.From),
	}, e.first(sp.From))
}

// splitMatches lists the split-in permissions a forbidden row names.
func (e *evaluation) splitMatches(req Requirement) []string {
	var out []string
	for _, n := range append(append([]string{}, req.Match.AllOf...), req.Match.AnyOf...) {
		if _, ok := e.splitIn[n]; ok && len(e.present[n]) == 0 {
			out = append(out, n)
		}
	}
	if req.Match.AnyInCategory {
		for n, sp := range e.splitIn {
			if sp.Category == req.Category && len(e.present[n]) == 0 && !contains(out, n) {
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// matching lists the declared names that the row speaks about, sorted.
// Where another row forbids a name, the prohibition wins: an optional row
// does not count it, nor does a category-wide required row unless it
// names it ("location optional, background location forbidden").
func (e *evaluation) matching(req Requirement) []string {
	set := map[string]bool{}
	for _, n := range req.Match.Names() {
		if len(e.present[n]) > 0 {
			set[n] = true
		}
	}
	if req.Match.AnyInCategory {
		for n, ps := range e.present {
			if countsForPolicy(ps[0].Form) && ps[0].Category == req.Category {
				set[n] = true
			}
		}
	}
	if req.Level == LevelOptional {
		for n := range set {
			if e.forbidden[n] {
				delete(set, n)
			}
		}
	} else if req.Level == LevelRequired && req.Match.AnyInCategory {
		for n := range set {
			if e.forbidden[n] && !contains(req.Match.Names(), n) {
				delete(set, n)
			}
		}
	}
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// required decides a required row and records its findings.
func (e *evaluation) required(pol *Policy, req Requirement, declared []string) (string, string) {
	m := req.Match
	if m.Implicit != "" {
		return VerdictSatisfied, m.Implicit
	}
	verdict, notes := VerdictSatisfied, []string{}
	worsen := func(v string) {
		if v == VerdictMissing || verdict == VerdictSatisfied {
			verdict = v
		}
	}
	for _, n := range m.AllOf {
		v, note := e.requireName(pol, req, n)
		worsen(v)
		if note != "" {
			notes = append(notes, note)
		}
	}
	if len(m.AnyOf) > 0 || (m.AnyInCategory && len(m.AllOf) == 0) {
		if len(declared) == 0 {
			worsen(VerdictMissing)
			want := strings.Join(m.AnyOf, " or ")
			if want == "" {
				want = "a " + req.Category + " permission"
			}
			first := req.Category
			if len(m.AnyOf) > 0 {
				first = m.AnyOf[0]
			}
			e.addFor(pol, req, Finding{RuleID: RuleRequiredMissing, Severity: SeverityError, Category: req.Category, Permission: first,
				Message:     fmt.Sprintf("policy %s requires %s (%s) but none is declared", pol.ID, want, req.Label),
				Remediation: Remediation(e.decl.Platform, first, e.cs),
			}, nil)
		}
	}
	return verdict, strings.Join(notes, "; ")
}

// requireName checks one permission a required row needs. It works out
// which device levels from the app's minSdk on something covers the row:
// the permission itself (where it is requested and the target level still
// lets it have effect), a declared equivalent the row accepts from some
// target level on, or nothing being needed at all (the permission stopped
// having effect and the row names no replacement).
func (e *evaluation) requireName(pol *Policy, req Requirement, name string) (string, string) {
	p := e.first(name)
	eqFrom, eqName := e.equivalentFrom(req.Match)
	void := e.voidFrom(name)
	replacedFrom := e.replacementFrom(req.Match)
	var own, eq, unneeded LevelRange = LevelRange{1, 0}, LevelRange{1, 0}, LevelRange{1, 0}
	if p != nil {
		own = p.Requested()
		if void.from > 0 {
			own = own.Intersect(LevelRange{1, void.from - 1})
		}
	}
	if eqFrom > 0 {
		eq = From(eqFrom)
	}
	if void.from > 0 {
		unneeded = From(void.from)
		if replacedFrom > 0 {
			unneeded.Hi = replacedFrom - 1
		}
	}
	gaps := e.supported().Uncovered(own, eq, unneeded)
	if len(gaps) == 0 {
		return VerdictSatisfied, e.coverageNote(name, p, own, void, eqFrom, eqName)
	}
	if p == nil && eqName == "" {
		return e.requiredMissing(pol, req, name)
	}
	var words []string
	for _, g := range gaps {
		words = append(words, g.String())
	}
	gap := strings.Join(words, " and ")
	var msg, fix string
	if p == nil {
		msg = fmt.Sprintf("%s is not declared; policy %s (%s) is met by %s only from API %d, so devices on %s lack it",
			name, pol.ID, req.Label, eqName, eqFrom, gap)
		fix = fmt.Sprintf(`Declare <uses-permission android:name="%s" android:maxSdkVersion="%d" /> for older devices.`, name, eqFrom-1)
	} else {
		msg = fmt.Sprintf("%s %s, so nothing covers policy %s (%s) on %s",
			name, strings.Join(e.limits(p, void), " and "), pol.ID, req.Label, gap)
		fix = fmt.Sprintf("Raise or drop android:maxSdkVersion on %s, or declare what replaces it on newer levels (%s).",
			name, strings.Join(e.replacementNames(req.Match), ", "))
		if p.MaxSdkVersion == 0 && p.Form == FormUsesPermissionSdk23 {
			fix = fmt.Sprintf(`Declare it as <uses-permission android:name="%s" /> so devices below API 23 request it too.`, name)
		}
	}
	e.addFor(pol, req, Finding{RuleID: RuleRequiredLimited, Severity: SeverityWarning, Category: req.Category, Permission: name,
		Message: msg, Remediation: strings.Replace(fix, " ().", ".", 1)}, p)
	return VerdictLimited, fmt.Sprintf("%s: not on %s", short(name), gap)
}

// limits says in words why a declaration stops short: the true reasons,
// never a maxSdkVersion the manifest does not set.
func (e *evaluation) limits(p *Permission, void voidance) []string {
	var out []string
	if p.Form == FormUsesPermissionSdk23 && e.min < 23 {
		out = append(out, "is declared with <uses-permission-sdk-23>, which is only requested from API 23")
	}
	if p.MaxSdkVersion > 0 {
		out = append(out, fmt.Sprintf("is declared with maxSdkVersion=%d", p.MaxSdkVersion))
	}
	if void.from > 0 && p.Requested().Hi >= void.from {
		out = append(out, "has "+void.why)
	}
	return out
}

// requiredMissing reports a required permission nothing covers: not
// declared, removed with tools:node, or capped below the app's minSdk.
func (e *evaluation) requiredMissing(pol *Policy, req Requirement, name string) (string, string) {
	msg := fmt.Sprintf("%s is required by policy %s (%s) but not declared", name, pol.ID, req.Label)
	fix := Remediation(e.decl.Platform, name, e.cs)
	at, note := (*Permission)(nil), ""
	if capped := e.cappedBelowMin(name); capped != nil {
		short, long, least := e.cappedWhy(capped)
		at, note = capped, short
		msg = fmt.Sprintf("%s is required by policy %s (%s) but declared %s: no device the app installs on grants it",
			name, pol.ID, req.Label, long)
		fix = fmt.Sprintf(`Drop android:maxSdkVersion or raise it to at least %d: <uses-permission android:name="%s" />`, least, name)
	} else if removed := e.removed(name); removed != nil {
		at, note = removed, "removed by tools:node"
		msg = fmt.Sprintf("%s is required by policy %s (%s) but the manifest removes it with tools:node=\"remove\"", name, pol.ID, req.Label)
		fix = `Drop tools:node="remove" from this uses-permission.`
	}
	e.addFor(pol, req, Finding{RuleID: RuleRequiredMissing, Severity: SeverityError, Category: req.Category, Permission: name,
		Message: msg, Remediation: fix,
	}, at)
	return VerdictMissing, note
}

// coverageNote says why a required permission counts as covered when the
// answer is not simply "declared": a maxSdkVersion, the target level
// voiding it, an equivalent taking over.
func (e *evaluation) coverageNote(name string, p *Permission, own LevelRange, void voidance, eqFrom int, eqName string) string {
	sup := e.supported()
	own = own.Intersect(sup)
	if eqName == "" && void.from == 0 && (p == nil || own == sup) {
		return ""
	}
	var parts []string
	if p != nil {
		switch {
		case own == sup:
			parts = append(parts, short(name))
		case own.Lo > sup.Lo && own.Hi < Open:
			parts = append(parts, fmt.Sprintf("%s on API %d to %d", short(name), own.Lo, own.Hi))
		case own.Lo > sup.Lo:
			parts = append(parts, fmt.Sprintf("%s from API %d", short(name), own.Lo))
		case own.Hi < Open:
			parts = append(parts, fmt.Sprintf("%s up to API %d", short(name), own.Hi))
		default:
			parts = append(parts, short(name))
		}
	}
	if void.from > 0 {
		what := void.why
		if p == nil {
			what = short(name) + " has " + void.why
		}
		if eqName == "" {
			what += ", so nothing is needed there"
		}
		parts = append(parts, what)
	}
	if eqName != "" {
		parts = append(parts, fmt.Sprintf("%s from API %d", short(eqName), eqFrom))
	}
	return strings.Join(parts, "; ")
}

// replacementFrom is the lowest target level from which the row accepts
// equivalents for this app, declared or not; 0 when none applies.
func (e *evaluation) replacementFrom(m *Match) int {
	best := 0
	for _, eq := range m.Equivalents {
		if e.target != 0 && e.target < eq.FromTarget {
			continue
		}
		if best == 0 || eq.FromTarget < best {
			best = eq.FromTarget
		}
	}
	return best
}

func (e *evaluation) replacementNames(m *Match) []string {
	var out []string
	for _, eq := range m.Equivalents {
		out = append(out, eq.AnyOf...)
	}
	return out
}

// equivalentFrom returns the lowest level from which a declared equivalent
// takes over, and its name; 0 when none applies to this app.
func (e *evaluation) equivalentFrom(m *Match) (int, string) {
	best, name := 0, ""
	for _, eq := range m.Equivalents {
		if e.target != 0 && e.target < eq.FromTarget {
			continue
		}
		for _, n := range eq.AnyOf {
			if len(e.present[n]) > 0 && (best == 0 || eq.FromTarget < best) {
				best, name = eq.FromTarget, n
				break
			}
		}
	}
	return best, name
}

func short(name string) string {
	if i := strings.LastIndex(name, "."); i >= 0 {
		return name[i+1:]
	}
	return name
}

// cappedBelowMin returns a declaration of name that no supported device
// requests because its maxSdkVersion is below the app's minSdk.
func (e *evaluation) cappedBelowMin(name string) *Permission {
	for i := range e.decl.Permissions {
		if p := &e.decl.Permissions[i]; p.Name == name && !p.Removed && p.Misplaced == "" && e.neverGranted(p) {
			return p
		}
	}
	return nil
}

// removed returns the tools:node="remove" entry for name, if any, so a
// finding can point at the line that took the permission away.
func (e *evaluation) removed(name string) *Permission {
	for i := range e.decl.Permissions {
		if p := &e.decl.Permissions[i]; p.Removed && p.Name == name {
			return p
		}
	}
	return nil
}
