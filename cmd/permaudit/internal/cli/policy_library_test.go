package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/permaudit/permaudit/platforms/sdktest"
)

// getuiRequired is what Getui's Android overview (5.1) requires, the
// custom permission named after the app.
var getuiRequired = []string{"android.permission.INTERNET", "android.permission.ACCESS_NETWORK_STATE",
	"android.permission.ACCESS_WIFI_STATE", "android.permission.VIBRATE", "android.permission.GET_TASKS",
	"getui.permission.GetuiService.com.example.push", "android.permission.SCHEDULE_EXACT_ALARM",
	"com.vivo.notification.permission.BADGE_ICON"}

// TestAuditBuiltinSDKPolicy audits APKs that embed the Getui push SDK (or
// not) against the built-in getui policy: each required permission is
// satisfied when the merged manifest declares it, missing with a finding
// when it does not, and nothing is evaluated without the SDK.
func TestAuditBuiltinSDKPolicy(t *testing.T) {
	without := func(drop ...string) []string {
		return slices.DeleteFunc(slices.Clone(getuiRequired), func(p string) bool { return slices.Contains(drop, p) })
	}
	getui := []string{"Lcom/igexin/sdk/PushManager;", "Lcom/igexin/sdk/PushService;"}
	tests := []struct {
		name     string
		apk      sdktest.APK
		code     int
		verdicts map[string]string // permission -> verdict; every other row satisfied
		missing  []string          // required-missing findings
	}{
		{"all required declared", sdktest.APK{Package: "com.example.push", Permissions: getuiRequired, Classes: getui}, 0, nil, nil},
		{"custom permission and vibration missing",
			sdktest.APK{Package: "com.example.push", Permissions: without("android.permission.VIBRATE", "getui.permission.GetuiService.com.example.push"), Classes: getui},
			1, map[string]string{"android.permission.VIBRATE": "missing", "getui.permission.GetuiService.com.example.push": "missing"},
			[]string{"android.permission.VIBRATE", "getui.permission.GetuiService.com.example.push"}},
		{"custom permission named after another app",
			sdktest.APK{Package: "com.example.other", Permissions: getuiRequired, Classes: getui},
			1, map[string]string{"getui.permission.GetuiService.com.example.other": "missing"},
			[]string{"getui.permission.GetuiService.com.example.other"}},
		{"SDK not embedded", sdktest.APK{Package: "com.example.push", Permissions: without("android.permission.VIBRATE"),
			Classes: []string{"Lcom/example/push/Main;"}}, 0, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "push.apk")
			if err := os.WriteFile(path, tc.apk.Build(), 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runCLI("audit", "--policy", "getui", "--format", "json", path)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, errOut)
			}
			var doc struct {
				Artifacts []struct {
					Matrix []struct {
						Policy, Verdict string
						Expected        []string
					}
					Findings []struct{ RuleID, Permission string }
				}
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Artifacts) != 1 {
				t.Fatalf("report: %v", err)
			}
			a := doc.Artifacts[0]
			if len(a.Matrix) != 8 {
				t.Fatalf("%d matrix rows, want getui's 8", len(a.Matrix))
			}
			for _, row := range a.Matrix {
				want := "satisfied"
				if tc.name == "SDK not embedded" {
					want = "SDK not present"
				} else if v, ok := tc.verdicts[row.Expected[0]]; ok {
					want = v
				}
				if row.Policy != "getui" || row.Verdict != want {
					t.Errorf("row %v: %s %q, want getui %q", row.Expected, row.Policy, row.Verdict, want)
				}
			}
			var missing []string
			for _, f := range a.Findings {
				if f.RuleID == "required-missing" {
					missing = append(missing, f.Permission)
				}
			}
			slices.Sort(missing)
			if !slices.Equal(missing, tc.missing) {
				t.Errorf("required-missing for %v, want %v", missing, tc.missing)
			}
		})
	}
}
