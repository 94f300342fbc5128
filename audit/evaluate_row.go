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

// forbiddenFinding reports a forbidden name, declared or granted by a split.
func (e *evaluation) forbiddenFinding(pol *Policy, req Requirement, n string) {
	if at := e.first(n); at != nil {
		e.addFor(pol, req, Finding{RuleID: RuleForbiddenDeclared, Severity: SeverityError, Category: req.Category, Permission: n,
			Message:     fmt.Sprintf("%s is declared but policy %s forbids it (%s)", n, pol.ID, req.Label),
			Remediation: removal(e.decl.Platform, n),
		}, at)
		return
	}
	sp := e.splitIn[n]
	e.addFor(pol, req, Finding{RuleID: RuleForbiddenDeclared, Severity: SeverityError, Category: req.Category, Permission: n,
		Message: fmt.Sprintf("%s is not declared, but the platform grants it with %s (%s); policy %s forbids it (%s)",
			n, sp.From, sp.Detail, pol.ID, req.Label),
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

// horizon stands for "every later level" in coverage arithmetic.
const horizon = 1000

// requireName checks one permission a required row needs. It works out,
// level by level from the app's minSdk on, whether something covers the
// row: the permission itself (up to its maxSdkVersion, and only while the
// target level still lets it have effect), a declared equivalent the row
// accepts from some target level on, or nothing being needed at all (the
// permission stopped having effect and the row names no replacement).
func (e *evaluation) requireName(pol *Policy, req Requirement, name string) (string, string) {
	p := e.first(name)
	eqFrom, eqName := e.equivalentFrom(req.Match)
	ineff := e.ineffectiveFrom(name)
	replacedFrom := e.replacementFrom(req.Match)
	covered := func(level int) bool {
		switch {
		case p != nil && level >= reachFrom(p) && level <= reach(p) && (ineff == 0 || level < ineff):
			return true
		case eqFrom > 0 && level >= eqFrom:
			return true
		case ineff > 0 && level >= ineff && (replacedFrom == 0 || level < replacedFrom):
			return true
		}
		return false
	}
	// top stands for "every later level"; HarmonyOS NEXT spells levels
	// like 50000012, so it must never fall below the app's own minimum.
	top := max(horizon, e.min)
	var gaps []string
	for lo := e.min; lo <= top; lo++ {
		if covered(lo) {
			continue
		}
		hi := lo
		for hi+1 <= top && !covered(hi+1) {
			hi++
		}
		gaps = append(gaps, levelRange(lo, hi, top))
		lo = hi
	}
	if len(gaps) == 0 {
		return VerdictSatisfied, e.coverageNote(name, p, ineff, eqFrom, eqName)
	}
	if p == nil && eqName == "" {
		msg := fmt.Sprintf("%s is required by policy %s (%s) but not declared", name, pol.ID, req.Label)
		fix := Remediation(e.decl.Platform, name, e.cs)
		removed := e.removed(name)
		if removed != nil {
			msg = fmt.Sprintf("%s is required by policy %s (%s) but the manifest removes it with tools:node=\"remove\"", name, pol.ID, req.Label)
			fix = `Drop tools:node="remove" from this uses-permission.`
		}
		e.addFor(pol, req, Finding{RuleID: RuleRequiredMissing, Severity: SeverityError, Category: req.Category, Permission: name,
			Message: msg, Remediation: fix,
		}, removed)
		if removed != nil {
			return VerdictMissing, "removed by tools:node"
		}
		return VerdictMissing, ""
	}
	gap := strings.Join(gaps, " and ")
	var msg, fix string
	if p == nil {
		msg = fmt.Sprintf("%s is not declared; policy %s (%s) is met by %s only from API %d, so devices on %s lack it",
			name, pol.ID, req.Label, eqName, eqFrom, gap)
		fix = fmt.Sprintf(`Declare <uses-permission android:name="%s" android:maxSdkVersion="%d" /> for older devices.`, name, eqFrom-1)
	} else {
		msg = fmt.Sprintf("%s is declared with maxSdkVersion=%d, so nothing covers policy %s (%s) on %s",
			name, p.MaxSdkVersion, pol.ID, req.Label, gap)
		fix = fmt.Sprintf("Raise or drop android:maxSdkVersion on %s, or declare what replaces it on newer levels (%s).",
			name, strings.Join(e.replacementNames(req.Match), ", "))
	}
	e.addFor(pol, req, Finding{RuleID: RuleRequiredLimited, Severity: SeverityWarning, Category: req.Category, Permission: name,
		Message: msg, Remediation: strings.Replace(fix, " ().", ".", 1)}, p)
	return VerdictLimited, fmt.Sprintf("%s: not on %s", short(name), gap)
}

// coverageNote says why a required permission counts as covered when the
// answer is not simply "declared": a maxSdkVersion, the target level
// voiding it, an equivalent taking over.
func (e *evaluation) coverageNote(name string, p *Permission, ineff, eqFrom int, eqName string) string {
	if eqName == "" && ineff == 0 && (p == nil || p.MaxSdkVersion == 0) {
		return ""
	}
	var parts []string
	if p != nil {
		top := reach(p)
		if ineff > 0 && ineff-1 < top {
			top = ineff - 1
		}
		if top < horizon {
			parts = append(parts, fmt.Sprintf("%s up to API %d", short(name), top))
		} else {
			parts = append(parts, short(name))
		}
	}
	if ineff > 0 {
		what := "no effect"
		if p == nil {
			what = short(name) + " has no effect"
		}
		switch {
		case eqName != "":
			parts = append(parts, fmt.Sprintf("%s from API %d at target %d", what, ineff, e.target))
		default:
			parts = append(parts, fmt.Sprintf("%s from API %d at target %d, so nothing is needed there", what, ineff, e.target))
		}
	}
	if eqName != "" {
		parts = append(parts, fmt.Sprintf("%s from API %d", short(eqName), eqFrom))
	}
	return strings.Join(parts, "; ")
}

func levelRange(lo, hi, top int) string {
	switch {
	case hi >= top:
		return fmt.Sprintf("API %d and later", lo)
	case lo == hi:
		return fmt.Sprintf("API %d", lo)
	}
	return fmt.Sprintf("API %d to %d", lo, hi)
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
