package audit

import (
	"fmt"
	"strings"
)

// Rule ids of the privacy-manifest checks.
const (
	// RulePrivacyDataMissing: a data item of the policy maps to collected
	// data types none of the .ipa's privacy manifests declares.
	RulePrivacyDataMissing = "privacy-manifest-data-missing"
	// RuleSDKPrivacyManifest: a framework on Apple's list of commonly used
	// SDKs ships without its own PrivacyInfo.xcprivacy (ITMS-91061): none
	// inside the framework, and none in a resource bundle named after it.
	RuleSDKPrivacyManifest = "sdk-privacy-manifest-missing"
)

// privacyManifests runs on an .ipa, where every privacy manifest of the
// app and its frameworks is in view (Xcode combines them into the app's
// privacy report, so any of them may declare a type).
func (e *evaluation) privacyManifests() {
	if e.decl.Platform != IOS || e.decl.Artifact.Kind != "ipa" {
		return
	}
	ap, err := builtinApplePrivacy()
	if err != nil {
		return // embedded data; its test fails on any error
	}
	e.commonSDKManifests(ap)
	declared := map[string]bool{}
	appManifest := "" // the shortest manifest path is the app's own
	for _, f := range e.decl.Facts {
		if t, ok := strings.CutPrefix(f.Key, "privacy.collected."); ok {
			declared[t] = true
		}
		if strings.HasPrefix(f.Key, "privacy.") && (appManifest == "" || len(f.Entry) < len(appManifest)) {
			appManifest = f.Entry
		}
	}
	reported := map[string]bool{}
	for _, pol := range e.policies {
		for _, it := range pol.DataItems {
			if !hasPlatform(it.Platforms, IOS) {
				continue
			}
			for _, r := range ap.DataTypesFor(it.Item) {
				if anyDeclared(declared, r.AnyOf) || reported[pol.ID+"\x00"+strings.Join(r.AnyOf, "|")] {
					continue
				}
				reported[pol.ID+"\x00"+strings.Join(r.AnyOf, "|")] = true
				e.add(Finding{RuleID: RulePrivacyDataMissing, Severity: SeverityWarning, Category: "privacy-manifest",
					Permission: r.AnyOf[0],
					Message: fmt.Sprintf("policy %s says %q is collected, but no privacy manifest in the app declares %s (%s)",
						pol.ID, it.Item, strings.Join(r.AnyOf, " or "), r.Why),
					Remediation: fmt.Sprintf("Add an NSPrivacyCollectedDataTypes entry for %s, with its purposes, to PrivacyInfo.xcprivacy (the app's, or the SDK's own).", r.AnyOf[0]),
				}, nil)
				e.findings[len(e.findings)-1].Location.Entry = appManifest
			}
		}
	}
}

func (e *evaluation) commonSDKManifests(ap *applePrivacy) {
	withManifest := map[string]bool{}
	for _, s := range e.decl.Signals {
		if s.Kind == SignalIOSFrameworkPrivacy {
			withManifest[s.Value] = true
		}
	}
	for _, s := range e.decl.Signals {
		if s.Kind != SignalIOSFramework || !ap.CommonSDKs[s.Value] || withManifest[s.Value] {
			continue
		}
		e.add(Finding{RuleID: RuleSDKPrivacyManifest, Severity: SeverityError, Category: "privacy-manifest", Permission: s.Value,
			Message:     fmt.Sprintf("%s.framework is on Apple's list of commonly used SDKs but has no PrivacyInfo.xcprivacy, neither inside the framework nor in a resource bundle named after it; App Store Connect rejects the upload (ITMS-91061)", s.Value),
			Remediation: "Update the SDK to a version that ships its privacy manifest (and signature).",
		}, nil)
		last := &e.findings[len(e.findings)-1]
		last.Location.Entry = s.Entry
	}
}

func hasPlatform(list []Platform, p Platform) bool {
	for _, x := range list {
		if x == p {
			return true
		}
	}
	return false
}

func anyDeclared(declared map[string]bool, types []string) bool {
	for _, t := range types {
		if declared[t] {
			return true
		}
	}
	return false
}
