package audit

import "strings"

// Rules about settings (Facts) rather than permissions.
const (
	RuleATSArbitraryLoads = "ats-arbitrary-loads"
	RuleCleartextTraffic  = "cleartext-traffic"
	RuleDebuggableBuild   = "debuggable-build"
)

// settingRule flags one fact value. Data, so adding a check is one line.
type settingRule struct {
	platform Platform
	key      string
	value    string
	rule     string
	message  string
	fix      string
}

var settingRules = []settingRule{
	{IOS, "NSAppTransportSecurity.NSAllowsArbitraryLoads", "true", RuleATSArbitraryLoads,
		"App Transport Security is off for all connections (NSAllowsArbitraryLoads); personal data may travel in clear text, and App Review asks for a justification",
		"Remove NSAllowsArbitraryLoads and list only the domains that need it under NSExceptionDomains."},
	{Android, "application.usesCleartextTraffic", "true", RuleCleartextTraffic,
		`android:usesCleartextTraffic="true" lets the app send data over plain HTTP`,
		`Remove android:usesCleartextTraffic or use a network security config that allows clear text only for the domains that need it.`},
	{Android, "application.debuggable", "true", RuleDebuggableBuild,
		`android:debuggable="true": a debuggable build exposes the app's data to anyone with adb`,
		`Remove android:debuggable from the manifest and build the release variant (Gradle sets it per build type).`},
	{IOS, "get-task-allow", "true", RuleDebuggableBuild,
		"get-task-allow is true: the app is signed for development and a debugger can attach to it",
		"Export the IPA with a distribution (App Store or Ad Hoc) profile."},
	{HarmonyOS, "app.debug", "true", RuleDebuggableBuild,
		`"debug": true in the app configuration: a debug build`,
		"Build the release product (hvigor assembleApp with the release build mode)."},
}

// settings checks facts against settingRules: one finding per rule, at
// the first fact that shows it, naming every other place that shows it
// too (an IPA's code signature and its provisioning profile both say
// get-task-allow: one debug build, two pieces of evidence).
func (e *evaluation) settings() {
	for _, r := range settingRules {
		var hits []Fact
		for _, f := range e.decl.Facts {
			if r.platform == e.decl.Platform && f.Key == r.key && f.Value == r.value && !containsEntry(hits, f) {
				hits = append(hits, f)
			}
		}
		if len(hits) == 0 {
			continue
		}
		msg := r.message
		if len(hits) > 1 {
			var also []string
			for _, h := range hits[1:] {
				also = append(also, h.Entry)
			}
			msg += "; also stated in " + strings.Join(also, ", ")
		}
		e.add(Finding{RuleID: r.rule, Severity: SeverityWarning, Permission: r.key, Message: msg, Remediation: r.fix}, nil)
		last := &e.findings[len(e.findings)-1]
		last.Location.Entry, last.Location.Line = hits[0].Entry, hits[0].Line
	}
}

func containsEntry(fs []Fact, f Fact) bool {
	for _, x := range fs {
		if x.Entry == f.Entry {
			return true
		}
	}
	return false
}
