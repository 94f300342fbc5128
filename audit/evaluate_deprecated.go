package audit

import "fmt"

// deprecated notes declarations of permissions and keys the catalogs know
// the platform removed or deprecated (USE_FINGERPRINT, READ_PROFILE,
// NSLocationUsageDescription …). Where a stronger rule already speaks
// (no effect at the target level, a missing companion) or the app
// already limits the declaration to old levels (maxSdkVersion), or still
// supports the levels that need it (DeprecatedFrom), the note would only
// repeat it or blame the right idiom, so it stays quiet.
func (e *evaluation) deprecated() {
	seen := map[string]bool{}
	for i := range e.decl.Permissions {
		p := &e.decl.Permissions[i]
		if p.Removed || p.Misplaced != "" || p.Form == FormImplied || p.MaxSdkVersion > 0 || seen[p.Name] || len(e.present[p.Name]) == 0 {
			continue
		}
		entry, ok := e.cs.ByPlatform[e.decl.Platform].Lookup(p.Form, p.Name)
		if !ok || entry.Deprecated == "" || entry.IneffectiveFromTarget > 0 || entry.RequiresFrom != "" || !e.reached(entry.DeprecatedFrom) {
			continue
		}
		seen[p.Name] = true
		e.add(Finding{RuleID: RuleDeprecated, Severity: SeverityNote,
			Message:     fmt.Sprintf("%s is deprecated or removed: %s", p.Name, entry.Deprecated),
			Remediation: removal(e.decl.Platform, p.Name),
		}, p)
	}
}
