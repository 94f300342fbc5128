package audit

// RuleInfo documents one rule for help texts and SARIF's rule metadata.
type RuleInfo struct {
	ID       string
	Name     string // PascalCase, as SARIF's reportingDescriptor.name
	Severity Severity
	Short    string
	Full     string
	// Help is Markdown with the remediation: the exact declaration to add or remove.
	Help string
	// SecuritySeverity is GitHub's 0.0–10.0 score.
	SecuritySeverity string
	// PerEntry: the rule's findings are told apart by the archive entry
	// they name (each overlapping or invalid entry is its own), so the
	// fingerprint includes the entry.
	PerEntry bool
	Tags     []string
}

// evaluatorRules are the rules the evaluator decides, in id order.
var evaluatorRules = []RuleInfo{
	{ID: RuleATSArbitraryLoads, Name: "AtsArbitraryLoads", Severity: SeverityWarning,
		Short:            "App Transport Security is disabled",
		Full:             "NSAllowsArbitraryLoads turns off App Transport Security for every connection, so personal data the app sends may travel without TLS. App Review asks for a justification.",
		Help:             "Allow clear text only where needed:\n\n```xml\n<key>NSAppTransportSecurity</key>\n<dict>\n  <key>NSExceptionDomains</key>\n  <dict>\n    <key>legacy.example.com</key>\n    <dict><key>NSExceptionAllowsInsecureHTTPLoads</key><true/></dict>\n  </dict>\n</dict>\n```",
		SecuritySeverity: "5.0", Tags: []string{"ios", "network", "transport-security"}},
	{ID: RuleBeyondPolicy, Name: "BeyondPolicy", Severity: SeverityWarning,
		Short: "Permission declared beyond the policy",
		Full: "The app declares a permission that no policy with rows for the app's platform requires or allows; the message names those policies. Either the app does not need it, or the policy (and the privacy statement behind it) is missing a purpose for it. " +
			"A policy without rows for the platform (a statement that lists only data, or one written for other platforms) makes no claim about its permissions and is not counted; when no policy has such rows, policy-no-rows says so once instead. " +
			"Graded by what it costs the user: runtime permissions (Android dangerous, HarmonyOS user_grant) and iOS purpose keys are warnings; install-time permissions (Android normal, HarmonyOS system_grant), iOS background modes and entitlements are notes. Permissions the app defines itself with <permission> are not reported. A policy's severity override raises any of them.",
		Help: "Remove the declaration the app does not need:\n\n```xml\n<!-- AndroidManifest.xml -->\n<uses-permission android:name=\"android.permission.READ_CONTACTS\" tools:node=\"remove\" />\n```\n\n" +
			"On iOS remove the `…UsageDescription` key from Info.plist; on HarmonyOS remove the `requestPermissions` entry (or list a library's in `build-profile.json5` `buildOption.removePermissions`). If the app needs it, add it to the policy with the purpose it is collected for.",
		SecuritySeverity: "4.0", Tags: []string{"privacy", "permissions", "over-permission"}},
	{ID: RuleCleartextTraffic, Name: "CleartextTraffic", Severity: SeverityWarning,
		Short:            "Clear-text HTTP allowed",
		Full:             "android:usesCleartextTraffic=\"true\" lets the app use plain HTTP, so personal data it sends may travel without TLS.",
		Help:             "Remove the attribute, or allow clear text per domain in res/xml/network_security_config.xml:\n\n```xml\n<network-security-config>\n  <domain-config cleartextTrafficPermitted=\"true\">\n    <domain includeSubdomains=\"false\">legacy.example.com</domain>\n  </domain-config>\n</network-security-config>\n```",
		SecuritySeverity: "5.0", Tags: []string{"android", "network", "transport-security"}},
	{ID: RuleDebuggableBuild, Name: "DebuggableBuild", Severity: SeverityWarning,
		Short:            "Debuggable build",
		Full:             "The artifact is a debug build (android:debuggable, iOS get-task-allow, HarmonyOS app.debug): a debugger can attach and read the app's data. Stores reject or flag such builds.",
		Help:             "Audit and ship the release build: remove `android:debuggable` from the manifest (Gradle sets it per build type), export the IPA with a distribution profile, build the HarmonyOS release product.",
		SecuritySeverity: "6.0", Tags: []string{"integrity", "release"}},
	{ID: RuleForbiddenDeclared, Name: "ForbiddenDeclared", Severity: SeverityError,
		Short:            "Permission the policy forbids is declared",
		Full:             "The policy forbids a permission that the app declares.",
		Help:             "Remove it. For a permission a library merges in, remove it in the app manifest:\n\n```xml\n<uses-permission android:name=\"android.permission.READ_CONTACTS\" tools:node=\"remove\" />\n```",
		SecuritySeverity: "7.0", Tags: []string{"privacy", "permissions", "policy"}},
	{ID: RuleHarmonyACL, Name: "HarmonyAclRequired", Severity: SeverityWarning,
		Short:            "HarmonyOS permission above the normal APL needs an ACL",
		Full:             "The permission's APL (ability privilege level) is system_basic or system_core. An app signed with the default normal APL can only request it when its signing profile grants it as an ACL; otherwise the grant fails. permaudit assumes the normal APL because the package does not state it.",
		Help:             "Apply for the ACL permission in AppGallery Connect so the signing profile lists it under `acls.allowed-acls`, or remove the entry from `module.json5`:\n\n```json5\n// build-profile.json5, for a permission a library adds\nbuildOption: { removePermissions: [{ name: 'ohos.permission.READ_PASTEBOARD' }] },\n```",
		SecuritySeverity: "4.0", Tags: []string{"harmonyos", "permissions", "apl"}},
	{ID: RuleHarmonyLocation, Name: "HarmonyLocationPair", Severity: SeverityError,
		Short:            "HarmonyOS precise location without approximate location",
		Full:             "From API 9, ohos.permission.LOCATION may only be requested together with ohos.permission.APPROXIMATELY_LOCATION; the request fails otherwise.",
		Help:             "Add the approximate permission next to the precise one in module.json5:\n\n```json5\n{ name: 'ohos.permission.APPROXIMATELY_LOCATION', reason: '$string:reason_location', usedScene: { abilities: ['EntryAbility'], when: 'inuse' } },\n```",
		SecuritySeverity: "5.0", Tags: []string{"harmonyos", "permissions", "location"}},
	{ID: RuleHarmonyReason, Name: "HarmonyReasonMissing", Severity: SeverityError,
		Short:            "HarmonyOS user_grant permission without a reason",
		Full:             "A user_grant (or manual_settings) permission must carry a reason, a $string resource shown to the user; AppGallery review rejects the app otherwise.",
		Help:             "Add a reason to the requestPermissions entry and its text to resources/base/element/string.json:\n\n```json5\n{ name: 'ohos.permission.CAMERA', reason: '$string:reason_camera', usedScene: { abilities: ['EntryAbility'], when: 'inuse' } },\n```",
		SecuritySeverity: "5.0", Tags: []string{"harmonyos", "permissions", "purpose-string"}},
	{ID: RuleHarmonyUsedSceneInvalid, Name: "HarmonyUsedSceneInvalid", Severity: SeverityError,
		Short:            "HarmonyOS usedScene.when is not inuse or always",
		Full:             "requestPermissions[].usedScene.when accepts only \"inuse\" and \"always\", and must not be empty when present; the build rejects any other value.",
		Help:             "Use one of the two values:\n\n```json5\nusedScene: { abilities: ['EntryAbility'], when: 'inuse' },\n```",
		SecuritySeverity: "4.0", Tags: []string{"harmonyos", "permissions", "correctness"}},
	{ID: RuleHarmonyUsedScene, Name: "HarmonyUsedSceneMissing", Severity: SeverityError,
		Short:            "HarmonyOS user_grant permission without usedScene",
		Full:             "A user_grant (or manual_settings) permission must say in which abilities and when (inuse or always) it is used.",
		Help:             "Add usedScene to the requestPermissions entry:\n\n```json5\nusedScene: { abilities: ['EntryAbility'], when: 'inuse' },\n```",
		SecuritySeverity: "5.0", Tags: []string{"harmonyos", "permissions"}},
	{ID: RuleNoPermissionRows, Name: "PolicyNoRows", Severity: SeverityNote,
		Short:            "No policy lists permissions for this platform",
		Full:             "None of the policies in use has a permission row for the app's platform: a statement that lists only data (xiaomi-mipush, wechat-opensdk) or a policy written for other platforms requires, allows and forbids nothing there. The app's permissions were therefore not compared with any policy, and beyond-policy is not reported; this note says so once per app, with how many permissions went unjudged.",
		Help:             "Audit with a policy that lists the platform's permissions as well (`--policy` is repeatable), e.g. `--policy xiaomi-mipush --policy my-app.yaml`, where my-app.yaml names the permissions the app and its SDKs need.",
		SecuritySeverity: "0.0", Tags: []string{"privacy", "policy"}},
	{ID: RuleOptionalDeclared, Name: "OptionalDeclared", Severity: SeverityNote,
		Short:            "Optional permission declared",
		Full:             "The app declares a permission that the policy lists as optional (non-essential). Nothing to fix; the report records it so an auditor sees which optional features are on.",
		Help:             "No change needed. Make sure the app's own privacy statement mentions the purpose the policy gives.",
		SecuritySeverity: "0.0", Tags: []string{"privacy", "permissions"}},
	{ID: RuleIneffective, Name: "PermissionIneffective", Severity: SeverityNote,
		Short:            "Permission has no effect at the app's target level",
		Full:             "At the app's target level the platform ignores this permission on newer devices: WRITE_EXTERNAL_STORAGE grants nothing from API 30 once the app targets 30 or later, READ_EXTERNAL_STORAGE is replaced by READ_MEDIA_* from API 33. Declared without maxSdkVersion it looks like a request that can never be granted. Also reported for a maxSdkVersion below the app's minSdk: no device the app installs on requests it.",
		Help:             "Limit the declaration to the levels where it still works and declare what replaces it:\n\n```xml\n<uses-permission android:name=\"android.permission.READ_EXTERNAL_STORAGE\" android:maxSdkVersion=\"32\" />\n<uses-permission android:name=\"android.permission.WRITE_EXTERNAL_STORAGE\" android:maxSdkVersion=\"29\" />\n<uses-permission android:name=\"android.permission.READ_MEDIA_IMAGES\" />\n```",
		SecuritySeverity: "1.0", Tags: []string{"android", "permissions", "target-sdk"}},
	{ID: RuleBackgroundOnly, Name: "LocationBackgroundOnly", Severity: SeverityWarning,
		Short:            "Background location without foreground location",
		Full:             "The platform grants background location only to an app that also has foreground location: Android's ACCESS_BACKGROUND_LOCATION needs ACCESS_FINE_LOCATION or ACCESS_COARSE_LOCATION, HarmonyOS's LOCATION_IN_BACKGROUND needs APPROXIMATELY_LOCATION. Declared alone it is never granted. (On iOS the Always key without the When-In-Use key is purpose-string-missing.)",
		Help:             "Declare the foreground permission too, or drop the background one:\n\n```xml\n<uses-permission android:name=\"android.permission.ACCESS_COARSE_LOCATION\" />\n<uses-permission android:name=\"android.permission.ACCESS_BACKGROUND_LOCATION\" />\n```",
		SecuritySeverity: "3.0", Tags: []string{"permissions", "location", "correctness"}},
	{ID: RuleMisplaced, Name: "PermissionMisplaced", Severity: SeverityWarning,
		Short:            "uses-permission is not a direct child of <manifest>",
		Full:             "Android only reads <uses-permission> and <uses-permission-sdk-23> as direct children of <manifest>; anywhere else the element is ignored, so the permission is not requested.",
		Help:             "Move the element up:\n\n```xml\n<manifest …>\n    <uses-permission android:name=\"android.permission.CAMERA\" />\n    <application …/>\n</manifest>\n```",
		SecuritySeverity: "3.0", Tags: []string{"android", "permissions", "correctness"}},
	{ID: RuleDeprecated, Name: "PermissionDeprecated", Severity: SeverityNote,
		Short:            "Deprecated or removed permission",
		Full:             "The platform deprecated or removed this permission or key (USE_FINGERPRINT, READ_PROFILE, NSLocationUsageDescription …); declaring it grants nothing new, or nothing at all, on current versions. Quiet where the app limits it to old levels with maxSdkVersion or still supports the levels that need it.",
		Help:             "Declare what replaces it (the message names it) and drop the old name, or limit it to old levels:\n\n```xml\n<uses-permission android:name=\"android.permission.USE_BIOMETRIC\" />\n<uses-permission android:name=\"android.permission.USE_FINGERPRINT\" android:maxSdkVersion=\"27\" />\n```",
		SecuritySeverity: "1.0", Tags: []string{"permissions", "deprecated"}},
	{ID: RulePolicyConflict, Name: "PolicyConflict", Severity: SeverityError,
		Short:            "Two policies disagree about a permission",
		Full:             "One policy requires (error) or allows (warning) a permission that another policy forbids. An app that embeds both SDKs cannot satisfy both statements; permaudit reports the clash instead of picking a winner.",
		Help:             "Settle it where the policies are written: ask the SDK vendors, drop one of the SDKs, or write your own policy that extends one and states what your app does. `permaudit policy show FILE` prints each policy's matrix.",
		SecuritySeverity: "6.0", Tags: []string{"privacy", "policy"}},
	{ID: RulePurposeEmpty, Name: "PurposeStringEmpty", Severity: SeverityError,
		Short:            "iOS purpose string is empty",
		Full:             "An Info.plist purpose key is present with an empty or blank text. App Store Connect rejects the upload (ITMS-90738), and deleting the key instead gives ITMS-90683.",
		Help:             "Write the reason shown to the user:\n\n```xml\n<key>NSCameraUsageDescription</key>\n<string>Chat uses the camera so you can send photos.</string>\n```",
		SecuritySeverity: "5.0", Tags: []string{"ios", "purpose-string", "app-store"}},
	{ID: RulePurposeMissing, Name: "PurposeStringMissing", Severity: SeverityError,
		Short:            "A purpose key the platform needs alongside another is absent",
		Full:             "Some keys only work together: NSLocationAlwaysAndWhenInUseUsageDescription and the location background mode need NSLocationWhenInUseUsageDescription, and from iOS 11 the deprecated NSLocationAlwaysUsageDescription is ignored without it, so the app cannot ask for location at all; Bluetooth background modes need NSBluetoothAlwaysUsageDescription. App Store Connect reports ITMS-90683.",
		Help:             "Add the missing key with a real reason:\n\n```xml\n<key>NSLocationWhenInUseUsageDescription</key>\n<string>Chat shares your location when you send a location message.</string>\n```",
		SecuritySeverity: "5.0", Tags: []string{"ios", "purpose-string", "app-store"}},
	{ID: RuleRequiredLimited, Name: "RequiredLimited", Severity: SeverityWarning,
		Short:            "Required permission does not reach every API level",
		Full:             "The policy requires the permission, but android:maxSdkVersion (or a missing legacy permission) leaves some API levels from the app's minSdk on without it or anything that replaces it.",
		Help:             "Cover every level, e.g. legacy storage up to API 32 and granular media from 33:\n\n```xml\n<uses-permission android:name=\"android.permission.READ_EXTERNAL_STORAGE\" android:maxSdkVersion=\"32\" />\n<uses-permission android:name=\"android.permission.READ_MEDIA_IMAGES\" />\n```",
		SecuritySeverity: "3.0", Tags: []string{"android", "permissions", "policy"}},
	{ID: RuleRequiredMissing, Name: "RequiredMissing", Severity: SeverityError,
		Short:            "Permission the policy requires is not declared",
		Full:             "The policy (the SDK's privacy statement) requires the app to declare a permission that it does not declare; the SDK's features that need it will fail.",
		Help:             "Declare it:\n\n```xml\n<!-- AndroidManifest.xml, a direct child of <manifest> -->\n<uses-permission android:name=\"android.permission.INTERNET\" />\n```\n\n```json5\n// module.json5 requestPermissions\n{ name: 'ohos.permission.INTERNET' },\n```",
		SecuritySeverity: "6.0", Tags: []string{"privacy", "permissions", "policy"}},
}

// Rule returns the documentation of a rule id.
func Rule(id string) (RuleInfo, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return RuleInfo{}, false
}

// RuleSeverity is a rule's default severity, as documented in Rules.
func RuleSeverity(id string) Severity {
	r, _ := Rule(id)
	return r.Severity
}
