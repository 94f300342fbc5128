package audit

import (
	"fmt"
	"strings"
	"testing"
)

// TestPrivacyDataMissingNamesUnreadManifests: the data-type check claims
// that no manifest declares a type only when it read them all; otherwise
// it names the manifests it could not read (at most three, then a count)
// and points at the app's own manifest, read or not.
func TestPrivacyDataMissingNamesUnreadManifests(t *testing.T) {
	const app = "Payload/A.app/PrivacyInfo.xcprivacy"
	sdk := func(i int) string {
		return fmt.Sprintf("Payload/A.app/Frameworks/S%d.framework/PrivacyInfo.xcprivacy", i)
	}
	tests := []struct {
		name   string
		read   []string // manifests read, each declaring only NSPrivacyTracking
		unread []string
		says   string
		at     string
	}{
		{"all read", []string{sdk(1), app}, nil, "but no privacy manifest in the app declares NSPrivacyCollectedDataTypeDeviceID (", app},
		{"the app's unread", []string{sdk(1)}, []string{app},
			"but no privacy manifest permaudit could read declares NSPrivacyCollectedDataTypeDeviceID (Apple: Device ID", app},
		{"one unread", []string{app}, []string{sdk(1)},
			"; 1 privacy manifest could not be read (" + sdk(1) + "), so whether the app declares it is unknown", app},
		{"five unread", nil, []string{app, sdk(1), sdk(2), sdk(3), sdk(4)},
			"; 5 privacy manifests could not be read (" + sdk(1) + ", " + sdk(2) + ", " + sdk(3) + " and 2 more)", app},
	}
	cs, _ := builtin(t)
	pol := &Policy{ID: "p", DataItems: []DataItem{{Item: "Device identification code (APNS Token)", Platforms: []Platform{IOS}}}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Declaration{Platform: IOS, Artifact: Artifact{Path: "a.ipa", Kind: "ipa"}, Permissions: []Permission{}}
			for _, e := range tt.read {
				d.Facts = append(d.Facts, Fact{Key: "privacy.tracking", Value: "false", Entry: e})
			}
			for _, e := range tt.unread {
				d.AddSignal(SignalIOSPrivacyManifestUnread, e, e)
			}
			d.SortSignals()
			var got []Finding
			for _, f := range Evaluate(d, []*Policy{pol}, cs).Findings {
				if f.RuleID == RulePrivacyDataMissing {
					got = append(got, f)
				}
			}
			if len(got) != 1 || !strings.Contains(got[0].Message, tt.says) || got[0].Location.Entry != tt.at {
				t.Fatalf("findings %+v, want one at %s saying %q", got, tt.at, tt.says)
			}
			if tt.unread == nil && strings.Contains(got[0].Message, "could not be read") {
				t.Errorf("message %q speaks of unread manifests", got[0].Message)
			}
		})
	}
}
