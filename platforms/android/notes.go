package android

// Rule ids of the notes this package adds to a declaration. Like the
// evaluator's rule ids they are a public contract: SARIF, baselines and
// waivers key on them.
const (
	// RulePrependedData: bytes before the first zip entry (Janus, CVE-2017-13156).
	RulePrependedData = "package-prepended-data"
	// RuleAttributeInvalid: an attribute value the platform cannot use, such as maxSdkVersion="abc".
	RuleAttributeInvalid = "manifest-attribute-invalid"
	// RulePermissionUnnamed: a <uses-permission> without android:name.
	RulePermissionUnnamed = "manifest-permission-unnamed"
	// RuleDuplicateUsesSdk: several <uses-sdk>; only the last one counts.
	RuleDuplicateUsesSdk = "manifest-duplicate-uses-sdk"
	// RuleBinaryAnomaly: a compiled manifest bent out of shape, the mark of packers and anti-analysis tricks.
	RuleBinaryAnomaly = "binary-manifest-anomaly"
	// RuleEmbeddedPackage: an APK stored inside the package; its own permissions are not audited.
	RuleEmbeddedPackage = "package-embedded-apk"
	// RuleTextManifest: an APK whose AndroidManifest.xml is text, not compiled XML.
	RuleTextManifest = "package-text-manifest"
)

// RuleMergeConflict: two manifests give one permission different attribute values; the merger stops the build.
const RuleMergeConflict = "manifest-merge-conflict"
