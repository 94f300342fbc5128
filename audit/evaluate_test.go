package audit

import (
	"strings"
	"testing"
)

func builtin(t *testing.T) (*Catalogs, *Policy) {
	t.Helper()
	cs, err := BuiltinCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	p, err := BuiltinPolicy(DefaultPolicyID, cs)
	if err != nil {
		t.Fatal(err)
	}
	return cs, p
}

// android builds a declaration from "NAME" or "NAME@maxSdk" entries.
func android(target string, names ...string) Declaration {
	d := Declaration{Platform: Android, Artifact: Artifact{Path: "AndroidManifest.xml"}, App: App{ID: "com.example", MinLevel: "24", TargetLevel: target}}
	for i, n := range names {
		p := Permission{Name: n, Form: FormUsesPermission, Line: i + 2}
		if at := strings.IndexByte(n, '@'); at > 0 {
			p.Name = n[:at]
			for _, c := range n[at+1:] {
				p.MaxSdkVersion = p.MaxSdkVersion*10 + int(c-'0')
			}
		}
		if !strings.Contains(p.Name, ".") {
			p.Name = "android.permission." + p.Name
		}
		d.Permissions = append(d.Permissions, p)
	}
	return d
}

var networkOK = []string{"INTERNET", "ACCESS_NETWORK_STATE", "ACCESS_WIFI_STATE", "CHANGE_WIFI_STATE"}

func with(extra ...string) []string { return append(append([]string{}, networkOK...), extra...) }

// rules renders findings as "rule:PERMISSION" for compact comparison.
func rules(fs []Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.RuleID+":"+short(f.Permission))
	}
	return strings.Join(out, " ")
}

func TestEvaluateAndroid(t *testing.T) {
	cs, pol := builtin(t)
	tests := []struct {
		name   string
		decl   Declaration
		want   string // findings, severity order
		failed bool   // at --fail-on error
	}{
		{"compliant legacy app", android("28", with("READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE")...), "", false},
		{"missing INTERNET", android("28", "ACCESS_NETWORK_STATE", "ACCESS_WIFI_STATE", "CHANGE_WIFI_STATE", "READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE"),
			"required-missing:INTERNET", true},
		{"target 28 without storage", android("28", networkOK...),
			"required-missing:READ_EXTERNAL_STORAGE required-missing:WRITE_EXTERNAL_STORAGE", true},
		{"modern storage idiom passes", android("34", with("READ_EXTERNAL_STORAGE@32", "WRITE_EXTERNAL_STORAGE@29", "READ_MEDIA_IMAGES")...),
			"", false},
		{"modern without WRITE warns for old devices", android("34", with("READ_EXTERNAL_STORAGE@32", "READ_MEDIA_IMAGES")...),
			"required-limited:WRITE_EXTERNAL_STORAGE", false},
		{"maxSdk without replacement is limited", android("34", with("READ_EXTERNAL_STORAGE@32", "WRITE_EXTERNAL_STORAGE@29")...),
			"required-limited:READ_EXTERNAL_STORAGE required-limited:WRITE_EXTERNAL_STORAGE", false},
		{"optional and beyond", android("28", with("READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE", "CAMERA", "ACCESS_FINE_LOCATION", "READ_CONTACTS")...),
			"beyond-policy:READ_CONTACTS optional-declared:ACCESS_FINE_LOCATION optional-declared:CAMERA", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Evaluate(tt.decl, []*Policy{pol}, cs)
			if got := rules(res.Findings); got != tt.want {
				t.Errorf("findings\n got: %s\nwant: %s", got, tt.want)
				for _, f := range res.Findings {
					t.Log(f.Message)
				}
			}
			r := &Result{Artifacts: []ArtifactResult{res}, FailOn: SeverityError}
			if r.Failed() != tt.failed {
				t.Errorf("Failed() = %v, want %v", r.Failed(), tt.failed)
			}
		})
	}
}

func TestEvaluateMisplacedAndRemoved(t *testing.T) {
	cs, pol := builtin(t)
	d := android("28", with("READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE")...)
	d.Permissions[0].Removed = true // INTERNET removed by tools:node="remove"
	d.Permissions = append(d.Permissions, Permission{Name: "android.permission.CAMERA", Form: FormUsesPermission, Misplaced: "application", Line: 40})
	res := Evaluate(d, []*Policy{pol}, cs)
	if got, want := rules(res.Findings), "required-missing:INTERNET permission-misplaced:CAMERA"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	if res.Findings[1].Location.Line != 40 {
		t.Errorf("misplaced finding line = %d", res.Findings[1].Location.Line)
	}
}

func TestEvaluateIOS(t *testing.T) {
	cs, pol := builtin(t)
	key := func(name, text string, has bool) Permission {
		return Permission{Name: name, Form: FormUsageDescription, Purpose: text, HasPurpose: has}
	}
	tests := []struct {
		name  string
		perms []Permission
		want  string
	}{
		{"nothing declared passes: network is implicit", nil, ""},
		{"empty purpose string", []Permission{key("NSLocationWhenInUseUsageDescription", "  ", true)},
			"purpose-string-empty:NSLocationWhenInUseUsageDescription optional-declared:NSLocationWhenInUseUsageDescription"},
		{"always key without when-in-use", []Permission{key("NSLocationAlwaysAndWhenInUseUsageDescription", "x", true)},
			"purpose-string-missing:NSLocationWhenInUseUsageDescription optional-declared:NSLocationAlwaysAndWhenInUseUsageDescription"},
		{"background location without always key",
			[]Permission{key("NSLocationWhenInUseUsageDescription", "x", true), {Name: "location", Form: FormBackgroundMode}},
			"purpose-string-missing:NSLocationAlwaysAndWhenInUseUsageDescription optional-declared:NSLocationWhenInUseUsageDescription"},
		{"camera is beyond this policy on iOS", []Permission{key("NSCameraUsageDescription", "x", true)},
			"beyond-policy:NSCameraUsageDescription"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Declaration{Platform: IOS, Permissions: tt.perms}
			res := Evaluate(d, []*Policy{pol}, cs)
			if got := rules(res.Findings); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			for _, m := range res.Matrix {
				if m.Label == "Access to the Internet (INTERNET)" && (m.Verdict != VerdictSatisfied || m.Note == "") {
					t.Errorf("iOS network row = %+v, want satisfied with a reason", m)
				}
			}
		})
	}
}

func TestEvaluateHarmony(t *testing.T) {
	cs, pol := builtin(t)
	req := func(name string, reason bool, scene *UsedScene) Permission {
		p := Permission{Name: "ohos.permission." + name, Form: FormRequestPermission, UsedScene: scene}
		if reason {
			p.Purpose, p.HasPurpose = "$string:reason", true
		}
		return p
	}
	scene := &UsedScene{Abilities: []string{"EntryAbility"}, When: "inuse"}
	tests := []struct {
		name  string
		perms []Permission
		want  string
	}{
		{"compliant", []Permission{req("INTERNET", false, nil), req("GET_NETWORK_INFO", false, nil)}, ""},
		{"missing GET_NETWORK_INFO", []Permission{req("INTERNET", false, nil)}, "required-missing:GET_NETWORK_INFO"},
		{"location without pair, reason or scene",
			[]Permission{req("INTERNET", false, nil), req("GET_NETWORK_INFO", false, nil), req("LOCATION", false, nil)},
			"harmony-location-pair:APPROXIMATELY_LOCATION harmony-reason-missing:LOCATION harmony-usedscene-missing:LOCATION optional-declared:LOCATION"},
		{"location done right",
			[]Permission{req("INTERNET", false, nil), req("GET_NETWORK_INFO", false, nil), req("LOCATION", true, scene), req("APPROXIMATELY_LOCATION", true, scene)},
			"optional-declared:APPROXIMATELY_LOCATION optional-declared:LOCATION"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Evaluate(Declaration{Platform: HarmonyOS, Permissions: tt.perms}, []*Policy{pol}, cs)
			if got := rules(res.Findings); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestFingerprintStableAcrossLines(t *testing.T) {
	cs, pol := builtin(t)
	a := Evaluate(android("28", "INTERNET", "READ_CONTACTS"), []*Policy{pol}, cs)
	b := Evaluate(android("28", "ACCESS_NETWORK_STATE", "INTERNET", "READ_CONTACTS"), []*Policy{pol}, cs)
	fp := func(r ArtifactResult) string {
		for _, f := range r.Findings {
			if f.RuleID == RuleBeyondPolicy {
				return f.Fingerprint
			}
		}
		return ""
	}
	if fp(a) == "" || fp(a) != fp(b) {
		t.Errorf("fingerprints differ or empty: %q %q", fp(a), fp(b))
	}
}
