package audit

import (
	"sort"
	"strings"
)

// allForms lets a policy name match a catalog entry whatever form the
// entry is restricted to: a policy names keys, not declarations.
var allForms = []Form{"", FormUsesPermission, FormUsesPermissionSdk23, FormImplied, FormUsageDescription,
	FormBackgroundMode, FormEntitlement, FormRequestPermission}

// LookupName finds a catalog entry by name alone, in any form.
func (cs *Catalogs) LookupName(p Platform, name string) (*CatalogEntry, bool) {
	c := cs.ByPlatform[p]
	for _, f := range allForms {
		if e, ok := c.Lookup(f, name); ok {
			return e, true
		}
	}
	return nil, false
}

// Suggest returns the catalog names closest to an unknown one on a
// platform: the same last segment in another spelling or namespace
// first, then small typos.
func (cs *Catalogs) Suggest(p Platform, name string) []string {
	return cs.suggestOn(p, name)
}

// OtherPlatform names the platform whose catalog knows a name that p's
// does not, so a name written under the wrong platform is pointed out.
func (cs *Catalogs) OtherPlatform(p Platform, name string) (Platform, bool) {
	for _, other := range Platforms {
		if other == p {
			continue
		}
		if _, ok := cs.LookupName(other, name); ok {
			return other, true
		}
	}
	return "", false
}

func (cs *Catalogs) suggestOn(p Platform, name string) []string {
	c := cs.ByPlatform[p]
	if c == nil || name == "" {
		return nil
	}
	tail := strings.ToUpper(short(name))
	var same []string
	best, bestDist := []string{}, maxTypo(name)+1
	seen := map[string]bool{}
	for _, e := range c.Entries {
		if seen[e.Name] {
			continue
		}
		seen[e.Name] = true
		if strings.EqualFold(e.Name, name) || strings.ToUpper(short(e.Name)) == tail {
			same = append(same, e.Name)
			continue
		}
		d := editDistance(strings.ToLower(name), strings.ToLower(e.Name))
		if ds := editDistance(tail, strings.ToUpper(short(e.Name))); ds < d && len(tail) > 3 {
			d = ds
		}
		switch {
		case d < bestDist:
			best, bestDist = []string{e.Name}, d
		case d == bestDist:
			best = append(best, e.Name)
		}
	}
	if len(same) > 0 {
		sort.Strings(same)
		return same
	}
	sort.Strings(best)
	if len(best) > 3 {
		best = best[:3]
	}
	return best
}

// SuggestWord picks the closest of a few known words (keys, categories).
func SuggestWord(word string, known []string) string {
	best, bestDist := "", max(1, len(word)/3)+1
	for _, k := range known {
		if d := editDistance(strings.ToLower(word), strings.ToLower(k)); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// maxTypo is how far a spelling may stray and still be a typo.
func maxTypo(s string) int {
	if n := len(s) / 4; n > 2 {
		return n
	}
	return 2
}

// editDistance is the Levenshtein distance, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// didYouMean formats suggestions for an error message.
func didYouMean(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return "; did you mean " + strings.Join(s, " or ") + "?"
}
