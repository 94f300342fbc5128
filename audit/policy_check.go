package audit

import (
	"fmt"
	"sort"
)

// Problem is one reason a policy cannot be evaluated as written. Row,
// Platform, Field and Name say where, so a loader that knows the file can
// point at the line.
type Problem struct {
	Row      int      // 1-based; 0 for the policy itself
	Platform Platform // empty when the problem is not about one platform
	Field    string   // the key at fault, e.g. "category", "allOf"
	Name     string   // the permission or rule id at fault
	Message  string
}

func (pr Problem) String() string {
	where := ""
	if pr.Row > 0 {
		where = fmt.Sprintf("row %d", pr.Row)
		if pr.Platform != "" {
			where += " " + string(pr.Platform)
		}
		where += ": "
	}
	return where + pr.Message
}

// Check lists everything that makes the policy impossible to evaluate:
// unknown levels, categories, platforms, rule ids and permission names
// (with the closest known ones), empty or contradictory rows.
func (p *Policy) Check(cs *Catalogs) []Problem {
	var out []Problem
	if p.ID == "" {
		out = append(out, Problem{Field: "id", Message: "policy has no id (or name to derive one from)"})
	}
	out = append(out, p.checkSeverities()...)
	out = append(out, p.checkScope()...)
	for _, d := range p.DataItems {
		for _, pl := range d.Platforms {
			if !knownPlatform(pl) {
				out = append(out, Problem{Field: "dataItems", Name: string(pl), Message: fmt.Sprintf("data item %q: unknown platform %q", d.Item, pl)})
			}
		}
	}
	for i := range p.Rows {
		out = append(out, checkRow(i+1, &p.Rows[i], cs)...)
	}
	for _, c := range conflictsWithin(p, cs) {
		// Point at the later row: the one a reader added last.
		out = append(out, Problem{Row: max(c.Row, c.ByRow), Platform: c.Platform, Name: c.Name, Message: c.String()})
	}
	return out
}

func (p *Policy) checkSeverities() []Problem {
	var out []Problem
	ids := make([]string, 0, len(p.Severity))
	for id := range p.Severity {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if _, ok := Rule(id); !ok {
			out = append(out, Problem{Field: "severity", Name: id,
				Message: fmt.Sprintf("severity: unknown rule id %q%s", id, didYouMean(nonEmpty(SuggestWord(id, RuleIDs()))))})
		}
		if p.Severity[id].Rank() == 0 {
			out = append(out, Problem{Field: "severity", Name: id,
				Message: fmt.Sprintf("severity of %s: %q is not error, warning or note", id, p.Severity[id])})
		}
	}
	return out
}

// RuleIDs lists every rule id, in id order.
func RuleIDs() []string {
	out := make([]string, len(Rules))
	for i, r := range Rules {
		out[i] = r.ID
	}
	return out
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func knownPlatform(pl Platform) bool {
	for _, p := range Platforms {
		if p == pl {
			return true
		}
	}
	return false
}

func checkRow(n int, r *PolicyRow, cs *Catalogs) []Problem {
	var out []Problem
	bad := func(pl Platform, field, name, format string, args ...any) {
		out = append(out, Problem{Row: n, Platform: pl, Field: field, Name: name, Message: fmt.Sprintf(format, args...)})
	}
	switch r.Level {
	case LevelRequired, LevelOptional, LevelForbidden:
	default:
		bad("", "level", "", "unknown level %q (want required, optional or forbidden)", r.Level)
	}
	if !cs.KnownCategory(r.Category) {
		bad("", "category", "", "unknown category %q%s", r.Category, didYouMean(nonEmpty(SuggestWord(r.Category, cs.CategoryNames()))))
	}
	if r.Severity != "" && r.Severity.Rank() == 0 {
		bad("", "severity", "", "severity %q is not error, warning or note", r.Severity)
	}
	if len(r.Platforms) == 0 {
		bad("", "platforms", "", "names no platform")
	}
	for _, pl := range sortedPlatforms(r.Platforms) {
		m := r.Platforms[pl]
		if !knownPlatform(pl) {
			bad(pl, "platforms", "", "unknown platform %q (want android, ios or harmonyos)", pl)
			continue
		}
		if m == nil {
			bad(pl, "", "", "names no permission")
			continue
		}
		checkMatch(r, pl, m, cs, bad)
	}
	return out
}

func sortedPlatforms(m map[Platform]*Match) []Platform {
	out := make([]Platform, 0, len(m))
	for pl := range m {
		out = append(out, pl)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

type problemFunc func(pl Platform, field, name, format string, args ...any)

func checkMatch(r *PolicyRow, pl Platform, m *Match, cs *Catalogs, bad problemFunc) {
	named := len(m.AllOf) > 0 || len(m.AnyOf) > 0
	switch {
	case !named && !m.AnyInCategory && m.Implicit == "":
		bad(pl, "", "", "names no permission (give allOf, anyOf, a category or implicit)")
	case m.Implicit != "" && (named || m.AnyInCategory || len(m.Equivalents) > 0):
		bad(pl, "implicit", "", "implicit means nothing is declared; it cannot be combined with permission names")
	case m.Implicit != "" && r.Level != LevelRequired:
		bad(pl, "implicit", "", "implicit only makes sense on a required row, not %s", r.Level)
	}
	if len(m.Equivalents) > 0 && r.Level != LevelRequired {
		bad(pl, "equivalents", "", "equivalents only apply to required rows, not %s", r.Level)
	}
	if m.MinTarget < 0 || m.MaxTarget < 0 {
		bad(pl, "minTarget", "", "target levels cannot be negative")
	}
	if m.MaxTarget > 0 && m.MinTarget > m.MaxTarget {
		bad(pl, "maxTarget", "", "minTarget %d is above maxTarget %d: the row can never apply", m.MinTarget, m.MaxTarget)
	}
	seen := map[string]string{}
	checkName := func(field, name string) {
		if prev, dup := seen[name]; dup {
			bad(pl, field, name, "%s is listed twice (%s and %s)", name, prev, field)
			return
		}
		seen[name] = field
		if m.Custom {
			return
		}
		if _, ok := cs.LookupName(pl, name); ok {
			return
		}
		if other, ok := cs.OtherPlatform(pl, name); ok {
			bad(pl, field, name, "%q is a permission of %s, not of %s; list it under %s", name, other, pl, other)
			return
		}
		bad(pl, field, name, "unknown %s permission %q%s", pl, name, didYouMean(cs.Suggest(pl, name)))
	}
	for _, n := range m.AllOf {
		checkName("allOf", n)
	}
	for _, n := range m.AnyOf {
		checkName("anyOf", n)
	}
	for _, eq := range m.Equivalents {
		switch {
		case eq.FromTarget <= 0:
			bad(pl, "equivalents", "", "an equivalent needs fromTarget, the target level from which it counts")
		case m.MaxTarget > 0 && eq.FromTarget > m.MaxTarget:
			bad(pl, "equivalents", "", "equivalents from target %d never apply to a row that ends at target %d", eq.FromTarget, m.MaxTarget)
		}
		if len(eq.AnyOf) == 0 {
			bad(pl, "equivalents", "", "an equivalent names no permission")
		}
		for _, n := range eq.AnyOf {
			checkName("equivalents", n)
		}
	}
	if r.Level == LevelRequired && len(m.Equivalents) == 0 && m.MinTarget > 0 {
		for _, n := range m.AllOf {
			if e, ok := cs.LookupName(pl, n); ok && e.IneffectiveFromTarget > 0 && m.MinTarget >= e.IneffectiveFromTarget {
				bad(pl, "allOf", n, "%s has no effect from target %d on, so a row from target %d cannot require it; name what replaces it",
					n, e.IneffectiveFromTarget, m.MinTarget)
			}
		}
	}
}

// CategoryNames lists the category names, in list order.
func (cs *Catalogs) CategoryNames() []string {
	out := make([]string, len(cs.Categories))
	for i, c := range cs.Categories {
		out[i] = c.Name
	}
	return out
}

// CategoryTitle is a category's display title; the name when unknown.
func (cs *Catalogs) CategoryTitle(name string) string {
	for _, c := range cs.Categories {
		if c.Name == name {
			return c.Title
		}
	}
	return name
}
