package audit

import (
	"fmt"
	"strings"
)

// RuleBackgroundOnly: a background location permission declared without
// the foreground one it can only be granted after.
const RuleBackgroundOnly = "location-background-only"

// companions checks catalog pairs: a key or permission that the platform
// only accepts together with another one.
func (e *evaluation) companions() {
	for i := range e.decl.Permissions {
		p := &e.decl.Permissions[i]
		if p.Removed || p.Misplaced != "" || e.neverGranted(p) {
			continue
		}
		entry, ok := e.cs.ByPlatform[e.decl.Platform].Lookup(p.Form, p.Name)
		if !ok || !e.reached(entry.RequiresFrom) {
			continue
		}
		for _, need := range entry.Requires {
			if !e.companionPresent(need, p.Module) {
				e.missingCompanion(p, entry, need, need)
			}
		}
		if len(entry.RequiresAnyOf) > 0 && !e.anyCompanionPresent(entry.RequiresAnyOf, p.Module) {
			e.missingCompanion(p, entry, entry.RequiresAnyOf[0], strings.Join(entry.RequiresAnyOf, " or "))
		}
	}
}

// reached reports whether the app is at or past a catalog level: its
// target level, or on iOS (no target in Info.plist) its deployment
// target. No level, or an unknown app level, counts as reached.
func (e *evaluation) reached(level string) bool {
	if level == "" {
		return true
	}
	app := e.target
	if e.decl.Platform == IOS {
		app = ParseLevel(IOS, e.decl.App.MinLevel)
	}
	return app == 0 || app >= ParseLevel(e.decl.Platform, level)
}

func (e *evaluation) missingCompanion(p *Permission, entry *CatalogEntry, first, want string) {
	rule := entry.RequiresRule
	if rule == "" {
		rule = RulePurposeMissing
	}
	for _, f := range e.findings {
		if f.RuleID == rule && f.Permission == first && f.Module == p.Module {
			return // one missing key is one finding, however many keys need it
		}
	}
	where := ""
	if p.Module != "" && e.decl.Platform == IOS {
		where = " in " + p.Module
	}
	why := "the platform requires both"
	switch {
	case len(entry.RequiresAnyOf) > 0:
		why = "the platform never grants it alone"
	case entry.RequiresFrom != "":
		why = fmt.Sprintf("from %s the platform requires both", levelName(e.decl.Platform, entry.RequiresFrom))
		if entry.Deprecated != "" {
			why = fmt.Sprintf("from %s the platform ignores %s without it, so the app cannot ask for this permission", levelName(e.decl.Platform, entry.RequiresFrom), p.Name)
		}
	}
	e.add(Finding{RuleID: rule, Severity: RuleSeverity(rule), Permission: first,
		Message:     fmt.Sprintf("%s %s is declared%s but %s is absent; %s", formLabel(p.Form), p.Name, where, want, why),
		Remediation: Remediation(e.decl.Platform, first, e.cs),
	}, p)
}

func levelName(p Platform, level string) string {
	switch p {
	case IOS:
		return "iOS " + level
	case HarmonyOS:
		return "API version " + level
	}
	return "API " + level
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

func (e *evaluation) anyCompanionPresent(names []string, module string) bool {
	for _, n := range names {
		if e.companionPresent(n, module) {
			return true
		}
	}
	return false
}
