package audit

import "fmt"

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
	e.collectedDataTypes(ap)
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
