package audit

import (
	"fmt"
	"sort"
	"strings"
)

// Rule ids. They are a public contract: SARIF, baselines and waivers key on them.
const (
	RuleRequiredMissing   = "required-missing"
	RuleRequiredLimited   = "required-limited"
	RuleBeyondPolicy      = "beyond-policy"
	RuleOptionalDeclared  = "optional-declared"
	RuleForbiddenDeclared = "forbidden-declared"
	RulePurposeEmpty      = "purpose-string-empty"
	RulePurposeMissing    = "purpose-string-missing"
	RuleHarmonyReason     = "harmony-reason-missing"
	RuleHarmonyUsedScene  = "harmony-usedscene-missing"
	RuleHarmonyLocation   = "harmony-location-pair"
	RuleMisplaced         = "permission-misplaced"
	RuleIneffective       = "permission-ineffective"
	RuleHarmonyACL        = "harmony-acl-required"
	RulePolicyConflict    = "policy-conflict"
)

// evaluation carries one declaration through the rules.
type evaluation struct {
	decl     *Declaration
	cs       *Catalogs
	policies []*Policy
	min      int // lowest device level the app installs on; 1 when unknown
	target   int // 0 when unknown
	present  map[string][]*Permission
	// forbidden holds the names a forbidden row names explicitly: a
	// category-wide optional row does not cover them.
	forbidden map[string]bool
	// splitIn holds permissions the platform grants with declared ones.
	splitIn  map[string]EffectivePermission
	findings []Finding
	// rowFinding indexes row findings so two policies saying the same
	// thing give one finding naming both.
	rowFinding map[string]int
}

// Evaluate applies the policies to one declaration: it fills in each
// permission's category, works out the effective permissions at the app's
// target level, evaluates every policy row for the declaration's platform
// and runs the platform rules that need no policy.
func Evaluate(d Declaration, policies []*Policy, cs *Catalogs) ArtifactResult {
	d.Permissions = append([]Permission(nil), d.Permissions...)
	for i := range d.Permissions {
		p := &d.Permissions[i]
		p.Category = cs.Category(d.Platform, p.Form, p.Name)
	}
	found := detectAndAttribute(&d, policies)
	policies, outOfScope := scopePolicies(policies, found, d.CodeScanned)
	e := &evaluation{decl: &d, cs: cs, policies: policies, min: 1, present: map[string][]*Permission{},
		forbidden: map[string]bool{}, rowFinding: map[string]int{}}
	if n := LevelNumber(d.App.MinLevel); n > 0 {
		e.min = n
	}
	e.target = LevelNumber(d.App.TargetLevel)
	for i := range d.Permissions {
		p := &d.Permissions[i]
		if p.Removed || p.Misplaced != "" {
			continue
		}
		e.present[p.Name] = append(e.present[p.Name], p)
	}
	res := ArtifactResult{Declaration: d, SDKs: found}
	res.Effective = e.effective()
	e.notes()
	e.misplaced()
	e.companions()
	e.purposes()
	e.harmonyACL()
	e.settings()
	e.privacyManifests()
	for _, pol := range policies {
		for _, req := range pol.Requirements(d.Platform) {
			if req.Level == LevelForbidden && req.Match.AppliesTo(e.target) {
				for _, n := range append(append([]string{}, req.Match.AllOf...), req.Match.AnyOf...) {
					e.forbidden[n] = true
				}
			}
		}
	}
	covered := map[string]bool{}
	for _, pol := range policies {
		for _, req := range pol.Requirements(d.Platform) {
			res.Matrix = append(res.Matrix, e.row(pol, req, covered))
		}
	}
	res.Matrix = append(res.Matrix, e.outOfScope(outOfScope)...)
	e.conflicts()
	if len(policies) > 0 || len(outOfScope) == 0 {
		e.beyondPolicy(covered)
	}
	for i := range e.findings {
		e.findings[i].Fingerprint = e.findings[i].fingerprint(d.App.ID)
	}
	sortFindings(e.findings)
	res.Findings = e.findings
	if res.Findings == nil {
		res.Findings = []Finding{}
	}
	return res
}

// LevelNumber reads the leading number of a platform level ("34",
// "15.0", "12"); 0 when there is none.
func LevelNumber(s string) int {
	n := 0
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		if n > 1<<20 {
			return 0
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// add records a finding that no single policy row raised.
func (e *evaluation) add(f Finding, at *Permission) {
	f.Severity = e.severity(f.RuleID, f.Severity)
	e.put(f, at)
}

func (e *evaluation) put(f Finding, at *Permission) {
	f.Platform = e.decl.Platform
	f.Location = Location{File: e.decl.Artifact.Path}
	if at != nil {
		f.Location.Line, f.Location.Entry, f.Module = at.Line, at.Entry, at.Module
		if f.Permission == "" {
			f.Permission = at.Name
		}
		if f.Category == "" {
			f.Category = at.Category
		}
	}
	e.findings = append(e.findings, f)
}

// first returns the declared instance that reaches the most devices.
func (e *evaluation) first(name string) *Permission {
	var best *Permission
	for _, p := range e.present[name] {
		if best == nil || reach(p) > reach(best) {
			best = p
		}
	}
	return best
}

// reachFrom is the lowest device level that grants p: uses-permission-sdk-23
// is only requested from API 23 on.
func reachFrom(p *Permission) int {
	if p.Form == FormUsesPermissionSdk23 {
		return 23
	}
	return 1
}

// reach is the highest device level that grants p.
func reach(p *Permission) int {
	if p.MaxSdkVersion == 0 {
		return 1 << 30
	}
	return p.MaxSdkVersion
}

// notes turns what the parser noticed into findings.
func (e *evaluation) notes() {
	for _, n := range e.decl.Notes {
		f := Finding{RuleID: n.RuleID, Severity: n.Severity, Message: n.Message}
		e.add(f, nil)
		last := &e.findings[len(e.findings)-1]
		last.Location.Entry, last.Location.Line = n.Entry, n.Line
	}
}

func (e *evaluation) misplaced() {
	for i := range e.decl.Permissions {
		p := &e.decl.Permissions[i]
		if p.Misplaced == "" {
			continue
		}
		e.add(Finding{RuleID: RuleMisplaced, Severity: SeverityWarning,
			Message: fmt.Sprintf("<%s> %s is inside <%s>; the platform only reads it as a direct child of <manifest>, so it is not counted",
				p.Form, p.Name, p.Misplaced),
			Remediation: "Move the element up to be a direct child of <manifest>.",
		}, p)
	}
}

// companions checks catalog pairs: a key or permission that the platform
// only accepts together with another one.
func (e *evaluation) companions() {
	for i := range e.decl.Permissions {
		p := &e.decl.Permissions[i]
		if p.Removed || p.Misplaced != "" {
			continue
		}
		entry, ok := e.cs.ByPlatform[e.decl.Platform].Lookup(p.Form, p.Name)
		if !ok {
			continue
		}
		for _, need := range entry.Requires {
			if e.companionPresent(need, p.Module) {
				continue
			}
			rule := entry.RequiresRule
			if rule == "" {
				rule = RulePurposeMissing
			}
			where := ""
			if p.Module != "" && e.decl.Platform == IOS {
				where = " in " + p.Module
			}
			e.add(Finding{RuleID: rule, Severity: SeverityError, Permission: need,
				Message:     fmt.Sprintf("%s %s is declared%s but %s is absent; the platform requires both", formLabel(p.Form), p.Name, where, need),
				Remediation: Remediation(e.decl.Platform, need, e.cs),
			}, p)
		}
	}
}

// companionPresent says whether need is declared where it counts: on iOS
// each bundle (app, extension) has its own Info.plist, so the pair must be
// in the same module; elsewhere permissions apply to the whole app.
func (e *evaluation) companionPresent(need, module string) bool {
	for _, q := range e.present[need] {
		if e.decl.Platform != IOS || q.Module == module {
			return true
		}
	}
	return false
}

func formLabel(f Form) string {
	switch f {
	case FormBackgroundMode:
		return "UIBackgroundModes value"
	case FormUsageDescription:
		return "Info.plist key"
	}
	return string(f)
}

// purposes checks the user-facing texts stores demand.
func (e *evaluation) purposes() {
	for i := range e.decl.Permissions {
		p := &e.decl.Permissions[i]
		if p.Removed || p.Misplaced != "" {
			continue
		}
		switch {
		case p.Form == FormUsageDescription && p.HasPurpose && strings.TrimSpace(p.Purpose) == "":
			e.add(Finding{RuleID: RulePurposeEmpty, Severity: SeverityError,
				Message:     fmt.Sprintf("%s is present with an empty purpose string; App Store Connect rejects it (ITMS-90738)", p.Name),
				Remediation: fmt.Sprintf("Write the reason shown to the user: <key>%s</key><string>…why the app needs it…</string>", p.Name),
			}, p)
		case p.Form == FormRequestPermission:
			entry, ok := e.cs.ByPlatform[HarmonyOS].Lookup(p.Form, p.Name)
			if !ok || (entry.GrantMode != "user_grant" && entry.GrantMode != "manual_settings") {
				continue
			}
			if !p.HasPurpose || strings.TrimSpace(p.Purpose) == "" {
				e.add(Finding{RuleID: RuleHarmonyReason, Severity: SeverityError,
					Message:     fmt.Sprintf("%s is %s but has no reason; AppGallery requires one", p.Name, entry.GrantMode),
					Remediation: `Add "reason": "$string:<key>" to the requestPermissions entry and the text to string.json.`,
				}, p)
			}
			if p.UsedScene == nil || len(p.UsedScene.Abilities) == 0 && p.UsedScene.When == "" {
				e.add(Finding{RuleID: RuleHarmonyUsedScene, Severity: SeverityError,
					Message:     fmt.Sprintf("%s is %s but has no usedScene", p.Name, entry.GrantMode),
					Remediation: `Add "usedScene": {"abilities": ["EntryAbility"], "when": "inuse"} to the requestPermissions entry.`,
				}, p)
			}
		}
	}
}

// countsForPolicy says which forms are permissions a policy speaks about.
func countsForPolicy(f Form) bool {
	switch f {
	case FormUsesPermission, FormUsesPermissionSdk23, FormImplied, FormUsageDescription, FormRequestPermission:
		return true
	}
	return false
}

func (e *evaluation) beyondPolicy(covered map[string]bool) {
	seen := map[string]bool{}
	for i := range e.decl.Permissions {
		p := &e.decl.Permissions[i]
		if p.Removed || p.Misplaced != "" || !countsForPolicy(p.Form) || covered[p.Name] || seen[p.Name] {
			continue
		}
		seen[p.Name] = true
		msg := fmt.Sprintf("%s (%s) is declared but the policy neither requires nor allows it", p.Name, p.Category)
		if p.Form == FormImplied {
			msg = fmt.Sprintf("%s (%s) is implied (%s) but the policy neither requires nor allows it", p.Name, p.Category, p.Reason)
		}
		e.add(Finding{RuleID: RuleBeyondPolicy, Severity: SeverityWarning, Message: msg,
			Remediation: "Remove the permission if the app does not need it, or add it to the policy with the reason it is collected.",
		}, e.first(p.Name))
	}
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Severity.Rank() != b.Severity.Rank() {
			return a.Severity.Rank() > b.Severity.Rank()
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		if a.Permission != b.Permission {
			return a.Permission < b.Permission
		}
		if a.Module != b.Module {
			return a.Module < b.Module
		}
		return a.Location.Line < b.Location.Line
	})
}
