package platforms

import (
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android"
	"github.com/permaudit/permaudit/platforms/sdktest"
)

// TestPackedAPKIsAuditedAsALoneManifest: a 360 Jiagu stub (Application
// com.stub.StubApp, assets/libjiagu.so, a loader dex) hides the app's
// code, so "none of the IM SDK's signatures" proves nothing: the IM
// policy's rows are evaluated and a note names the packer, where the same
// app unpacked gets policy-sdk-absent.
func TestPackedAPKIsAuditedAsALoneManifest(t *testing.T) {
	app := sdktest.APK{Package: "com.example.packed", Permissions: []string{"android.permission.INTERNET", "android.permission.CAMERA"},
		Classes: []string{"Lcom/stub/StubApp;", "Lcom/qihoo/util/QHClassLoader;"}}
	plain := auditBytes(t, "plain.apk", app.Build())
	if len(findingsOf(plain, audit.RulePolicyNotApplicable)) != 1 {
		t.Fatalf("the unpacked app: %+v", plain.Findings)
	}
	app.Application, app.Files = "com.stub.StubApp", []string{"assets/libjiagu.so"}
	res := auditBytes(t, "packed.apk", app.Build())
	if fs := findingsOf(res, audit.RulePolicyNotApplicable); len(fs) != 0 {
		t.Errorf("a packed app is said not to embed the SDK: %+v", fs)
	}
	if len(findingsOf(res, audit.RuleRequiredMissing)) == 0 {
		t.Error("the IM policy's rows were not evaluated")
	}
	for _, m := range res.Matrix {
		if m.Verdict == audit.VerdictSDKAbsent {
			t.Errorf("row %q says %s", m.Label, m.Verdict)
		}
	}
	notes := findingsOf(res, android.RulePacked)
	if len(notes) != 1 || !strings.Contains(notes[0].Message, "360 Jiagu") || !strings.Contains(notes[0].Message, "assets/libjiagu.so") ||
		notes[0].Severity != audit.SeverityNote {
		t.Errorf("package-packed findings %+v, want one note naming 360 Jiagu and its loader", notes)
	}
	if present, known := res.SDKPresent("easemob-im"); present || known {
		t.Errorf("SDKPresent(easemob-im) = %v, %v; want unknown", present, known)
	}
}
