package audit

import (
	"fmt"
	"sort"
	"strings"
)

// effective works out what the platform grants at the app's target level
// (AOSP frameworks/base/data/etc/platform.xml <split-permission>; the
// Manifest.permission reference's "no effect from API N" notes), reports declarations without effect and
// records the split-in permissions a forbidden row must also catch. A
// declaration no supported device requests (maxSdkVersion below minSdk)
// grants nothing, so it brings no split-in permission either.
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
		if best == nil { // every declaration of it is capped below minSdk
			short, long, _ := e.cappedWhy(p)
			out = append(out, EffectivePermission{Name: p.Name, Category: p.Category, Why: WhyIneffective,
				Detail: "never granted: " + short})
			e.add(Finding{RuleID: RuleIneffective, Severity: SeverityNote,
				Message:     fmt.Sprintf("%s is declared %s: no device the app installs on requests it", p.Name, long),
				Remediation: removal(Android, p.Name)}, p)
			continue
		}
		ep := EffectivePermission{Name: p.Name, Category: best.Category, Why: WhyDeclared, Detail: e.reachText(best)}
		if best.Form == FormImplied {
			ep.Why, ep.Detail = WhyImplied, best.Reason
		}
		if flags := e.permissionFlags(p.Name); flags != "" {
			ep.Detail = strings.TrimPrefix(ep.Detail+"; usesPermissionFlags="+flags, "; ")
		}
		if from := e.ineffectiveFrom(p.Name); from > 0 && best.Requested().Hi >= from {
			ep.Why, ep.Detail = WhyIneffective, e.ineffectiveText(best, from)
			e.ineffective(best, from)
		}
		out = append(out, ep)
	}
	if e.decl.Platform == Android {
		for _, name := range sortedNames(e.present) {
			for _, sp := range SplitsFrom(name) {
				e.split(e.first(name), sp)
			}
		}
		for _, n := range sortedKeys(e.splitIn) {
			out = append(out, e.splitIn[n])
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// permissionFlags is the usesPermissionFlags the manifest asserts for
// name, such as neverForLocation on BLUETOOTH_SCAN or NEARBY_WIFI_DEVICES
// (developer.android.com/develop/connectivity/bluetooth/bt-permissions).
func (e *evaluation) permissionFlags(name string) string {
	for _, f := range e.decl.Facts {
		if f.Key == "usesPermissionFlags."+name {
			return f.Value
		}
	}
	return ""
}

func sortedNames(m map[string][]*Permission) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
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

// reachText says which supported device levels request a declaration,
// when that is not all of them.
func (e *evaluation) reachText(p *Permission) string {
	r := p.Requested()
	switch {
	case r == From(1):
		return ""
	case r.Lo > 1 && r.Hi < Open:
		return fmt.Sprintf("API %d to %d only", r.Lo, r.Hi)
	case r.Lo > 1:
		return fmt.Sprintf("from API %d", r.Lo)
	}
	return fmt.Sprintf("up to API %d (maxSdkVersion)", r.Hi)
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

// voidance is the device level from which a permission is no longer
// needed at the app's target level, and why, in words.
type voidance struct {
	from int
	why  string
}

// voidFrom is where coverage of a requirement stops mattering. Besides
// the catalog's level, scoped storage applies on API 29 to an app that
// targets 29 or later unless it sets requestLegacyExternalStorage, so
// WRITE_EXTERNAL_STORAGE grants nothing there either
// (developer.android.com/training/data-storage/use-cases#opt-out-scoped-storage).
func (e *evaluation) voidFrom(name string) voidance {
	if name == ap+"WRITE_EXTERNAL_STORAGE" && e.decl.Platform == Android && e.target >= 29 && !e.fact("application.requestLegacyExternalStorage", "true") {
		return voidance{29, fmt.Sprintf("no effect from API 29 at target %d (scoped storage, no requestLegacyExternalStorage)", e.target)}
	}
	if from := e.ineffectiveFrom(name); from > 0 {
		return voidance{from, fmt.Sprintf("no effect from API %d at target %d", from, e.target)}
	}
	return voidance{}
}

// fact reports whether the declaration states key=value.
func (e *evaluation) fact(key, value string) bool {
	for _, f := range e.decl.Facts {
		if f.Key == key && strings.EqualFold(f.Value, value) {
			return true
		}
	}
	return false
}

func (e *evaluation) ineffectiveText(p *Permission, from int) string {
	r := e.granted(p)
	if r.Lo >= from {
		return fmt.Sprintf("no effect: the app targets %d and the platform ignores it from %d on", e.target, from)
	}
	return fmt.Sprintf("no effect on API %d and later (the app targets %d); still granted on %s", from, e.target,
		LevelRange{r.Lo, from - 1}.String())
}

// ineffective reports a declaration that the target level voids on some
// or all of the devices it would reach.
func (e *evaluation) ineffective(p *Permission, from int) {
	msg := fmt.Sprintf("%s has no effect on API %d and later because the app targets %d", p.Name, from, e.target)
	fix := removal(e.decl.Platform, p.Name)
	switch lo := e.granted(p).Lo; {
	case lo >= from:
		msg = fmt.Sprintf("%s has no effect: the app targets %d and installs on API %d and later, where the platform ignores it", p.Name, e.target, lo)
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
