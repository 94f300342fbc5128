package ios_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/ios"
	"github.com/permaudit/permaudit/platforms/ios/iostest"
)

func sdkManifest() map[string]any {
	return map[string]any{
		"NSPrivacyTracking":        true,
		"NSPrivacyTrackingDomains": []any{"ads.example.com", "t.example.net"},
		"NSPrivacyCollectedDataTypes": []any{
			map[string]any{
				"NSPrivacyCollectedDataType":         "NSPrivacyCollectedDataTypeDeviceID",
				"NSPrivacyCollectedDataTypeLinked":   false,
				"NSPrivacyCollectedDataTypeTracking": true,
				"NSPrivacyCollectedDataTypePurposes": []any{"NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising", "NSPrivacyCollectedDataTypePurposeAnalytics"},
			},
		},
		"NSPrivacyAccessedAPITypes": []any{
			map[string]any{"NSPrivacyAccessedAPIType": "NSPrivacyAccessedAPICategoryUserDefaults", "NSPrivacyAccessedAPITypeReasons": []any{"CA92.1", "1C8F.1"}},
			map[string]any{"NSPrivacyAccessedAPIType": "NSPrivacyAccessedAPICategoryFileTimestamp", "NSPrivacyAccessedAPITypeReasons": []any{"C617.1"}},
		},
	}
}

func TestParsePrivacyManifest(t *testing.T) {
	tracking := true
	wantManifest := ios.PrivacyManifest{
		Tracking:        &tracking,
		TrackingDomains: []string{"ads.example.com", "t.example.net"},
		CollectedData: []ios.CollectedDataType{{Type: "NSPrivacyCollectedDataTypeDeviceID", Tracking: true,
			Purposes: []string{"NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising", "NSPrivacyCollectedDataTypePurposeAnalytics"}}},
		AccessedAPIs: []ios.AccessedAPI{
			{Category: "NSPrivacyAccessedAPICategoryUserDefaults", Reasons: []string{"CA92.1", "1C8F.1"}},
			{Category: "NSPrivacyAccessedAPICategoryFileTimestamp", Reasons: []string{"C617.1"}},
		},
	}
	wantFacts := []string{
		"privacy.api.NSPrivacyAccessedAPICategoryFileTimestamp=C617.1",
		"privacy.api.NSPrivacyAccessedAPICategoryUserDefaults=CA92.1,1C8F.1",
		"privacy.collected.NSPrivacyCollectedDataTypeDeviceID=linked=false; tracking=true; purposes=NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising,NSPrivacyCollectedDataTypePurposeAnalytics",
		"privacy.tracking=true",
		"privacy.trackingDomain=ads.example.com",
		"privacy.trackingDomain=t.example.net",
	}
	for name, data := range map[string][]byte{"xml": iostest.XMLPlist(sdkManifest()), "binary": iostest.BinaryPlist(sdkManifest())} {
		t.Run(name, func(t *testing.T) {
			d, m, err := ios.ParsePrivacyManifest(data)
			if err != nil {
				t.Fatal(err)
			}
			if d.Artifact.Kind != ios.KindPrivacyManifest || len(d.Permissions) != 0 || len(d.Notes) != 0 {
				t.Errorf("kind %q permissions %v notes %v", d.Artifact.Kind, d.Permissions, d.Notes)
			}
			if !reflect.DeepEqual(m, wantManifest) {
				t.Errorf("manifest:\n got %+v\nwant %+v", m, wantManifest)
			}
			if got := factStrings(d.Facts); !reflect.DeepEqual(got, wantFacts) {
				t.Errorf("facts:\n got %q\nwant %q", got, wantFacts)
			}
			if name == "xml" && d.Facts[0].Line == 0 {
				t.Errorf("XML facts carry no line: %+v", d.Facts[0])
			}
		})
	}
}

func factStrings(facts []audit.Fact) []string {
	out := make([]string, len(facts))
	for i, f := range facts {
		out[i] = f.Key + "=" + f.Value
	}
	return out
}

func TestPrivacyManifestInvalid(t *testing.T) {
	tests := []struct {
		name     string
		manifest map[string]any
		want     []string // substrings of the errors, in order
	}{
		{"empty dict", map[string]any{}, nil},
		{"unknown category", map[string]any{"NSPrivacyAccessedAPITypes": []any{
			map[string]any{"NSPrivacyAccessedAPIType": "NSPrivacyAccessedAPICategoryClipboard", "NSPrivacyAccessedAPITypeReasons": []any{"X.1"}}}},
			[]string{`unknown required-reason API category "NSPrivacyAccessedAPICategoryClipboard"`}},
		{"reason of another category", map[string]any{"NSPrivacyAccessedAPITypes": []any{
			map[string]any{"NSPrivacyAccessedAPIType": "NSPrivacyAccessedAPICategoryDiskSpace", "NSPrivacyAccessedAPITypeReasons": []any{"CA92.1", "e174.1"}}}},
			[]string{`reason "CA92.1" is not a valid reason`, `reason "e174.1"`}},
		{"no reasons", map[string]any{"NSPrivacyAccessedAPITypes": []any{
			map[string]any{"NSPrivacyAccessedAPIType": "NSPrivacyAccessedAPICategoryDiskSpace"}}},
			[]string{"must be a non-empty <array> of reason codes"}},
		{"item not a dict", map[string]any{"NSPrivacyAccessedAPITypes": []any{"NSPrivacyAccessedAPICategoryDiskSpace"}},
			[]string{"item 0 is a <string>, not a <dict>"}},
		{"domains without tracking", map[string]any{"NSPrivacyTracking": false, "NSPrivacyTrackingDomains": []any{"a.example"}},
			[]string{"lists domains but NSPrivacyTracking is not true"}},
		{"tracking as string", map[string]any{"NSPrivacyTracking": "YES"}, []string{"NSPrivacyTracking holds a <string>, not a boolean"}},
		{"collected type unknown, flags missing", map[string]any{"NSPrivacyCollectedDataTypes": []any{
			map[string]any{"NSPrivacyCollectedDataType": "NSPrivacyCollectedDataTypePhotosOrVideos", "NSPrivacyCollectedDataTypePurposes": []any{"Analytics"}}}},
			[]string{"unknown collected data type", "NSPrivacyCollectedDataTypeLinked", "NSPrivacyCollectedDataTypeTracking", `unknown collection purpose "Analytics"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _, err := ios.ParsePrivacyManifest(iostest.XMLPlist(tt.manifest))
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Notes) != len(tt.want) {
				t.Fatalf("notes = %+v, want %d", d.Notes, len(tt.want))
			}
			for i, n := range d.Notes {
				if n.RuleID != ios.RulePrivacyManifestInvalid || n.Severity != audit.SeverityError ||
					!strings.Contains(n.Message, "ITMS-91056") || !strings.Contains(n.Message, tt.want[i]) {
					t.Errorf("note %d = %+v, want %q", i, n, tt.want[i])
				}
				if n.Line == 0 {
					t.Errorf("note %d has no line", i)
				}
			}
		})
	}
}

func TestParsePrivacyManifestBroken(t *testing.T) {
	for name, data := range map[string]string{
		"empty":      "",
		"garbled":    xmlHeader + "<dict><key>NSPrivacyTracking</key><true></dict></plist>",
		"root array": string(iostest.BinaryPlist([]any{"NSPrivacyTracking"})),
	} {
		if _, _, err := ios.ParsePrivacyManifest([]byte(data)); !errors.As(err, new(*audit.ParseError)) {
			t.Errorf("%s: err = %v, want *audit.ParseError", name, err)
		}
	}
}
