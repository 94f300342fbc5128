package audit

import (
	"fmt"
	"strings"
)

// maxUnreadNamed caps the unreadable manifests a message names.
const maxUnreadNamed = 3

// manifestsRead sums up an .ipa's privacy manifests for the data-type
// check: the collected types they declare, the app's own manifest (the
// shortest path) and the manifests that could not be read.
type manifestsRead struct {
	declared map[string]bool
	app      string
	unread   []string
}

func (e *evaluation) readManifests() manifestsRead {
	m := manifestsRead{declared: map[string]bool{}}
	shortest := func(entry string) {
		if m.app == "" || len(entry) < len(m.app) {
			m.app = entry
		}
	}
	for _, f := range e.decl.Facts {
		if t, ok := strings.CutPrefix(f.Key, "privacy.collected."); ok {
			m.declared[t] = true
		}
		if strings.HasPrefix(f.Key, "privacy.") {
			shortest(f.Entry)
		}
	}
	for _, s := range e.decl.Signals {
		if s.Kind == SignalIOSPrivacyManifestUnread {
			m.unread = append(m.unread, s.Entry)
			shortest(s.Entry)
		}
	}
	return m
}

// subject is who fails to declare a type: every manifest, or, when some
// could not be read, every manifest that could.
func (m manifestsRead) subject() string {
	if len(m.unread) == 0 {
		return "no privacy manifest in the app"
	}
	return "no privacy manifest permaudit could read"
}

// unknown names the manifests that could not be read, which may declare
// what the others do not; "" when all were read.
func (m manifestsRead) unknown() string {
	if len(m.unread) == 0 {
		return ""
	}
	names, more := m.unread, ""
	if len(names) > maxUnreadNamed {
		names, more = names[:maxUnreadNamed], fmt.Sprintf(" and %d more", len(m.unread)-maxUnreadNamed)
	}
	noun := "privacy manifest"
	if len(m.unread) > 1 {
		noun += "s"
	}
	return fmt.Sprintf("; %d %s could not be read (%s%s), so whether the app declares it is unknown",
		len(m.unread), noun, strings.Join(names, ", "), more)
}

// collectedDataTypes reports each collected data type a policy's data
// item maps to that no manifest of the .ipa declares. Every manifest
// counts: Xcode combines them into the app's privacy report.
func (e *evaluation) collectedDataTypes(ap *applePrivacy) {
	m := e.readManifests()
	reported := map[string]bool{}
	for _, pol := range e.policies {
		for _, it := range pol.DataItems {
			if !hasPlatform(it.Platforms, IOS) {
				continue
			}
			for _, r := range ap.DataTypesFor(it.Item) {
				key := pol.ID + "\x00" + strings.Join(r.AnyOf, "|")
				if anyDeclared(m.declared, r.AnyOf) || reported[key] {
					continue
				}
				reported[key] = true
				remedy := fmt.Sprintf("Add an NSPrivacyCollectedDataTypes entry for %s, with its purposes, to PrivacyInfo.xcprivacy (the app's, or the SDK's own).", r.AnyOf[0])
				if len(m.unread) > 0 {
					remedy = "Make the unreadable privacy manifests valid property lists (ios-privacy-manifest-invalid); if none then declares it, " +
						strings.ToLower(remedy[:1]) + remedy[1:]
				}
				e.add(Finding{RuleID: RulePrivacyDataMissing, Severity: SeverityWarning, Category: "privacy-manifest",
					Permission: r.AnyOf[0],
					Message: fmt.Sprintf("policy %s says %q is collected, but %s declares %s (%s)%s",
						pol.ID, it.Item, m.subject(), strings.Join(r.AnyOf, " or "), r.Why, m.unknown()),
					Remediation: remedy,
				}, nil)
				e.findings[len(e.findings)-1].Location.Entry = m.app
			}
		}
	}
}

func anyDeclared(declared map[string]bool, types []string) bool {
	for _, t := range types {
		if declared[t] {
			return true
		}
	}
	return false
}
