package harmony

import (
	"sort"

	"github.com/permaudit/permaudit/audit"
)

// Facts are best-effort: a setting of an odd type is left out rather than
// failing the audit of the permissions beside it.

// backgroundModeFacts reports each ability's backgroundModes, the
// HarmonyOS analogue of iOS UIBackgroundModes.
func backgroundModeFacts(abilities field) []audit.Fact {
	list, err := abilities.array()
	if err != nil {
		return nil
	}
	var out []audit.Fact
	for _, ability := range list {
		name, ok := ability.get("name").scalar()
		if !ok {
			name = ability.path
		}
		modes := ability.get("backgroundModes")
		elems, err := modes.array()
		if err != nil {
			continue
		}
		for _, mode := range elems {
			if v, ok := mode.scalar(); ok {
				out = append(out, audit.Fact{Key: abilities.path + "." + name + ".backgroundModes", Value: v, Line: modes.line})
			}
		}
	}
	return out
}

// scalarFact reports a setting when it is present and a plain value.
func scalarFact(f field) []audit.Fact {
	if v, ok := f.scalar(); ok {
		return []audit.Fact{{Key: f.path, Value: v, Line: f.line}}
	}
	return nil
}

// sortFacts orders facts by key then value, then by where they were
// found, so output never depends on map order.
func sortFacts(facts []audit.Fact) {
	sort.SliceStable(facts, func(i, j int) bool {
		a, b := facts[i], facts[j]
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		if a.Value != b.Value {
			return a.Value < b.Value
		}
		if a.Entry != b.Entry {
			return a.Entry < b.Entry
		}
		return a.Line < b.Line
	})
}
