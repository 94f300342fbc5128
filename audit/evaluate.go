package audit

import (
	"fmt"
	"sort"
	"strings"
)

// Rule ids. They are a public contract: SARIF, baselines and waivers key on them.
const (
	RuleRequiredMissing         = "required-missing"
	RuleRequiredLimited         = "required-limited"
	RuleBeyondPolicy            = "beyond-policy"
	RuleOptionalDeclared        = "optional-declared"
	RuleForbiddenDeclared       = "forbidden-declared"
	RulePurposeEmpty            = "purpose-string-empty"
	RulePurposeMissing          = "purpose-string-missing"
	RuleHarmonyReason           = "harmony-reason-missing"
	RuleHarmonyUsedScene        = "harmony-usedscene-missing"
	RuleHarmonyUsedSceneInvalid = "harmony-usedscene-invalid"
	RuleDeprecated              = "permission-deprecated"
	RuleHarmonyLocation         = "harmony-location-pair"
	RuleMisplaced               = "permission-misplaced"
	RuleIneffective             = "permission-ineffective"
	RuleHarmonyACL              = "harmony-acl-required"
	RulePolicyConflict          = "policy-conflict"
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
	policies = withAppID(policies, d.App.ID)
	e := &evaluation{decl: &d, cs: cs, policies: policies, min: 1, present: map[string][]*Permission{},
		forbidden: map[string]bool{}, rowFinding: map[string]int{}}
	if n := ParseLevel(d.Platform, d.App.MinLevel); n > 0 {
		e.min = n
	}
	e.target = ParseLevel(d.Platform, d.App.TargetLevel)
	for i := range d.Permissions {
		p := &d.Permissions[i]
		if p.Removed || p.Misplaced != "" || e.neverGranted(p) {
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
	e.deprecated()
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
	e.beyondPolicy(covered)
	for i := range e.findings {
		f := &e.findings[i]
		f.Fingerprint = Fingerprint(d.Platform, d.App.ID, f.RuleID, f.Category, f.Permission, f.Location.Entry)
	}
	sortFindings(e.findings)
	res.Findings = e.findings
	if res.Findings == nil {
		res.Findings = []Finding{}
	}
	return res
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
		if best == nil || p.Requested().Hi > best.Requested().Hi {
			best = p
		}
	}
	return best
}

// supported is the range of device levels the app installs on.
func (e *evaluation) supported() LevelRange { return From(e.min) }

// granted is the part of the supported levels on which p is requested.
func (e *evaluation) granted(p *Permission) LevelRange {
	return p.Requested().Intersect(e.supported())
}

// neverGranted: a maxSdkVersion below the app's minSdk leaves no device
// the app installs on that requests the permission; it counts as absent.
func (e *evaluation) neverGranted(p *Permission) bool {
	return e.decl.Platform == Android && p.Requested().CoversNone(e.supported())
}

// cappedWhy says why no supported device requests p: a maxSdkVersion
// below minSdk, or a <uses-permission-sdk-23> whose maxSdkVersion ends
// before API 23, the level from which that element applies (PackageParser
// skips it below 23 and above its maxSdkVersion). short fits a note, long
// follows "declared"; least is the smallest maxSdkVersion that would let
// a supported device request it.
func (e *evaluation) cappedWhy(p *Permission) (short, long string, least int) {
	if p.Form == FormUsesPermissionSdk23 && p.MaxSdkVersion < 23 {
		return fmt.Sprintf("uses-permission-sdk-23 applies from API 23, after its maxSdkVersion %d", p.MaxSdkVersion),
			fmt.Sprintf("as uses-permission-sdk-23 with maxSdkVersion=%d, which ends before API 23 where that element starts to apply", p.MaxSdkVersion),
			max(e.min, 23)
	}
	return fmt.Sprintf("maxSdkVersion %d is below minSdk %d", p.MaxSdkVersion, e.min),
		fmt.Sprintf("with maxSdkVersion=%d, below the app's minSdk %d", p.MaxSdkVersion, e.min), e.min
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
	e.usedSceneWhen()
}

// usedSceneWhen checks requestPermissions[].usedScene.when: "inuse" or
// "always", and not empty when present (OpenHarmony docs,
// security/AccessToken/declare-permissions.md, usedScene.when).
func (e *evaluation) usedSceneWhen() {
	for i := range e.decl.Permissions {
		p := &e.decl.Permissions[i]
		if p.Form != FormRequestPermission || p.UsedScene == nil || !p.UsedScene.HasWhen {
			continue
		}
		if w := p.UsedScene.When; w != "inuse" && w != "always" {
			e.add(Finding{RuleID: RuleHarmonyUsedSceneInvalid, Severity: SeverityError,
				Message:     fmt.Sprintf("%s has usedScene.when %q; it must be \"inuse\" or \"always\"", p.Name, w),
				Remediation: `Set "when": "inuse" (or "always" for use in the background) in the usedScene of this requestPermissions entry.`,
			}, p)
		}
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
