package audit

import (
	"strings"
	"testing"
)

// TestBeyondPolicyOnlyFromPoliciesWithRows: a policy with no row for the
// artifact's platform (a data-only statement such as xiaomi-mipush, or a
// policy written for another platform) requires and allows nothing there,
// so it puts no permission beyond the policy; the findings name the
// policies that do judge, and one note says when none does.
func TestBeyondPolicyOnlyFromPoliciesWithRows(t *testing.T) {
	cs, _ := builtin(t)
	dataOnly := &Policy{ID: "data-only", Name: "data-only", DataItems: []DataItem{{Item: "RegID", Purpose: "push", Platforms: []Platform{Android}}}}
	cam := policyOf(t, cs, "cam", "optional android CAMERA")
	mic := policyOf(t, cs, "mic", "optional android RECORD_AUDIO")
	iosOnly := policyOf(t, cs, "ios-only", "optional ios NSCameraUsageDescription")
	app := android("34", "INTERNET", "CAMERA", "RECORD_AUDIO", "READ_CONTACTS")
	tests := []struct {
		name     string
		decl     Declaration
		policies []*Policy
		beyond   string // permission:message tail in report order (warnings first); "" = none
		note     string // part of the policy-no-rows message; "" = no note
	}{
		{"a data-only policy makes no claim", app, []*Policy{dataOnly}, "",
			"data-only has no permission row for Android, so the 4 permission(s)"},
		{"a policy for another platform makes no claim", app, []*Policy{iosOnly}, "", "ios-only has no permission row for Android"},
		{"two rowless policies are named together", app, []*Policy{dataOnly, iosOnly}, "", "data-only and ios-only have no permission row"},
		{"beside a policy with rows, only that one judges", app, []*Policy{dataOnly, cam},
			"READ_CONTACTS:the-policy-cam-neither-requires-nor-allows-it RECORD_AUDIO:the-policy-cam-neither-requires-nor-allows-it INTERNET:the-policy-cam-neither-requires-nor-allows-it", ""},
		{"several judging policies are all named", app, []*Policy{cam, dataOnly, mic},
			"READ_CONTACTS:the-policies-cam-and-mic-neither-require-nor-allow-it INTERNET:the-policies-cam-and-mic-neither-require-nor-allow-it", ""},
		{"nothing asked for, nothing to say", android("34"), []*Policy{dataOnly}, "", ""},
		{"no policy at all: no claim and no note", app, nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Evaluate(tt.decl, tt.policies, cs)
			var beyond, notes []string
			for _, f := range res.Findings {
				switch f.RuleID {
				case RuleBeyondPolicy:
					_, tail, _ := strings.Cut(f.Message, " but ")
					beyond = append(beyond, strings.TrimPrefix(f.Permission, "android.permission.")+":"+strings.ReplaceAll(tail, " ", "-"))
				case RuleNoPermissionRows:
					notes = append(notes, f.Message)
					if f.Severity != SeverityNote || f.Permission != "" {
						t.Errorf("policy-no-rows = %+v, want an artifact-wide note", f)
					}
				}
			}
			if got := strings.Join(beyond, " "); got != tt.beyond {
				t.Errorf("beyond-policy:\n got %s\nwant %s", got, tt.beyond)
			}
			switch {
			case tt.note == "" && len(notes) > 0:
				t.Errorf("unexpected policy-no-rows: %q", notes)
			case tt.note != "" && (len(notes) != 1 || !strings.Contains(notes[0], tt.note)):
				t.Errorf("policy-no-rows = %q, want one note containing %q", notes, tt.note)
			}
		})
	}
}
