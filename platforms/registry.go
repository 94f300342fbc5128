// Package platforms finds inputs, tells their kind by content and hands
// each to the parser of its platform. The formats are one explicit,
// ordered list: detection tries them top to bottom.
package platforms

import (
	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android"
	"github.com/permaudit/permaudit/platforms/archive"
	"github.com/permaudit/permaudit/platforms/harmony"
	"github.com/permaudit/permaudit/platforms/ios"
)

// Format is one kind of input permaudit reads. Exactly one of the
// byte-level or archive-level pairs is set.
type Format struct {
	Kind        string
	Platform    audit.Platform
	Description string
	// Companion formats are read alongside another input, never audited alone.
	Companion bool
	// Names are file-name globs used only when the content matches no
	// format, so a broken Info.plist gets its parser's error, not a shrug.
	Names []string

	sniff func(data []byte) bool
	parse func(path string, data []byte) (audit.Declaration, error)

	sniffZip func(z *archive.Zip) bool
	parseZip func(z *archive.Zip) (audit.Declaration, error)
}

// Formats is the registry, in detection order. Packages come first so a
// zip is never mistaken for text; within text, the more specific first.
var Formats = []Format{
	{Kind: "aab", Platform: audit.Android, Description: "Android App Bundle (protobuf manifests)",
		sniffZip: android.LooksLikeAAB, parseZip: android.ParseAAB},
	{Kind: "apks", Platform: audit.Android, Description: "split APK set (.apks from bundletool, .xapk)",
		sniffZip: func(z *archive.Zip) bool { _, ok := android.LooksLikeSplitSet(z); return ok },
		parseZip: android.ParseSplitSet},
	{Kind: "apk", Platform: audit.Android, Description: "Android package (binary AndroidManifest.xml)",
		sniffZip: func(z *archive.Zip) bool { return z.File("AndroidManifest.xml") != nil },
		parseZip: android.ParseAPK},
	{Kind: "ipa", Platform: audit.IOS, Description: "iOS app archive (Payload/*.app)",
		sniffZip: ios.LooksLikeIPA, parseZip: ios.ParseIPA},
	{Kind: "hap", Platform: audit.HarmonyOS, Description: "HarmonyOS package (.hap, .hsp, .app)",
		sniffZip: func(z *archive.Zip) bool { _, ok := harmony.DetectPackage(z); return ok },
		parseZip: harmonyPackage},
	{Kind: "android-binary-manifest", Platform: audit.Android, Description: "compiled (binary XML) AndroidManifest.xml",
		Names: []string{"AndroidManifest.xml"},
		sniff: android.LooksLikeBinaryXML, parse: bytesOnly(android.ParseBinaryManifest)},
	{Kind: "android-manifest", Platform: audit.Android, Description: "source AndroidManifest.xml",
		sniff: android.LooksLikeManifestXML, parse: bytesOnly(android.ParseManifestXML)},
	{Kind: "info-plist", Platform: audit.IOS, Description: "Info.plist (XML or binary)",
		Names: []string{"Info.plist", "*.plist"},
		sniff: plistKind("info-plist"), parse: bytesOnly(ios.ParseInfoPlist)},
	{Kind: "privacy-manifest", Platform: audit.IOS, Description: "PrivacyInfo.xcprivacy",
		Names: []string{"*.xcprivacy"},
		sniff: plistKind("privacy-manifest"), parse: bytesOnly(parsePrivacyManifest)},
	{Kind: "entitlements", Platform: audit.IOS, Description: ".entitlements plist",
		Names: []string{"*.entitlements", "*.xcent"},
		sniff: plistKind("entitlements"), parse: bytesOnly(ios.ParseEntitlements)},
	{Kind: "module-json5", Platform: audit.HarmonyOS, Description: "HarmonyOS module.json5 / compiled module.json",
		Names: []string{"module.json5", "module.json", "*.json5"},
		sniff: jsonKind("module-json5", "module-json"), parse: parseHarmonyModule},
	{Kind: "config-json", Platform: audit.HarmonyOS, Description: "HarmonyOS FA-model config.json",
		Names: []string{"config.json"},
		sniff: jsonKind("config-json"), parse: bytesOnly(harmony.ParseConfigJSON)},
	{Kind: "app-json5", Platform: audit.HarmonyOS, Description: "HarmonyOS AppScope/app.json5 (read with its modules)",
		Companion: true, sniff: jsonKind("app-json5")},
}

func bytesOnly(f func([]byte) (audit.Declaration, error)) func(string, []byte) (audit.Declaration, error) {
	return func(_ string, data []byte) (audit.Declaration, error) { return f(data) }
}

func plistKind(kind string) func([]byte) bool {
	return func(data []byte) bool { k, ok := ios.SniffPlist(data); return ok && k == kind }
}

func jsonKind(kinds ...string) func([]byte) bool {
	return func(data []byte) bool {
		k, ok := harmony.SniffJSON(data)
		for _, want := range kinds {
			if ok && k == want {
				return true
			}
		}
		return false
	}
}

func parsePrivacyManifest(data []byte) (audit.Declaration, error) {
	d, _, err := ios.ParsePrivacyManifest(data)
	return d, err
}

func harmonyPackage(z *archive.Zip) (audit.Declaration, error) {
	if kind, _ := harmony.DetectPackage(z); kind == "app" {
		return harmony.ParseAppPack(z)
	}
	return harmony.ParseHAP(z)
}
