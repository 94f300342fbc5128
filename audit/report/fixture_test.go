package report

import (
	"fmt"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// handResult builds a result the parsers cannot produce from the files
// under testdata: a package whose findings sit in archive entries and
// modules, a path that needs percent-encoding, a parser observation, text
// that needs escaping in every format.
func handResult(t testing.TB) *audit.Result {
	t.Helper()
	cs, pol := builtins(t)
	apk := audit.Declaration{Platform: audit.Android,
		Artifact: audit.Artifact{Path: "build/out dir/app-release #1.apk", Kind: "apk",
			SHA256: "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea", Size: 1234567},
		App:     audit.App{ID: "com.example.chat", Version: "2.4.1", MinLevel: "24", TargetLevel: "34"},
		Modules: []audit.Module{{Name: "base", Kind: "base", Entry: "AndroidManifest.xml"}, {Name: "camera", Kind: "split", Entry: "split_camera.apk"}},
		Permissions: []audit.Permission{
			{Name: "android.permission.INTERNET", Form: audit.FormUsesPermission, Entry: "AndroidManifest.xml", Module: "base"},
			{Name: "android.permission.READ_CONTACTS", Form: audit.FormUsesPermission, Entry: "AndroidManifest.xml", Module: "base"},
			{Name: "android.permission.CAMERA", Form: audit.FormUsesPermission, Entry: "split_camera.apk!AndroidManifest.xml", Module: "camera"},
		},
		Notes: []audit.Note{{RuleID: "package-prepended-data", Severity: audit.SeverityWarning,
			Message: `=HYPERLINK("x") 12 bytes precede the zip <data> & "quotes"`}},
	}
	manifest := audit.Declaration{Platform: audit.Android,
		Artifact: audit.Artifact{Path: "app/src/main/AndroidManifest.xml", Kind: "android-manifest",
			SHA256: "b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c", Size: 812},
		App: audit.App{ID: "com.example.chat", MinLevel: "21", TargetLevel: "28"},
		Permissions: []audit.Permission{
			{Name: "android.permission.INTERNET", Form: audit.FormUsesPermission, Line: 4},
			{Name: "android.permission.ACCESS_FINE_LOCATION", Form: audit.FormUsesPermission, Line: 5},
			{Name: "android.permission.CAMERA", Form: audit.FormUsesPermission, Line: 9, Misplaced: "application"},
		},
	}
	return &audit.Result{Tool: testTool, Policies: []*audit.Policy{pol}, FailOn: audit.SeverityWarning,
		Artifacts: []audit.ArtifactResult{audit.Evaluate(apk, []*audit.Policy{pol}, cs), audit.Evaluate(manifest, []*audit.Policy{pol}, cs)},
		Errors:    []audit.InputError{{Path: "dist/broken.ipa", Entry: "Payload/App.app/Info.plist", Line: 3, Message: "unexpected end of plist"}},
	}
}

// bigBatch is a result of n artifacts, each with findings: the shape of a
// monorepo or an app store crawl.
func bigBatch(t testing.TB, n int) *audit.Result {
	t.Helper()
	cs, pol := builtins(t)
	r := &audit.Result{Tool: testTool, Policies: []*audit.Policy{pol}, FailOn: audit.SeverityError}
	for i := 0; i < n; i++ {
		d := audit.Declaration{Platform: audit.Android,
			Artifact: audit.Artifact{Path: fmt.Sprintf("apps/module-%04d/src/main/AndroidManifest.xml", i), Kind: "android-manifest",
				SHA256: fmt.Sprintf("%064x", i), Size: int64(900 + i)},
			App: audit.App{ID: fmt.Sprintf("com.example.app%04d", i), Version: "1.0", MinLevel: "21", TargetLevel: "34"},
			Permissions: []audit.Permission{
				{Name: "android.permission.INTERNET", Form: audit.FormUsesPermission, Line: 3},
				{Name: "android.permission.READ_CONTACTS", Form: audit.FormUsesPermission, Line: 4},
				{Name: "android.permission.READ_SMS", Form: audit.FormUsesPermission, Line: 5},
			}}
		r.Artifacts = append(r.Artifacts, audit.Evaluate(d, r.Policies, cs))
	}
	return r
}
