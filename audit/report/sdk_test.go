package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// sdkResult is an APK whose merged manifest carries the IM SDK and MiPush.
func sdkResult(t *testing.T) *audit.Result {
	t.Helper()
	cs, pol := builtins(t)
	d := audit.Declaration{Platform: audit.Android, Artifact: audit.Artifact{Path: "im.apk", Kind: "apk"},
		App: audit.App{ID: "com.example.chat", MinLevel: "24", TargetLevel: "34"}, CodeScanned: true,
		Signals: []audit.Signal{{Kind: audit.SignalAndroidMetaData, Value: "EASEMOB_APPKEY"}, {Kind: audit.SignalDexPackage, Value: "com.xiaomi.mipush.sdk"}}}
	for i, n := range []string{"android.permission.INTERNET", "android.permission.VIBRATE", "android.permission.READ_CONTACTS"} {
		d.Permissions = append(d.Permissions, audit.Permission{Name: n, Form: audit.FormUsesPermission, Line: i + 2, Entry: "AndroidManifest.xml"})
	}
	return &audit.Result{Tool: audit.Tool{Name: "permaudit", Version: "test"}, Policies: []*audit.Policy{pol},
		Artifacts: []audit.ArtifactResult{audit.Evaluate(d, []*audit.Policy{pol}, cs)}, FailOn: audit.SeverityError}
}

// Every format names what brought each permission.
func TestReportsNameWhatDeclaredEachPermission(t *testing.T) {
	r := sdkResult(t)
	for _, tc := range []struct {
		format string
		want   []string
	}{
		{"table", []string{"DECLARED BY", "easemob-im, xiaomi-mipush", "Xiaomi MiPush (xiaomi-mipush)", "│ android.permission.READ_CONTACTS │ app"}},
		{"json", []string{`"declaredBy": [`, `"xiaomi-mipush"`, `"sdks": [`, `"evidence": [`}},
		{"html", []string{"Third-party SDKs", "declared by xiaomi-mipush", `<a href="https://dev.mi.com/console/doc/detail?pId=1822">Xiaomi MiPush</a>`}},
		{"sarif", []string{`"declaredBy":["xiaomi-mipush"]`}},
		{"markdown", []string{"| Declared by | Vendor | Permissions | Found by |",
			"| [Xiaomi MiPush](<https://dev.mi.com/console/doc/detail?pId=1822>) `xiaomi-mipush` | Beijing Xiaomi Mobile Software Co., Ltd. | INTERNET, VIBRATE | dex-package com.xiaomi.mipush.sdk |",
			"| the app | - | READ\\_CONTACTS | - |"}},
	} {
		t.Run(tc.format, func(t *testing.T) {
			f, err := Lookup(tc.format)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			// A terminal wide enough that no cell wraps.
			if err := WriterFor(f, Options{Width: 1000}).Write(&buf, r); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if tc.format == "sarif" {
				out = strings.Join(strings.Fields(out), "")
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("%s output lacks %q", tc.format, w)
				}
			}
		})
	}
}
