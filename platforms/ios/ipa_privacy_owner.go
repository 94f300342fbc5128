package ios

import "strings"

// manifestOwner names the framework of the app (Frameworks/<Name>.framework)
// whose own privacy manifest the PrivacyInfo.xcprivacy at rel is, "" when
// it is none's; rel is the manifest's path inside the app folder.
//
// Apple requires a commonly used SDK to include its privacy manifest
// (developer.apple.com/support/third-party-SDK-requirements, ITMS-91061),
// and says where it goes ("Adding a privacy manifest to your app or
// third-party SDK", developer.apple.com/documentation/bundleresources):
// at the root of a framework, or, for a static library, in a resource
// bundle the SDK ships, which the app then carries. So a manifest counts
// for an SDK when it is
//   - anywhere inside the SDK's framework: at its root, or in a bundle the
//     framework carries (FirebaseMessaging.framework/FirebaseMessaging_Privacy.bundle,
//     abseil's xcprivacy.bundle);
//   - or in a resource bundle of the app named after the SDK: <Name>.bundle,
//     <Name>_<suffix>.bundle or <Name>-<suffix>.bundle (CocoaPods
//     resource_bundles, e.g. GoogleUtilities_Privacy.bundle), or
//     <package>_<Name>.bundle (a Swift package's <package>_<target> bundle).
//
// The name must end at a separator, so FirebaseCoreInternal_Privacy.bundle
// is not FirebaseCore's; when several frameworks fit, the longest name
// wins (FBSDKCoreKit_Basics.bundle is FBSDKCoreKit_Basics's, not
// FBSDKCoreKit's). A bundle inside another framework belongs to that one.
func manifestOwner(rel string, frameworks map[string]bool) string {
	if fw, ok := strings.CutPrefix(rel, "Frameworks/"); ok {
		dir, _, _ := strings.Cut(fw, "/")
		if name, ok := strings.CutSuffix(dir, ".framework"); ok {
			if frameworks[name] {
				return name
			}
			return ""
		}
	}
	bundle := ""
	for _, part := range strings.Split(rel, "/") {
		if name, ok := strings.CutSuffix(part, ".bundle"); ok {
			bundle = name
		}
	}
	if bundle == "" {
		return ""
	}
	owner := ""
	for name := range frameworks {
		longer := len(name) > len(owner) || len(name) == len(owner) && name < owner
		if longer && bundleNamedAfter(bundle, name) {
			owner = name
		}
	}
	return owner
}

// bundleNamedAfter reports whether a resource bundle's name (without
// .bundle) is the SDK's by the naming conventions manifestOwner lists.
func bundleNamedAfter(bundle, sdk string) bool {
	if bundle == sdk || strings.HasSuffix(bundle, "_"+sdk) {
		return true
	}
	rest, ok := strings.CutPrefix(bundle, sdk)
	return ok && (rest[0] == '_' || rest[0] == '-')
}
