package audit

import (
	"strings"
	"testing"
)

func TestCheckConsistency(t *testing.T) {
	rn := &AppGroup{Name: "Chat", Framework: "React Native", Root: "app"}
	art := func(p Platform, g *AppGroup, cats ...string) ArtifactResult {
		a := ArtifactResult{Declaration: Declaration{Platform: p, Group: g, Artifact: Artifact{Path: string(p)}}}
		for _, c := range cats {
			a.Effective = append(a.Effective, EffectivePermission{Name: c + "-perm", Category: c, Why: "declared"})
		}
		return a
	}
	tests := []struct {
		name string
		arts []ArtifactResult
		want []string // "platform:category" findings
	}{
		{"camera on Android only", []ArtifactResult{art(Android, rn, "camera", "network"), art(IOS, rn)}, []string{"ios:camera"}},
		{"declared everywhere", []ArtifactResult{art(Android, rn, "camera"), art(IOS, rn, "camera"), art(HarmonyOS, rn, "camera")}, nil},
		{"location on iOS, missing on two", []ArtifactResult{art(Android, rn), art(IOS, rn, "location"), art(HarmonyOS, rn)}, []string{"android:location", "harmonyos:location"}},
		{"network is not a prompt", []ArtifactResult{art(Android, rn, "network"), art(IOS, rn)}, nil},
		{"not grouped", []ArtifactResult{art(Android, nil, "camera"), art(IOS, nil)}, nil},
		{"other app", []ArtifactResult{art(Android, rn, "camera"), art(IOS, &AppGroup{Root: "other"})}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			CheckConsistency(tt.arts, nil)
			var got []string
			for _, a := range tt.arts {
				for _, f := range a.Findings {
					if f.RuleID != RuleCrossPlatform || f.Fingerprint == "" || f.Severity != SeverityWarning {
						t.Errorf("finding %+v", f)
					}
					got = append(got, string(f.Platform)+":"+f.Category)
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("findings %v, want %v", got, tt.want)
			}
		})
	}
}

func TestGroupPackagesByAppID(t *testing.T) {
	pkg := func(p Platform, kind, id string) ArtifactResult {
		return ArtifactResult{Declaration: Declaration{Platform: p, App: App{ID: id}, Artifact: Artifact{Kind: kind}}}
	}
	arts := []ArtifactResult{
		pkg(Android, "aab", "com.example.chat"), pkg(IOS, "ipa", "com.example.chat"), pkg(HarmonyOS, "hap", "com.example.chat"),
		pkg(Android, "apk", "com.example.other"), pkg(Android, "apk", "com.example.other"), // one platform only
		pkg(IOS, "info-plist", "com.example.solo"), pkg(Android, "android-manifest", "com.example.solo"), // not packages
	}
	GroupPackagesByAppID(arts)
	for i, want := range []bool{true, true, true, false, false, false, false} {
		if (arts[i].Group != nil) != want {
			t.Errorf("artifact %d grouped %v, want %v", i, arts[i].Group != nil, want)
		}
	}
	if arts[0].Group.Name != "com.example.chat" {
		t.Errorf("group %+v", arts[0].Group)
	}
}

// TestAuditFiltersCrossPlatformFindings: the cross-platform check runs
// after the pool, and its findings are waived like any other; a waiver
// that matches one counts as applied.
func TestAuditFiltersCrossPlatformFindings(t *testing.T) {
	cs, err := BuiltinCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	rn := &AppGroup{Name: "Chat", Framework: "React Native", Root: "app"}
	decls := []Declaration{
		{Platform: Android, Group: rn, Artifact: Artifact{Path: "app/android", Kind: "android-manifest"},
			Permissions: []Permission{{Name: "android.permission.CAMERA", Form: FormUsesPermission}}},
		{Platform: IOS, Group: rn, Artifact: Artifact{Path: "app/ios", Kind: "info-plist"}},
	}
	inputs := func(yield func(Found) bool) {
		for _, d := range decls {
			if !yield(Found{Path: d.Artifact.Path, Read: func() (Declaration, error) { return d, nil }}) {
				return
			}
		}
	}
	for _, workers := range []int{1, 2} {
		run := Run{Catalogs: cs, Workers: workers, Filter: Filter{FailOn: SeverityWarning,
			Waivers: []Waiver{{Rule: RuleCrossPlatform, Reason: "iOS build has no camera feature"}}}}
		res, err := run.Audit(inputs)
		if err != nil {
			t.Fatal(err)
		}
		var cross []Finding
		for _, a := range res.Artifacts {
			for _, f := range a.Findings {
				if f.RuleID == RuleCrossPlatform {
					cross = append(cross, f)
				}
			}
		}
		if len(cross) != 1 || cross[0].Suppression == nil || cross[0].Suppression.Kind != SuppressedByWaiver {
			t.Fatalf("-j %d: cross-platform findings %+v, want one, waived", workers, cross)
		}
		if len(res.Waivers) != 1 || res.Waivers[0].Status != WaiverApplied || res.Waivers[0].Matched != 1 {
			t.Errorf("-j %d: waivers %+v, want one applied to one finding", workers, res.Waivers)
		}
	}
}
