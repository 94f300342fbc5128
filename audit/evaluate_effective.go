package audit

import (
	"fmt"
	"sort"
)

// effective works out what the platform grants at the app's target level
// (REFERENCE.md §9.3, §9.4), reports declarations without effect and
// records the split-in permissions a forbidden row must also catch.
func (e *evaluation) effective() []EffectivePermission {
	out := []EffectivePermission{}
	e.splitIn = map[string]EffectivePermission{}
	seen := map[string]bool{}
	for i := range e.decl.Permissions {
		p := &e.decl.Permissions[i]
		if p.Removed || p.Misplaced != "" || seen[p.Name] {
			continue
		}
		seen[p.Name] = true
		best := e.first(p.Name)
		ep := EffectivePermission{Name: p.Name, Category: best.Category, Why: WhyDeclared, Detail: reachText(best)}
		if best.Form == FormImplied {
			ep.Why, ep.Detail = WhyImplied, best.Reason
		}
		if from := e.ineffectiveFrom(p.Name); from > 0 && reach(best) >= from {
			ep.Why, ep.Detail = WhyIneffective, e.ineffectiveText(best, from)
			e.ineffective(best, from)
		}
		out = append(out, ep)
	}
	if e.decl.Platform == Android {
		for i := range e.decl.Permissions {
			p := &e.decl.Permissions[i]
			if p.Removed || p.Misplaced != "" {
				continue
			}
			for _, sp := range SplitsFrom(p.Name) {
				e.split(p, sp)
			}
		}
		for _, n := range sortedKeys(e.splitIn) {
			out = append(out, e.splitIn[n])
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// split records what one split grants with a declared permission.
func (e *evaluation) split(p *Permission, sp Split) {
	if sp.BelowTarget > 0 && (e.target == 0 || e.target >= sp.BelowTarget) {
		return
	}
	for _, to := range sp.To {
		if len(e.present[to]) > 0 || e.splitIn[to].Name != "" {
			continue
		}
		if from := e.ineffectiveFrom(to); from > 0 {
			continue // granted, but the target level voids it anyway
		}
		why := "always granted with " + short(p.Name)
		if sp.BelowTarget > 0 {
			why = fmt.Sprintf("granted with %s while the target level is below %d (the app targets %d)", short(p.Name), sp.BelowTarget, e.target)
		}
		e.splitIn[to] = EffectivePermission{Name: to, Category: e.cs.Category(Android, FormUsesPermission, to),
			Why: WhySplit, From: p.Name, Detail: why}
	}
}

func sortedKeys(m map[string]EffectivePermission) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// reachText says which device levels a declaration reaches, when limited.
func reachText(p *Permission) string {
	lo, hi := reachFrom(p), p.MaxSdkVersion
	switch {
	case lo > 1 && hi > 0:
		return fmt.Sprintf("API %d to %d only", lo, hi)
	case lo > 1:
		return fmt.Sprintf("from API %d", lo)
	case hi > 0:
		return fmt.Sprintf("up to API %d (maxSdkVersion)", hi)
	}
	return ""
}

// ineffectiveFrom is the device level from which the target level voids
// a permission, per the catalog; 0 when it keeps its effect.
func (e *evaluation) ineffectiveFrom(name string) int {
	entry, ok := e.cs.LookupName(e.decl.Platform, name)
	if !ok || e.target == 0 || entry.IneffectiveFromTarget == 0 || e.target < entry.IneffectiveFromTarget {
		return 0
	}
	return entry.IneffectiveFromTarget
}

func (e *evaluation) ineffectiveText(p *Permission, from int) string {
	if e.min >= from || reachFrom(p) >= from {
		return fmt.Sprintf("no effect: the app targets %d and the platform ignores it from %d on", e.target, from)
	}
	return fmt.Sprintf("no effect on API %d and later (the app targets %d); still granted on %s", from, e.target,
		levelRange(max(e.min, reachFrom(p)), from-1, horizon))
}

// ineffective reports a declaration that the target level voids on some
// or all of the devices it would reach.
func (e *evaluation) ineffective(p *Permission, from int) {
	msg := fmt.Sprintf("%s has no effect on API %d and later because the app targets %d", p.Name, from, e.target)
	fix := removal(e.decl.Platform, p.Name)
	switch {
	case e.min >= from || reachFrom(p) >= from:
		msg = fmt.Sprintf("%s has no effect: the app targets %d and installs on API %d and later, where the platform ignores it", p.Name, e.target, max(e.min, reachFrom(p)))
	case e.decl.Platform == Android:
		fix = fmt.Sprintf(`Limit it to the levels where it still works: <uses-permission android:name="%s" android:maxSdkVersion="%d" />`, p.Name, from-1)
	}
	e.add(Finding{RuleID: RuleIneffective, Severity: SeverityNote, Message: msg, Remediation: fix}, p)
}

// harmonyACL flags permissions above the normal APL: an app signed with
// the default (normal) APL only gets them through an ACL in its profile.
func (e *evaluation) harmonyACL() {
	if e.decl.Platform != HarmonyOS {
		return
	}
	seen := map[string]bool{}
	for i := range e.decl.Permissions {
		p := &e.decl.Permissions[i]
		if p.Removed || p.Form != FormRequestPermission || seen[p.Name] {
			continue
		}
		seen[p.Name] = true
		entry, ok := e.cs.ByPlatform[HarmonyOS].Lookup(p.Form, p.Name)
		if !ok || (entry.APL != "system_basic" && entry.APL != "system_core") {
			continue
		}
		e.add(Finding{RuleID: RuleHarmonyACL, Severity: SeverityWarning,
			Message: fmt.Sprintf("%s has APL %s; an app of normal APL (the default) only gets it through an ACL in its signing profile, otherwise installation or the grant fails",
				p.Name, entry.APL),
			Remediation: fmt.Sprintf("Apply for %s as an ACL permission in AppGallery Connect so the signing profile lists it under acls.allowed-acls, or remove it: %s",
				p.Name, removal(HarmonyOS, p.Name)),
		}, p)
	}
}
