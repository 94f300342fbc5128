package audit

import "sort"

// Rules lists every rule a report can carry, in id order: the evaluator's
// and the ones parsers raise as Notes about the input itself.
var Rules = mergeRules(evaluatorRules, inputRules, sdkRules)

func mergeRules(lists ...[]RuleInfo) []RuleInfo {
	var out []RuleInfo
	for _, l := range lists {
		out = append(out, l...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// inputRules document the parsers' Notes (ids defined beside each parser,
// in platforms/*; a test there checks every one is listed here).
var inputRules = []RuleInfo{
	{ID: "binary-manifest-anomaly", Name: "BinaryManifestAnomaly", Severity: SeverityWarning,
		Short:            "Compiled AndroidManifest.xml is bent out of shape",
		Full:             "The binary XML manifest has oddities that packers and anti-analysis tricks produce (wrong chunk sizes, strings past the pool, extra namespaces, dummy attributes). permaudit read what it could; the platform may read it differently or refuse it.",
		Help:             "Rebuild the package with the standard toolchain (AGP/aapt2) and audit that build; if a packer or protector produced this manifest, audit the build before protection too.",
		SecuritySeverity: "5.0", Tags: []string{"android", "integrity"}},
	{ID: "harmony-pack-info-unreadable", Name: "HarmonyPackInfoUnreadable", Severity: SeverityNote,
		Short:            "pack.info could not be read",
		Full:             "The HarmonyOS package's pack.info is missing or not valid JSON; the app identity comes from module.json alone.",
		Help:             "Rebuild the package with DevEco Studio / hvigor so pack.info is written.",
		SecuritySeverity: "0.0", Tags: []string{"harmonyos", "integrity"}},
	{ID: "ios-bundle-unread", Name: "IOSBundleUnread", Severity: SeverityWarning,
		Short:            "Part of the IPA could not be read",
		Full:             "An extension's Info.plist, a privacy manifest or another bundle file inside the IPA could not be read; its permissions are not in the audit.",
		Help:             "Check the IPA was exported by Xcode and is not truncated; the message names the entry.",
		SecuritySeverity: "4.0", Tags: []string{"ios", "integrity"}},
	{ID: "ios-entitlements-unread", Name: "IOSEntitlementsUnread", Severity: SeverityWarning,
		Short:            "Entitlements could not be read from the code signature",
		Full:             "The executable's code signature could not be read, or carries only DER entitlements, so the entitlements the app is signed with (aps-environment and others) are not in the audit.",
		Help:             "Audit an IPA exported and signed by Xcode; the message names the executable.",
		SecuritySeverity: "3.0", Tags: []string{"ios", "entitlements"}},
	{ID: "ios-plist-value-type", Name: "IOSPlistValueType", Severity: SeverityWarning,
		Short:            "Info.plist value of the wrong type",
		Full:             "A purpose key or another key permaudit reads has a value of a type the system does not accept (a number or dictionary where a string belongs). The system treats the key as missing or empty.",
		Help:             "Make the value a string:\n\n```xml\n<key>NSCameraUsageDescription</key>\n<string>Chat uses the camera so you can send photos.</string>\n```",
		SecuritySeverity: "4.0", Tags: []string{"ios", "purpose-string"}},
	{ID: "ios-privacy-manifest-invalid", Name: "IOSPrivacyManifestInvalid", Severity: SeverityNote,
		Short:            "PrivacyInfo.xcprivacy has a value Apple does not list",
		Full:             "A privacy manifest names a data type, purpose, API category or reason code that is not in Apple's list; App Store Connect reports ITMS-91056 (invalid privacy manifest) for such files.",
		Help:             "Use the exact, case-sensitive values from Apple's documentation, e.g. `NSPrivacyAccessedAPICategoryUserDefaults` with reason `CA92.1`.",
		SecuritySeverity: "3.0", Tags: []string{"ios", "privacy-manifest", "app-store"}},
	{ID: "ios-unsigned", Name: "IOSUnsigned", Severity: SeverityNote,
		Short:            "Executable has no code signature",
		Full:             "The app's executable carries no LC_CODE_SIGNATURE, so it declares no entitlements; the IPA is not what the App Store receives.",
		Help:             "Audit the signed IPA exported for distribution.",
		SecuritySeverity: "0.0", Tags: []string{"ios", "entitlements"}},
	{ID: "manifest-attribute-invalid", Name: "ManifestAttributeInvalid", Severity: SeverityWarning,
		Short:            "Manifest attribute value the platform cannot use",
		Full:             "An attribute permaudit reads has a value the platform cannot use, such as android:maxSdkVersion=\"abc\"; the attribute is ignored.",
		Help:             "Give the attribute a valid value, e.g. `android:maxSdkVersion=\"32\"`.",
		SecuritySeverity: "3.0", Tags: []string{"android", "correctness"}},
	{ID: "manifest-duplicate-uses-sdk", Name: "ManifestDuplicateUsesSdk", Severity: SeverityNote,
		Short:            "Several <uses-sdk> elements",
		Full:             "The manifest has more than one <uses-sdk>; Android only uses the attribute values of the last one, which permaudit follows too.",
		Help:             "Keep one `<uses-sdk>` (or none, and let Gradle's minSdk/targetSdk write it).",
		SecuritySeverity: "0.0", Tags: []string{"android", "correctness"}},
	{ID: "manifest-permission-unnamed", Name: "ManifestPermissionUnnamed", Severity: SeverityWarning,
		Short:            "uses-permission without android:name",
		Full:             "A <uses-permission> has no android:name; it requests nothing, and aapt refuses such a manifest.",
		Help:             "Name the permission: `<uses-permission android:name=\"android.permission.INTERNET\" />`, or delete the element.",
		SecuritySeverity: "3.0", Tags: []string{"android", "correctness"}},
	{ID: "package-duplicate-entry", Name: "PackageDuplicateEntry", Severity: SeverityWarning,
		Short:            "Two zip entries with the same name",
		Full:             "The package holds two entries with one name; tools and the installer may disagree on which one counts. permaudit reads the first, as the central directory lists it.",
		Help:             "Rebuild the package; a duplicate AndroidManifest.xml is a known way to show auditors one manifest and the device another.",
		SecuritySeverity: "6.0", Tags: []string{"integrity", "tampering"}},
	{ID: "package-embedded-apk", Name: "PackageEmbeddedApk", Severity: SeverityNote,
		Short:            "APK inside the package",
		Full:             "The package carries another APK as an entry; that APK's own permissions are not part of this audit.",
		Help:             "Audit the embedded APK on its own if the app installs or loads it.",
		SecuritySeverity: "2.0", Tags: []string{"android", "integrity"}},
	{ID: "package-prepended-data", Name: "PackagePrependedData", Severity: SeverityWarning,
		Short:            "Data before the zip archive",
		Full:             "The package has bytes before its first zip entry, as in the Janus attack (CVE-2017-13156). aapt and many tools refuse such a file; permaudit reads the archive after the prefix and says so here.",
		Help:             "Rebuild and re-sign the package with APK Signature Scheme v2 or later; never ship a file with data prepended.",
		SecuritySeverity: "7.0", Tags: []string{"android", "integrity", "tampering"}},
	{ID: "package-text-manifest", Name: "PackageTextManifest", Severity: SeverityWarning,
		Short:            "APK with a text AndroidManifest.xml",
		Full:             "The APK's AndroidManifest.xml is plain XML, not compiled binary XML; Android cannot install it. permaudit read it as a source manifest.",
		Help:             "Build the APK with the Android Gradle plugin (aapt2 compiles the manifest).",
		SecuritySeverity: "3.0", Tags: []string{"android", "integrity"}},
}
