package platforms

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android/axmltest"
	"github.com/permaudit/permaudit/platforms/android/dextest"
	"github.com/permaudit/permaudit/platforms/ios/iostest"
	"github.com/permaudit/permaudit/platforms/sdktest"
)

// auditBytes writes data under name and audits it against the built-in policy.
func auditBytes(t *testing.T, name string, data []byte) audit.ArtifactResult {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Read(path, false)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := audit.BuiltinCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	p, err := audit.BuiltinPolicy(audit.DefaultPolicyID, cs)
	if err != nil {
		t.Fatal(err)
	}
	return audit.Evaluate(d, []*audit.Policy{p}, cs)
}

func findingsOf(res audit.ArtifactResult, rule string) []audit.Finding {
	var out []audit.Finding
	for _, f := range res.Findings {
		if f.RuleID == rule {
			out = append(out, f)
		}
	}
	return out
}

func sdkIDs(res audit.ArtifactResult) string {
	var ids []string
	for _, s := range res.SDKs {
		ids = append(ids, s.ID)
	}
	return strings.Join(ids, ",")
}

func TestIPAPrivacyManifestLacksACollectedDataType(t *testing.T) {
	res := auditBytes(t, "im-app.ipa", sdktest.IMAppIPA())
	if got := sdkIDs(res); got != "easemob-im,firebase-messaging" {
		t.Fatalf("SDKs %s", got)
	}
	missing := map[string]bool{}
	for _, f := range findingsOf(res, audit.RulePrivacyDataMissing) {
		missing[f.Permission] = true
		if f.Location.Entry != "Payload/Chat.app/PrivacyInfo.xcprivacy" {
			t.Errorf("finding at %q, want the app's privacy manifest", f.Location.Entry)
		}
		if !strings.Contains(f.Message, "IP address") {
			t.Errorf("finding does not name the data item: %s", f.Message)
		}
	}
	// Device ID is declared (the APNS token); the diagnostic data the IM
	// SDK's policy lists is not.
	if !missing["NSPrivacyCollectedDataTypeOtherDiagnosticData"] || missing["NSPrivacyCollectedDataTypeDeviceID"] {
		t.Errorf("missing types %v, want OtherDiagnosticData and not DeviceID", missing)
	}
	// FirebaseMessaging carries its privacy manifest: no ITMS-91061.
	if fs := findingsOf(res, audit.RuleSDKPrivacyManifest); len(fs) != 0 {
		t.Errorf("unexpected %v", fs)
	}
}

func TestIPACommonSDKWithoutPrivacyManifest(t *testing.T) {
	app := iostest.Bundle{Name: "Shop", Info: map[string]any{"CFBundleIdentifier": "com.example.shop"},
		PrivacyManifest: map[string]any{"NSPrivacyTracking": false}}
	data := iostest.IPA(app, iostest.File{Name: "Payload/Shop.app/Frameworks/Alamofire.framework/Alamofire", Data: []byte("x")},
		iostest.File{Name: "Payload/Shop.app/Frameworks/MyOwnKit.framework/MyOwnKit", Data: []byte("x")})
	fs := findingsOf(auditBytes(t, "shop.ipa", data), audit.RuleSDKPrivacyManifest)
	if len(fs) != 1 || fs[0].Permission != "Alamofire" || fs[0].Severity != audit.SeverityError ||
		!strings.Contains(fs[0].Message, "ITMS-91061") || !strings.HasPrefix(fs[0].Location.Entry, "Payload/Shop.app/Frameworks/Alamofire.framework/") {
		t.Errorf("findings %+v, want one error for Alamofire only", fs)
	}
}

func TestAPKWithoutTheSDKSaysSDKNotPresent(t *testing.T) {
	manifest := &axmltest.Node{Name: "manifest", Line: 1, Attrs: []axmltest.Attr{axmltest.Plain("package", "com.example.notes")},
		Children: []*axmltest.Node{{Name: "uses-permission", Line: 2, Attrs: []axmltest.Attr{axmltest.A("name", "android.permission.CAMERA")}}}}
	data := axmltest.Zip(nil, axmltest.File{Name: "AndroidManifest.xml", Data: axmltest.Encode(manifest, axmltest.Options{})},
		axmltest.File{Name: "classes.dex", Data: dextest.Dex("Lcom/example/notes/Main;")})
	res := auditBytes(t, "notes.apk", data)
	if len(findingsOf(res, audit.RuleRequiredMissing)) != 0 || len(findingsOf(res, audit.RuleBeyondPolicy)) != 0 {
		t.Errorf("an app without the SDK is judged by its policy: %+v", res.Findings)
	}
	if len(findingsOf(res, audit.RulePolicyNotApplicable)) != 1 {
		t.Errorf("no %s finding", audit.RulePolicyNotApplicable)
	}
	for _, m := range res.Matrix {
		if m.Verdict != audit.VerdictSDKAbsent {
			t.Errorf("row %q: %s", m.Label, m.Verdict)
		}
	}
	// The IM app's APK, with the SDK, is evaluated.
	im := auditBytes(t, "im.apk", sdktest.IMApp())
	if len(findingsOf(im, audit.RuleRequiredMissing)) == 0 {
		t.Error("the IM app is not evaluated against the IM SDK's policy")
	}
}

// TestIPACommonSDKManifestInResourceBundle: an SDK "includes" its privacy
// manifest (ITMS-91061) wherever Apple's layouts put it: anywhere inside
// its framework, or in a resource bundle of the app that bears its name
// (CocoaPods resource_bundles, SwiftPM <package>_<target>); a bundle
// named after another SDK, or holding no manifest, does not count.
func TestIPACommonSDKManifestInResourceBundle(t *testing.T) {
	manifest := iostest.XMLPlist(map[string]any{"NSPrivacyTracking": false})
	tests := []struct {
		name       string
		frameworks []string
		manifests  []string // paths inside Payload/Shop.app of PrivacyInfo.xcprivacy files
		extra      []string // other files inside Payload/Shop.app
		missing    string   // the SDKs reported, comma-separated
	}{
		{"at the framework's root", []string{"FirebaseMessaging"},
			[]string{"Frameworks/FirebaseMessaging.framework"}, nil, ""},
		{"in a bundle inside the framework", []string{"FirebaseMessaging"},
			[]string{"Frameworks/FirebaseMessaging.framework/FirebaseMessaging_Privacy.bundle"}, nil, ""},
		{"abseil's xcprivacy.bundle inside the framework", []string{"Abseil"},
			[]string{"Frameworks/Abseil.framework/xcprivacy.bundle"}, nil, ""},
		{"in an app-level <SDK>_Privacy.bundle", []string{"FirebaseMessaging", "GoogleUtilities"},
			[]string{"FirebaseMessaging_Privacy.bundle", "GoogleUtilities_Privacy.bundle"}, nil, ""},
		{"in an app-level <SDK>.bundle", []string{"Alamofire"}, []string{"Alamofire.bundle"}, nil, ""},
		{"in a SwiftPM <package>_<target>.bundle", []string{"FirebaseMessaging"},
			[]string{"Firebase_FirebaseMessaging.bundle"}, nil, ""},
		{"another SDK's bundle does not count", []string{"FirebaseMessaging", "GoogleUtilities"},
			[]string{"GoogleUtilities_Privacy.bundle"}, nil, "FirebaseMessaging"},
		{"a longer name is another SDK", []string{"FirebaseCore", "FirebaseCoreInternal"},
			[]string{"FirebaseCoreInternal_Privacy.bundle"}, nil, "FirebaseCore"},
		{"the longest name owns the bundle", []string{"FBSDKCoreKit", "FBSDKCoreKit_Basics"},
			[]string{"FBSDKCoreKit_Basics.bundle"}, nil, "FBSDKCoreKit"},
		{"a bundle inside another framework", []string{"FirebaseMessaging", "GoogleUtilities"},
			[]string{"Frameworks/GoogleUtilities.framework/FirebaseMessaging_Privacy.bundle"}, nil, "FirebaseMessaging"},
		{"a bundle without a manifest", []string{"FirebaseMessaging"}, nil,
			[]string{"FirebaseMessaging_Privacy.bundle/Info.plist"}, "FirebaseMessaging"},
		{"a manifest under another name", []string{"Alamofire"}, nil,
			[]string{"Frameworks/Alamofire.framework/Privacy.xcprivacy"}, "Alamofire"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := iostest.Bundle{Name: "Shop", Info: map[string]any{"CFBundleIdentifier": "com.example.shop"}}
			var files []iostest.File
			for _, fw := range tt.frameworks {
				files = append(files, iostest.File{Name: "Payload/Shop.app/Frameworks/" + fw + ".framework/" + fw, Data: []byte("x")})
			}
			for _, dir := range tt.manifests {
				files = append(files, iostest.File{Name: "Payload/Shop.app/" + dir + "/PrivacyInfo.xcprivacy", Data: manifest})
			}
			for _, name := range tt.extra {
				files = append(files, iostest.File{Name: "Payload/Shop.app/" + name, Data: manifest})
			}
			var got []string
			for _, f := range findingsOf(auditBytes(t, "shop.ipa", iostest.IPA(app, files...)), audit.RuleSDKPrivacyManifest) {
				got = append(got, f.Permission)
			}
			if strings.Join(got, ",") != tt.missing {
				t.Errorf("%s reported for %q, want %q", audit.RuleSDKPrivacyManifest, got, tt.missing)
			}
		})
	}
}

// TestIPAUnreadablePrivacyManifest: a garbage PrivacyInfo.xcprivacy is an
// error (App Store Connect rejects an invalid manifest, ITMS-91056), the
// SDK still has its manifest (no ITMS-91061 on top), and the data-type
// check says the manifest could not be read instead of claiming that none
// declares the type.
func TestIPAUnreadablePrivacyManifest(t *testing.T) {
	const appManifest, fwManifest = "Payload/A.app/PrivacyInfo.xcprivacy", "Payload/A.app/Frameworks/Alamofire.framework/PrivacyInfo.xcprivacy"
	tests := []struct {
		name       string
		app, sdk   []byte
		invalid    []string // entries reported as ios-privacy-manifest-invalid
		unreadText string   // in every privacy-manifest-data-missing message; "" for the usual wording
	}{
		{"both garbage", []byte("<garbage"), []byte("\x00\x00"), []string{fwManifest, appManifest},
			"2 privacy manifests could not be read (" + fwManifest + ", " + appManifest + ")"},
		{"the SDK's garbage", iostest.XMLPlist(map[string]any{"NSPrivacyTracking": false}), []byte("bplist00junk"), []string{fwManifest},
			"1 privacy manifest could not be read (" + fwManifest + ")"},
		{"both valid", iostest.XMLPlist(map[string]any{"NSPrivacyTracking": false}), iostest.XMLPlist(map[string]any{"NSPrivacyTracking": false}), nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := iostest.Zip(
				iostest.File{Name: "Payload/A.app/Info.plist", Data: iostest.BinaryPlist(map[string]any{"CFBundleIdentifier": "com.a", "CFBundleExecutable": "A"})},
				iostest.File{Name: appManifest, Data: tt.app},
				iostest.File{Name: "Payload/A.app/Frameworks/Alamofire.framework/Alamofire", Data: []byte("x")},
				iostest.File{Name: fwManifest, Data: tt.sdk})
			res := auditBytes(t, "a.ipa", data)
			var invalid []string
			for _, f := range findingsOf(res, "ios-privacy-manifest-invalid") {
				if f.Severity != audit.SeverityError || !strings.Contains(f.Message, "ITMS-91056") {
					t.Errorf("finding %+v, want an ITMS-91056 error", f)
				}
				invalid = append(invalid, f.Location.Entry)
			}
			if strings.Join(invalid, " ") != strings.Join(tt.invalid, " ") {
				t.Errorf("invalid manifests reported at %q, want %q", invalid, tt.invalid)
			}
			if fs := findingsOf(res, "ios-bundle-unread"); len(fs) != 0 {
				t.Errorf("an invalid manifest is not an unread bundle part: %+v", fs)
			}
			if fs := findingsOf(res, audit.RuleSDKPrivacyManifest); len(fs) != 0 {
				t.Errorf("Alamofire ships its manifest, however broken: %+v", fs)
			}
			missing := findingsOf(res, audit.RulePrivacyDataMissing)
			if len(missing) == 0 {
				t.Fatal("no privacy-manifest-data-missing finding: the fixture declares no data type")
			}
			for _, f := range missing {
				says := strings.Contains(f.Message, "no privacy manifest in the app declares")
				if tt.unreadText == "" && !says || tt.unreadText != "" && (says || !strings.Contains(f.Message, tt.unreadText)) {
					t.Errorf("message %q, want it to say %q", f.Message, tt.unreadText)
				}
				if f.Location.Entry != appManifest {
					t.Errorf("finding at %q, want the app's manifest", f.Location.Entry)
				}
			}
		})
	}
}
