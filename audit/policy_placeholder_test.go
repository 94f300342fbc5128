package audit

import (
	"reflect"
	"testing"
)

// TestPolicyRowsNameTheApp: a row naming "${applicationId}" is met by the
// permission named after the app being audited, the way the manifest
// merger expands it, and the policy itself is left as written.
func TestPolicyRowsNameTheApp(t *testing.T) {
	cs, _ := builtin(t)
	const own = AppIDPlaceholder + ".permission.MIPUSH_RECEIVE"
	pol := &Policy{ID: "push", Rows: []PolicyRow{
		{Label: "own receive permission", Level: LevelRequired, Category: "other", Platforms: map[Platform]*Match{
			Android:   {AllOf: []string{own}, Custom: true},
			HarmonyOS: {AllOf: []string{"ohos.permission.INTERNET"}},
		}},
	}}
	if err := pol.Validate(cs); err != nil {
		t.Fatal(err)
	}
	written := pol.Rows[0].Platforms[Android].AllOf[0]
	tests := []struct {
		name, appID, declared string
		verdict               string
		expected              string
	}{
		{"declared with the app's id", "com.example", "com.example.permission.MIPUSH_RECEIVE", VerdictSatisfied, "com.example.permission.MIPUSH_RECEIVE"},
		{"declared with another app's id", "com.example", "com.other.permission.MIPUSH_RECEIVE", VerdictMissing, "com.example.permission.MIPUSH_RECEIVE"},
		{"id unknown, placeholder left in a source manifest", "", own, VerdictSatisfied, own},
		{"id unknown, expanded name cannot be checked", "", "com.example.permission.MIPUSH_RECEIVE", VerdictMissing, own},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := android("34", tc.declared)
			d.App.ID = tc.appID
			res := Evaluate(d, []*Policy{pol}, cs)
			if len(res.Matrix) != 1 {
				t.Fatalf("matrix %+v", res.Matrix)
			}
			m := res.Matrix[0]
			if m.Verdict != tc.verdict || !reflect.DeepEqual(m.Expected, []string{tc.expected}) {
				t.Errorf("verdict %q expecting %v, want %q expecting %s", m.Verdict, m.Expected, tc.verdict, tc.expected)
			}
			if got := pol.Rows[0].Platforms[Android].AllOf[0]; got != written {
				t.Errorf("the policy was changed in place: %s", got)
			}
			if got := pol.Rows[0].Platforms[HarmonyOS]; withAppID([]*Policy{pol}, "x")[0].Rows[0].Platforms[HarmonyOS] != got {
				t.Error("a non-Android match was copied or changed")
			}
		})
	}
}
