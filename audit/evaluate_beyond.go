package audit

import (
	"fmt"
	"strings"
)

// countsForPolicy says which forms a policy speaks about: permissions,
// purpose keys, and iOS's background modes and entitlements, which a
// category row (location, health …) covers like the purpose keys.
func countsForPolicy(f Form) bool {
	switch f {
	case FormUsesPermission, FormUsesPermissionSdk23, FormImplied, FormUsageDescription, FormRequestPermission,
		FormBackgroundMode, FormEntitlement:
		return true
	}
	return false
}

func (e *evaluation) beyondPolicy(covered map[string]bool) {
	seen := map[string]bool{}
	own := e.ownPermissions()
	for i := range e.decl.Permissions {
		p := &e.decl.Permissions[i]
		if p.Removed || p.Misplaced != "" || !countsForPolicy(p.Form) || covered[p.Name] || seen[p.Name] || own[p.Name] || len(e.present[p.Name]) == 0 {
			continue
		}
		seen[p.Name] = true
		what := "declared"
		if p.Form == FormImplied {
			what = "implied (" + p.Reason + ")"
		}
		sev, cost := e.userCost(p)
		e.add(Finding{RuleID: RuleBeyondPolicy, Severity: sev,
			Message:     fmt.Sprintf("%s (%s, %s) is %s but the policy neither requires nor allows it", p.Name, p.Category, cost, what),
			Remediation: "Remove the permission if the app does not need it, or add it to the policy with the reason it is collected.",
		}, e.first(p.Name))
	}
}

// ownPermissions are the permissions the app defines itself with
// <permission> (C2D_MESSAGE and the like): using them asks the user for
// nothing, so they are never beyond a policy.
func (e *evaluation) ownPermissions() map[string]bool {
	out := map[string]bool{}
	for _, f := range e.decl.Facts {
		if f.Key == "permission.declared" {
			out[f.Value] = true
		}
	}
	return out
}

// userCost grades a permission by what it costs the user, as the platform
// ranks it: a runtime prompt (Android dangerous, HarmonyOS user_grant or
// manual_settings, an iOS purpose key) is a warning; an install-time
// grant (Android normal, HarmonyOS system_grant) and iOS background modes
// and entitlements, whose data access the purpose keys gate, are notes.
// Unknown names stay warnings. A policy's severity override still wins.
func (e *evaluation) userCost(p *Permission) (Severity, string) {
	entry, ok := e.cs.ByPlatform[e.decl.Platform].Lookup(p.Form, p.Name)
	switch {
	case p.Form == FormUsageDescription:
		return SeverityWarning, "purpose key"
	case p.Form == FormBackgroundMode:
		return SeverityNote, "background mode"
	case p.Form == FormEntitlement:
		return SeverityNote, "entitlement"
	case !ok:
		return SeverityWarning, "not in the catalog"
	case e.decl.Platform == HarmonyOS && entry.GrantMode == "system_grant":
		return SeverityNote, "system_grant"
	case e.decl.Platform == HarmonyOS:
		return SeverityWarning, entry.GrantMode
	case hasProtection(entry.Protection, "dangerous"):
		return SeverityWarning, "runtime"
	case hasProtection(entry.Protection, "normal"):
		return SeverityNote, "install-time"
	}
	if entry.Protection == "" {
		return SeverityWarning, "protection unknown"
	}
	return SeverityWarning, entry.Protection
}

func hasProtection(level, flag string) bool {
	for _, f := range strings.Split(level, "|") {
		if f == flag {
			return true
		}
	}
	return false
}
