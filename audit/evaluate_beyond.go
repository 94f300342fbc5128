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

// RuleNoPermissionRows: no policy in use has a row for the artifact's
// platform, so none speaks about its permissions and beyond-policy is not
// reported.
const RuleNoPermissionRows = "policy-no-rows"

// claimants are the policies with at least one row for the platform. Only
// they speak about its permissions: a statement that lists data only, or a
// policy written for other platforms, requires, allows and forbids nothing
// here, so it cannot put a permission beyond the policy.
func claimants(policies []*Policy, pl Platform) []*Policy {
	var out []*Policy
	for _, p := range policies {
		if len(p.Requirements(pl)) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// beyondPolicy reports each permission no row of the claimants requires or
// allows. Without a claimant it says once why nothing is reported.
func (e *evaluation) beyondPolicy(covered map[string]bool) {
	by := claimants(e.policies, e.decl.Platform)
	unjudged := e.uncovered(covered)
	if len(by) == 0 {
		e.noPermissionRows(len(unjudged))
		return
	}
	for _, p := range unjudged {
		what := "declared"
		if p.Form == FormImplied {
			what = "implied (" + p.Reason + ")"
		}
		sev, cost := e.userCost(p)
		e.add(Finding{RuleID: RuleBeyondPolicy, Severity: sev,
			Message:     fmt.Sprintf("%s (%s, %s) is %s but %s", p.Name, p.Category, cost, what, neitherAllows(by)),
			Remediation: "Remove the permission if the app does not need it, or add it to the policy with the reason it is collected.",
		}, e.first(p.Name))
	}
}

// uncovered lists, once per name, the permissions the app asks for that no
// policy row covers, leaving out those it defines itself.
func (e *evaluation) uncovered(covered map[string]bool) []*Permission {
	var out []*Permission
	seen := map[string]bool{}
	own := e.ownPermissions()
	for i := range e.decl.Permissions {
		p := &e.decl.Permissions[i]
		if p.Removed || p.Misplaced != "" || !countsForPolicy(p.Form) || covered[p.Name] || seen[p.Name] || own[p.Name] || len(e.present[p.Name]) == 0 {
			continue
		}
		seen[p.Name] = true
		out = append(out, p)
	}
	return out
}

// neitherAllows names the policies a beyond-policy permission is beyond.
func neitherAllows(by []*Policy) string {
	if len(by) == 1 {
		return "the policy " + by[0].ID + " neither requires nor allows it"
	}
	return "the policies " + policyIDs(by) + " neither require nor allow it"
}

// policyIDs lists ids as "a", "a and b", "a, b and c".
func policyIDs(ps []*Policy) string {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	if len(ids) == 1 {
		return ids[0]
	}
	return strings.Join(ids[:len(ids)-1], ", ") + " and " + ids[len(ids)-1]
}

// noPermissionRows says, once, that the policies in use make no claim
// about this platform's permissions, so an auditor does not read the
// absence of beyond-policy as a pass. Silent when no policy applies at
// all (policy-sdk-absent says why) or the app asks for nothing.
func (e *evaluation) noPermissionRows(unjudged int) {
	if len(e.policies) == 0 || unjudged == 0 {
		return
	}
	pl := e.decl.Platform
	has := "has"
	if len(e.policies) > 1 {
		has = "have"
	}
	e.add(Finding{RuleID: RuleNoPermissionRows, Severity: SeverityNote,
		Message: fmt.Sprintf("%s %s no permission row for %s, so the %d permission(s) the app asks for were not compared with a policy and none is reported as beyond-policy",
			policyIDs(e.policies), has, pl.Title(), unjudged),
		Remediation: "Audit with a policy that lists the permissions for this platform as well (--policy, repeatable): a statement that lists only data needs a companion policy that grants the permissions its SDK uses.",
	}, nil)
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
