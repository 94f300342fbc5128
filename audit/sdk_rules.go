package audit

// sdkRules document the rules of SDK detection and the privacy-manifest
// checks, in id order.
var sdkRules = []RuleInfo{
	{ID: "package-dex-unread", Name: "PackageDexUnread", Severity: SeverityNote,
		Short:            "A dex file could not be searched for SDKs",
		Full:             "A classes*.dex could not be read (truncated, not a dex file, or past permaudit's limits), so SDKs whose classes live only there may be missing from the SDK list and from permission attribution.",
		Help:             "Audit the package as the build tool wrote it; the message names the dex file and the reason.",
		SecuritySeverity: "0.0", Tags: []string{"android", "sdk"}},
	{ID: "package-dependencies-unread", Name: "PackageDependenciesUnread", Severity: SeverityNote,
		Short:            "An App Bundle's library list could not be read",
		Full:             "BUNDLE-METADATA/com.android.tools.build.libraries/dependencies.pb, the list of Maven libraries the Android Gradle plugin records in an App Bundle, is not a valid AppDependencies message (or is past permaudit's limits), so SDKs recognised by their Maven coordinates may be missing from the SDK list and from permission attribution; the manifests are still audited.",
		Help:             "Audit the bundle as the Android Gradle plugin wrote it; the message names the reason.",
		SecuritySeverity: "0.0", Tags: []string{"android", "sdk"}},
	{ID: RulePolicyNotApplicable, Name: "PolicySdkAbsent", Severity: SeverityNote,
		Short:            "The policy's SDK is not in the app",
		Full:             "The policy applies only to apps that embed an SDK (appliesTo), and the package's code holds none of that SDK's signatures, so the policy's rows show \"SDK not present\" instead of being evaluated.",
		Help:             "Nothing to do if the app does not ship the SDK. If it does, the SDK catalog (policydata/sdks) lacks the signature this build leaves: report the SDK's class package or meta-data key.",
		SecuritySeverity: "0.0", Tags: []string{"sdk", "policy"}},
	{ID: RulePrivacyDataMissing, Name: "PrivacyManifestDataMissing", Severity: SeverityWarning,
		Short: "The privacy manifest does not declare data the policy says is collected",
		Full:  "A data item of the policy maps to Apple collected data types (policydata/privacy/apple-data-types.json, after Apple's App privacy details), and no PrivacyInfo.xcprivacy in the app or its frameworks declares any of them, so the app's privacy report and nutrition label understate what is collected. When a manifest could not be read, the message names it and says the type may be declared there: fix that manifest first (ios-privacy-manifest-invalid).",
		Help: "Declare the type with its purposes in the app's PrivacyInfo.xcprivacy (or the SDK's own):\n\n```xml\n<key>NSPrivacyCollectedDataTypes</key>\n<array>\n  <dict>\n    <key>NSPrivacyCollectedDataType</key><string>NSPrivacyCollectedDataTypeOtherDiagnosticData</string>\n" +
			"    <key>NSPrivacyCollectedDataTypeLinked</key><false/>\n    <key>NSPrivacyCollectedDataTypeTracking</key><false/>\n    <key>NSPrivacyCollectedDataTypePurposes</key>\n    <array><string>NSPrivacyCollectedDataTypePurposeAppFunctionality</string></array>\n  </dict>\n</array>\n```",
		SecuritySeverity: "4.0", Tags: []string{"ios", "privacy-manifest", "sdk"}},
	{ID: RuleSDKPrivacyManifest, Name: "SdkPrivacyManifestMissing", Severity: SeverityError,
		Short:            "A commonly used SDK ships without its privacy manifest (ITMS-91061)",
		Full:             "The framework is on Apple's list of commonly used third-party SDKs (developer.apple.com/support/third-party-SDK-requirements) and the IPA carries no PrivacyInfo.xcprivacy of its own: none inside the framework (at its root or in a bundle it holds, such as FirebaseMessaging_Privacy.bundle), and none in a resource bundle of the app named after it (<Name>.bundle, <Name>_<suffix>.bundle as CocoaPods resource_bundles write, <package>_<Name>.bundle as Swift packages write). App Store Connect rejects such an upload with ITMS-91061. An SDK linked statically is not visible to this check.",
		Help:             "Update the SDK to a release that ships PrivacyInfo.xcprivacy (and its signature), then rebuild and re-export the IPA.",
		SecuritySeverity: "6.0", Tags: []string{"ios", "privacy-manifest", "sdk"}},
}
