package ios

import "strings"

// Top-level keys that only an Info.plist carries.
var infoPlistMarkers = []string{
	"CFBundleIdentifier", "CFBundleExecutable", "CFBundlePackageType",
	"UIBackgroundModes", "NSAppTransportSecurity",
}

// Entitlement keys common enough to recognise an entitlements plist by.
var entitlementMarkers = []string{
	"aps-environment", "keychain-access-groups", "application-identifier",
	"get-task-allow", "beta-reports-active", "inter-app-audio",
}

// SniffPlist tells by content what an XML or binary property list is:
// "info-plist", "privacy-manifest" or "entitlements". ok is false when it
// is none of these or not a readable property list.
func SniffPlist(data []byte) (kind string, ok bool) {
	doc, err := decodePlist(data)
	if err != nil {
		return "", false
	}
	keys := sortedKeys(doc.root)
	for _, k := range keys {
		if strings.HasSuffix(k, usageSuffix) || contains(infoPlistMarkers, k) {
			return KindInfoPlist, true
		}
	}
	for _, k := range keys {
		if strings.HasPrefix(k, "NSPrivacy") {
			return KindPrivacyManifest, true
		}
	}
	for _, k := range keys {
		if strings.HasPrefix(k, "com.apple.") || contains(entitlementMarkers, k) {
			return KindEntitlements, true
		}
	}
	return "", false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
