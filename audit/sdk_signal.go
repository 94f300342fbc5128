package audit

import "sort"

// SignalKind says where a parser saw a name that may identify an SDK.
type SignalKind string

const (
	// SignalAndroidComponent is the class of an <activity>, <service>,
	// <receiver> or <provider> in the manifest.
	SignalAndroidComponent SignalKind = "android-component"
	// SignalAndroidMetaData is an <application><meta-data android:name>.
	SignalAndroidMetaData SignalKind = "android-meta-data"
	// SignalDexPackage is a Java package (dotted) that classes*.dex defines
	// or refers to, read from its string table.
	SignalDexPackage SignalKind = "dex-package"
	// SignalIOSFramework is a Frameworks/<Name>.framework in an .ipa.
	SignalIOSFramework SignalKind = "ios-framework"
	// SignalIOSFrameworkPrivacy is a framework whose own PrivacyInfo.xcprivacy
	// the .ipa carries, inside the framework or in a resource bundle named
	// after it; Entry is the manifest.
	SignalIOSFrameworkPrivacy SignalKind = "ios-framework-privacy-manifest"
	// SignalIOSPrivacyManifestUnread is a PrivacyInfo.xcprivacy of an .ipa
	// (Value and Entry: its entry) that could not be read, so the types it
	// may declare are unknown.
	SignalIOSPrivacyManifestUnread SignalKind = "ios-privacy-manifest-unread"
	// SignalIOSBundle is a <Name>.bundle resource bundle in an .ipa.
	SignalIOSBundle SignalKind = "ios-bundle"
	// SignalHarmonyModule is a HarmonyOS module or package name.
	SignalHarmonyModule SignalKind = "harmony-module"
	// SignalAABLibrary is a Maven "group:artifact:version" an App Bundle's
	// BUNDLE-METADATA dependencies.pb lists; it matches the Gradle
	// recognisers.
	SignalAABLibrary SignalKind = "aab-library"
	// Dependency coordinates declared in source trees.
	SignalGradle    SignalKind = "gradle"
	SignalCocoaPods SignalKind = "cocoapods"
	SignalSwiftPM   SignalKind = "swiftpm"
	SignalOhpm      SignalKind = "ohpm"
)

// Signal is one name a parser collected for SDK detection.
type Signal struct {
	Kind  SignalKind
	Value string
	Entry string
}

// AddSignal records a signal; repeats are harmless to detection.
func (d *Declaration) AddSignal(kind SignalKind, value, entry string) {
	d.Signals = append(d.Signals, Signal{Kind: kind, Value: value, Entry: entry})
}

// SortSignals orders signals by kind, then value, so detection output is
// stable whatever order the parser met them in.
func (d *Declaration) SortSignals() {
	sort.SliceStable(d.Signals, func(i, j int) bool {
		a, b := d.Signals[i], d.Signals[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Value < b.Value
	})
}
