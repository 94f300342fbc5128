// Package ios reads what an iOS app declares: Info.plist purpose strings,
// background modes and ATS settings, PrivacyInfo.xcprivacy privacy
// manifests, entitlements (plain files, the Mach-O code signature and
// embedded.mobileprovision), and all of these inside an .ipa.
//
// Property lists may be XML or binary; both go through howett.net/plist
// after our own bounds checks, so a hostile file cannot exhaust memory or
// the stack.
package ios

// Artifact kinds this package produces.
const (
	KindInfoPlist       = "info-plist"
	KindPrivacyManifest = "privacy-manifest"
	KindEntitlements    = "entitlements"
	KindMobileProvision = "mobileprovision"
	KindIPA             = "ipa"
)

// Rule ids of the notes this package attaches to a declaration.
const (
	// RulePlistValueType: a key holds a value of the wrong type.
	RulePlistValueType = "ios-plist-value-type"
	// RulePrivacyManifestInvalid: App Store Connect would answer ITMS-91056.
	RulePrivacyManifestInvalid = "ios-privacy-manifest-invalid"
	// RuleEntitlementsUnread: the code signature or profile could not be read.
	RuleEntitlementsUnread = "ios-entitlements-unread"
	// RuleUnsigned: the executable carries no code signature.
	RuleUnsigned = "ios-unsigned"
	// RuleBundleUnread: a part of the .ipa (extension, manifest) could not be read.
	RuleBundleUnread = "ios-bundle-unread"
)
