package audit

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

// settings checks facts against settingRules, once per rule and entry.
func (e *evaluation) settings() {
	seen := map[string]bool{}
	for _, f := range e.decl.Facts {
		for _, r := range settingRules {
			if r.platform != e.decl.Platform || f.Key != r.key || f.Value != r.value {
				continue
			}
			k := r.rule + "\x00" + f.Entry
			if seen[k] {
				continue
			}
			seen[k] = true
			e.add(Finding{RuleID: r.rule, Severity: SeverityWarning, Permission: f.Key,
				Message: r.message, Remediation: r.fix}, nil)
			last := &e.findings[len(e.findings)-1]
			last.Location.Entry, last.Location.Line = f.Entry, f.Line
		}
	}
}
