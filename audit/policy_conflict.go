package audit

import (
	"fmt"
	"strings"
)

// Conflict is a row that requires or allows what another row forbids.
// permaudit never settles one: it reports it.
type Conflict struct {
	Platform Platform
	// Name is the permission both rows speak about, or "any of A, B" or
	// "category C" when the clash is about alternatives or a category.
	Name string
	// Level is what the first row says: required or optional.
	Level    Level
	Policy   string
	Row      int
	Label    string
	ByPolicy string // the policy whose row forbids it
	ByRow    int
	ByLabel  string
}

func (c Conflict) String() string {
	verb := "requires"
	if c.Level == LevelOptional {
		verb = "allows"
	}
	if c.Policy == c.ByPolicy {
		return fmt.Sprintf("row %d (%s) %s %s but row %d (%s) forbids it", c.Row, c.Label, verb, c.Name, c.ByRow, c.ByLabel)
	}
	return fmt.Sprintf("policy %s %s %s on %s (row %d: %s) but policy %s forbids it (row %d: %s)",
		c.Policy, verb, c.Name, c.Platform, c.Row, c.Label, c.ByPolicy, c.ByRow, c.ByLabel)
}

// Severity is error when a requirement clashes (no app can pass both
// policies) and warning when an allowance does (the forbidding one wins).
func (c Conflict) Severity() Severity {
	if c.Level == LevelRequired {
		return SeverityError
	}
	return SeverityWarning
}

// Conflicts lists the clashes between rows of different policies on one
// platform, in policy and row order.
func Conflicts(policies []*Policy, pl Platform, cs *Catalogs) []Conflict {
	var out []Conflict
	for i, a := range policies {
		for j, b := range policies {
			if i == j || a.ID == b.ID {
				continue
			}
			for _, ra := range a.Requirements(pl) {
				for _, rb := range b.Requirements(pl) {
					out = append(out, clash(a.ID, ra, b.ID, rb, cs)...)
				}
			}
		}
	}
	return out
}

// conflictsWithin lists clashes between rows of one policy.
func conflictsWithin(p *Policy, cs *Catalogs) []Conflict {
	var out []Conflict
	for _, pl := range Platforms {
		reqs := p.Requirements(pl)
		for _, a := range reqs {
			for _, b := range reqs {
				out = append(out, clash(p.ID, a, p.ID, b, cs)...)
			}
		}
	}
	return out
}

// clash reports what row a (required or optional) and row b (forbidden)
// disagree about, if their target ranges overlap.
func clash(pa string, a Requirement, pb string, b Requirement, cs *Catalogs) []Conflict {
	if a.Level == LevelForbidden || b.Level != LevelForbidden || !overlap(a.Match, b.Match) {
		return nil
	}
	forbids := func(name string) bool {
		for _, n := range append(append([]string{}, b.Match.AllOf...), b.Match.AnyOf...) {
			if n == name {
				return true
			}
		}
		return b.Match.AnyInCategory && cs.categoryOfName(a.Platform, name) == b.Category
	}
	var names []string
	for _, n := range a.Match.AllOf {
		if forbids(n) {
			names = append(names, n)
		}
	}
	if a.Level == LevelOptional {
		for _, n := range a.Match.AnyOf {
			if forbids(n) {
				names = append(names, n)
			}
		}
	} else if len(a.Match.AnyOf) > 0 && !a.Match.AnyInCategory {
		all := true
		for _, n := range a.Match.AnyOf {
			all = all && forbids(n)
		}
		if all {
			names = append(names, "any of "+strings.Join(a.Match.AnyOf, ", "))
		}
	}
	if a.Match.AnyInCategory && b.Match.AnyInCategory && a.Category == b.Category {
		names = append(names, "category "+a.Category)
	}
	out := make([]Conflict, 0, len(names))
	for _, n := range names {
		out = append(out, Conflict{Platform: a.Platform, Name: n, Level: a.Level,
			Policy: pa, Row: a.Row, Label: a.Label, ByPolicy: pb, ByRow: b.Row, ByLabel: b.Label})
	}
	return out
}

// overlap reports whether two rows' target ranges share a level.
func overlap(a, b *Match) bool {
	hi := func(m *Match) int {
		if m.MaxTarget == 0 {
			return 1 << 30
		}
		return m.MaxTarget
	}
	return a.MinTarget <= hi(b) && b.MinTarget <= hi(a)
}

// categoryOfName is the catalog category of a name in any form.
func (cs *Catalogs) categoryOfName(p Platform, name string) string {
	if e, ok := cs.LookupName(p, name); ok {
		return e.Category
	}
	return CategoryOther
}
