package audit

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// collectStates folds every counted declaration of a name into one state.
func collectStates(d Declaration) map[string]*PermissionState {
	out := map[string]*PermissionState{}
	unbounded := map[string]bool{}
	for _, p := range d.Permissions {
		if p.Removed || p.Misplaced != "" || p.Form == FormImplied {
			continue
		}
		s := out[p.Name]
		if s == nil {
			s = &PermissionState{Line: p.Line}
			out[p.Name] = s
		}
		s.Forms = addUnique(s.Forms, p.Form)
		if p.MaxSdkVersion == 0 {
			unbounded[p.Name] = true
		}
		s.MaxSdkVersion = max(s.MaxSdkVersion, p.MaxSdkVersion)
		if p.HasPurpose {
			s.Purposes = addUnique(s.Purposes, p.Purpose)
		}
		if p.Module != "" {
			s.Modules = addUnique(s.Modules, p.Module)
		}
		if u := p.UsedScene; u != nil && u.When != "" && s.When != "always" {
			s.When = u.When
		}
	}
	for name := range unbounded {
		out[name].MaxSdkVersion = 0
	}
	return out
}

// addUnique inserts v into the sorted set s.
func addUnique[T ~string](s []T, v T) []T {
	i := sort.Search(len(s), func(i int) bool { return s[i] >= v })
	if i < len(s) && s[i] == v {
		return s
	}
	return append(s[:i], append([]T{v}, s[i:]...)...)
}

// compareStates lists the attributes a reviewer cares about that differ:
// how it is declared, up to which Android level, and the text users see.
func compareStates(o, n *PermissionState) []FieldChange {
	var out []FieldChange
	add := func(field, a, b string) {
		if a != b {
			out = append(out, FieldChange{Field: field, Old: a, New: b})
		}
	}
	add("form", joinForms(o.Forms), joinForms(n.Forms))
	add("maxSdkVersion", maxSdkText(o.MaxSdkVersion), maxSdkText(n.MaxSdkVersion))
	add("purpose", purposeText(o.Purposes), purposeText(n.Purposes))
	add("usedScene.when", orNone(o.When), orNone(n.When))
	return out
}

// widening says how NEW requests a permission where OLD did not: on
// Android levels past a maxSdkVersion raised or dropped, or below 23 with
// <uses-permission> where only <uses-permission-sdk-23> was (which API 22
// and lower ignore; see developer.android.com/guide/topics/manifest/
// uses-permission-sdk-23-element) — counting only levels NEW installs on
// (minSdk, 1 when unknown); on HarmonyOS, usedScene.when "always" (in the
// background too) where it was "inuse" or unstated (see OpenHarmony's
// module.json5 reference, requestPermissions).
func widening(o, n *PermissionState, newMin int) string {
	newMin = max(newMin, 1)
	switch {
	case n.When == "always" && o.When != "always":
		return "now used in the background too (usedScene.when always)"
	case o.MaxSdkVersion > 0 && n.MaxSdkVersion == 0:
		return fmt.Sprintf("now requested on API %d and later too", max(o.MaxSdkVersion+1, newMin))
	case o.MaxSdkVersion > 0 && n.MaxSdkVersion > o.MaxSdkVersion:
		if lo := max(o.MaxSdkVersion+1, newMin); lo <= n.MaxSdkVersion {
			return "now requested on " + apiRange(lo, n.MaxSdkVersion) + " too"
		}
	case !slices.Contains(o.Forms, FormUsesPermission) && slices.Contains(o.Forms, FormUsesPermissionSdk23) &&
		slices.Contains(n.Forms, FormUsesPermission) && newMin <= 22:
		if newMin > 1 {
			return "now requested on " + apiRange(newMin, 22) + " too"
		}
		return "now requested on API 22 and lower too"
	}
	return ""
}

// apiRange writes "API 29" or "API 29–30".
func apiRange(lo, hi int) string {
	if lo == hi {
		return fmt.Sprintf("API %d", lo)
	}
	return fmt.Sprintf("API %d–%d", lo, hi)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func joinForms(fs []Form) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = string(f)
	}
	return strings.Join(parts, ", ")
}

func maxSdkText(n int) string {
	if n == 0 {
		return "none"
	}
	return strconv.Itoa(n)
}

func purposeText(ps []string) string {
	if len(ps) == 0 {
		return "none"
	}
	q := make([]string, len(ps))
	for i, p := range ps {
		q[i] = strconv.Quote(p)
	}
	return strings.Join(q, " | ")
}

// Sensitivity labels, one per platform's notion of a permission the user
// is asked about.
const (
	SensitiveDangerous      = "dangerous"         // Android protectionLevel dangerous
	SensitiveUserGrant      = "user_grant"        // HarmonyOS grantMode
	SensitiveManualSettings = "manual_settings"   // HarmonyOS grantMode
	SensitivePrivacy        = "privacy-sensitive" // an iOS purpose key
)

// sensitivity says whether the platform asks the user before granting the
// permission, from the catalog: Android's protection level (the base
// before "|instant" and other flags), HarmonyOS's grant mode, and on iOS
// every purpose-string key, since it exists to explain such a prompt.
func sensitivity(cs *Catalogs, p Platform, forms []Form, name string) string {
	for _, f := range forms {
		if p == IOS && f == FormUsageDescription {
			return SensitivePrivacy
		}
		e, ok := cs.ByPlatform[p].Lookup(f, name)
		if !ok {
			continue
		}
		if base, _, _ := strings.Cut(e.Protection, "|"); p == Android && base == "dangerous" {
			return SensitiveDangerous
		}
		if p == HarmonyOS && (e.GrantMode == SensitiveUserGrant || e.GrantMode == SensitiveManualSettings) {
			return e.GrantMode
		}
	}
	return ""
}

// categoryChanges lists categories present in one build only.
func categoryChanges(before, after map[string]*PermissionState, cs *Catalogs, p Platform) []CategoryDiff {
	cats := func(m map[string]*PermissionState) map[string][]string {
		out := map[string][]string{}
		for _, name := range slices.Sorted(maps.Keys(m)) {
			c := cs.Category(p, m[name].Forms[0], name)
			out[c] = append(out[c], name)
		}
		return out
	}
	b, a := cats(before), cats(after)
	out := []CategoryDiff{}
	for _, c := range slices.Sorted(maps.Keys(a)) {
		if _, ok := b[c]; !ok {
			out = append(out, CategoryDiff{Category: c, Change: ChangeGained, Permissions: a[c]})
		}
	}
	for _, c := range slices.Sorted(maps.Keys(b)) {
		if _, ok := a[c]; !ok {
			out = append(out, CategoryDiff{Category: c, Change: ChangeLost, Permissions: b[c]})
		}
	}
	return out
}

// unionKeys lists the names of either map, sorted.
func unionKeys(a, b map[string]*PermissionState) []string {
	seen := map[string]*PermissionState{}
	for k, v := range a {
		seen[k] = v
	}
	for k, v := range b {
		seen[k] = v
	}
	return slices.Sorted(maps.Keys(seen))
}
