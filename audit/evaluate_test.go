package audit

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
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
	if f := res.Findings[0]; !strings.Contains(f.Message, `tools:node="remove"`) || f.Location.Line != 2 {
		t.Errorf("removed permission finding = %q at line %d, want it to name the removal at line 2", f.Message, f.Location.Line)
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
		{"background location with when-in-use is valid",
			[]Permission{key("NSLocationWhenInUseUsageDescription", "x", true), {Name: "location", Form: FormBackgroundMode}},
			"optional-declared:NSLocationWhenInUseUsageDescription optional-declared:location"},
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

// seedRow is one row of the System Permission Application Form in
// section I.3 of the Easemob IM SDK privacy policy, as printed there.
type seedRow struct {
	label, purpose, platforms, required string
	// probe names, per platform, the permission whose absence (required)
	// or presence (optional) the row is about; "" for iOS network.
	probe map[Platform]string
}

var seedTable = []seedRow{
	{"Network connection status (ACCESS_NETWORK_STATE)", "Determine the network connection status and whether the network is available", "Android", "Required permissions",
		map[Platform]string{Android: "android.permission.ACCESS_NETWORK_STATE"}},
	{"Wi-Fi network status (ACCESS_Wi-Fi_STATE and CHANGE_Wi-Fi_STATE)", "Determine the network connection status and whether the network is available", "Android", "Required permissions",
		map[Platform]string{Android: "android.permission.CHANGE_WIFI_STATE"}},
	{"Access to the Internet (INTERNET)", "Determine whether the network is connected to ensure the normal operation of the SDK function", "Android, iOS, HarmonyOS", "Required permissions",
		map[Platform]string{Android: "android.permission.INTERNET", IOS: "", HarmonyOS: "ohos.permission.INTERNET"}},
	{"Get network information (GET_NETWORK_INFO)", "Determine the network connection status and whether the network is available", "HarmonyOS", "Required permissions",
		map[Platform]string{HarmonyOS: "ohos.permission.GET_NETWORK_INFO"}},
	{"Device storage (WRITE_EXTERNAL_STORAGE)", "Provides the function of sending local file messages", "Android", "Required permissions",
		map[Platform]string{Android: "android.permission.WRITE_EXTERNAL_STORAGE"}},
	{"Device storage (READ_EXTERNAL_STORAGE)", "Provides the function of sending local file messages", "Android", "Required permissions",
		map[Platform]string{Android: "android.permission.READ_EXTERNAL_STORAGE"}},
	{"Location information", "Provides the function of sending location messages", "Android, iOS, HarmonyOS", "Non-essential permissions",
		map[Platform]string{Android: "android.permission.ACCESS_COARSE_LOCATION", IOS: "NSLocationWhenInUseUsageDescription", HarmonyOS: "ohos.permission.APPROXIMATELY_LOCATION"}},
	{"CAMERA", "Provides the function of taking photos and sending picture messages", "Android", "Non-essential permissions",
		map[Platform]string{Android: "android.permission.CAMERA"}},
	{"Microphone (RECORD_AUDIO)", "Provides the function of sending audio messages", "Android", "Non-essential permissions",
		map[Platform]string{Android: "android.permission.RECORD_AUDIO"}},
	{"Device storage (STORE_PERSISTENT_DATA)", "Persistently store the data required for the operation of the business system", "HarmonyOS", "Non-essential permissions",
		map[Platform]string{HarmonyOS: "ohos.permission.STORE_PERSISTENT_DATA"}},
}

// compliant is a declaration per platform that meets every required row
// of the built-in policy and declares nothing optional.
func compliant(pl Platform) Declaration {
	switch pl {
	case Android:
		return android("28", with("READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE")...)
	case HarmonyOS:
		return Declaration{Platform: HarmonyOS, Permissions: []Permission{
			{Name: "ohos.permission.INTERNET", Form: FormRequestPermission}, {Name: "ohos.permission.GET_NETWORK_INFO", Form: FormRequestPermission}}}
	}
	return Declaration{Platform: pl}
}

// declare adds a permission in the platform's form, with what the store
// wants alongside (a purpose string, a HarmonyOS reason and usedScene).
func declare(d Declaration, name string) Declaration {
	p := Permission{Name: name, Form: FormUsesPermission}
	switch d.Platform {
	case IOS:
		p = Permission{Name: name, Form: FormUsageDescription, Purpose: "to send your location", HasPurpose: true}
	case HarmonyOS:
		p = Permission{Name: name, Form: FormRequestPermission, Purpose: "$string:reason", HasPurpose: true,
			UsedScene: &UsedScene{Abilities: []string{"EntryAbility"}, When: "inuse"}}
	}
	d.Permissions = append(append([]Permission{}, d.Permissions...), p)
	return d
}

func without(d Declaration, name string) Declaration {
	var keep []Permission
	for _, p := range d.Permissions {
		if p.Name != name {
			keep = append(keep, p)
		}
	}
	d.Permissions = keep
	return d
}

func verdictOf(res ArtifactResult, row int) MatrixRow {
	for _, m := range res.Matrix {
		if m.Row == row {
			return m
		}
	}
	return MatrixRow{}
}

// seedPath finds the seed policy text; tests that read it skip without it.
func seedPath() string {
	if dir := os.Getenv("PERMAUDIT_SEEDS"); dir != "" {
		return filepath.Join(dir, "easemob-im-sdk-privacy-policy.txt")
	}
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "shared", "seeds", "easemob-im-sdk-privacy-policy.txt")
}

// TestSeedRows proves, row by row, that the built-in easemob-im policy
// states what section I.3 states and that the evaluator applies it: a
// required row fails without its permission, an optional one is noted
// when declared and is no finding when absent.
func TestSeedRows(t *testing.T) {
	cs, pol := builtin(t)
	if len(pol.Rows) != len(seedTable) {
		t.Fatalf("built-in has %d rows, the seed table %d", len(pol.Rows), len(seedTable))
	}
	seed, seedErr := os.ReadFile(seedPath())
	titles := map[Platform]string{Android: "Android", IOS: "iOS", HarmonyOS: "HarmonyOS"}
	for i, want := range seedTable {
		t.Run(want.label, func(t *testing.T) {
			got := pol.Rows[i]
			var pls []string
			for _, pl := range Platforms {
				if got.Platforms[pl] != nil {
					pls = append(pls, titles[pl])
				}
			}
			level := map[Level]string{LevelRequired: "Required permissions", LevelOptional: "Non-essential permissions"}[got.Level]
			if got.Label != want.label || got.Purpose != want.purpose || strings.Join(pls, ", ") != want.platforms || level != want.required {
				t.Errorf("row %d = %q | %q | %s | %s", i+1, got.Label, got.Purpose, strings.Join(pls, ", "), level)
			}
			t.Run("seed text", func(t *testing.T) {
				if seedErr != nil {
					t.Skipf("seed policy text not available (%v); set PERMAUDIT_SEEDS to check the row against it", seedErr)
				}
				if !strings.Contains(string(seed), want.label+want.purpose+want.platforms+want.required) {
					t.Errorf("the seed text has no row %q", want.label)
				}
			})
			for pl, probe := range want.probe {
				base := compliant(pl)
				if res := Evaluate(base, []*Policy{pol}, cs); len(res.Findings) != 0 {
					t.Fatalf("%s: compliant declaration has findings: %s", pl, rules(res.Findings))
				}
				switch {
				case probe == "": // iOS network: nothing to declare
					if m := verdictOf(Evaluate(base, []*Policy{pol}, cs), i+1); m.Verdict != VerdictSatisfied || m.Note == "" {
						t.Errorf("%s: %+v, want satisfied with the reason", pl, m)
					}
				case got.Level == LevelRequired:
					res := Evaluate(without(base, probe), []*Policy{pol}, cs)
					if r := rules(res.Findings); r != "required-missing:"+short(probe) {
						t.Errorf("%s without %s: %s", pl, probe, r)
					}
					if m := verdictOf(res, i+1); m.Verdict != VerdictMissing {
						t.Errorf("%s without %s: verdict %q", pl, probe, m.Verdict)
					}
				default:
					res := Evaluate(declare(base, probe), []*Policy{pol}, cs)
					if r := rules(res.Findings); r != "optional-declared:"+short(probe) {
						t.Errorf("%s with %s: %s", pl, probe, r)
					}
					if m := verdictOf(res, i+1); m.Verdict != VerdictDeclared || m.Purpose != want.purpose {
						t.Errorf("%s with %s: %+v", pl, probe, m)
					}
					if m := verdictOf(Evaluate(base, []*Policy{pol}, cs), i+1); m.Verdict != VerdictAbsent {
						t.Errorf("%s without %s: verdict %q", pl, probe, m.Verdict)
					}
				}
			}
		})
	}
}

// TestTargetLevels: the built-in passes a correct modern manifest and
// says why, fails an old one without storage, and reports declarations
// the target level voids.
func TestTargetLevels(t *testing.T) {
	cs, pol := builtin(t)
	tests := []struct {
		name     string
		decl     Declaration
		findings string
		failed   bool
		notes    map[int]string // row → matrix note
	}{
		{"targetSdk 34 with maxSdkVersion and READ_MEDIA_* passes",
			android("34", with("READ_EXTERNAL_STORAGE@32", "WRITE_EXTERNAL_STORAGE@29", "READ_MEDIA_IMAGES", "READ_MEDIA_VIDEO")...), "", false,
			map[int]string{
				5: "WRITE_EXTERNAL_STORAGE up to API 28; no effect from API 29 at target 34 (scoped storage, no requestLegacyExternalStorage); READ_MEDIA_IMAGES from API 33",
				6: "READ_EXTERNAL_STORAGE up to API 32; no effect from API 33 at target 34; READ_MEDIA_IMAGES from API 33"}},
		{"targetSdk 34 installing from 33 needs only READ_MEDIA_*",
			withMin("33", android("34", with("READ_MEDIA_VISUAL_USER_SELECTED")...)), "", false,
			map[int]string{6: "READ_EXTERNAL_STORAGE has no effect from API 33 at target 34; READ_MEDIA_VISUAL_USER_SELECTED from API 33"}},
		{"targetSdk 28 without storage fails", android("28", networkOK...),
			"required-missing:READ_EXTERNAL_STORAGE required-missing:WRITE_EXTERNAL_STORAGE", true, nil},
		{"targetSdk 28 media permissions do not stand in", android("28", with("READ_MEDIA_IMAGES")...),
			"required-missing:READ_EXTERNAL_STORAGE required-missing:WRITE_EXTERNAL_STORAGE", true, nil},
		{"targetSdk 34 storage without maxSdkVersion is noted",
			android("34", with("READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE", "READ_MEDIA_IMAGES")...),
			"permission-ineffective:READ_EXTERNAL_STORAGE permission-ineffective:WRITE_EXTERNAL_STORAGE", false, nil},
		{"targetSdk 30 WRITE without effect, nothing replaces it",
			android("30", with("READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE")...),
			"permission-ineffective:WRITE_EXTERNAL_STORAGE", false,
			map[int]string{5: "WRITE_EXTERNAL_STORAGE up to API 28; no effect from API 29 at target 30 (scoped storage, no requestLegacyExternalStorage), so nothing is needed there"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Evaluate(tt.decl, []*Policy{pol}, cs)
			if got := rules(res.Findings); got != tt.findings {
				t.Errorf("findings\n got: %s\nwant: %s", got, tt.findings)
				for _, f := range res.Findings {
					t.Log(f.Message)
				}
			}
			if r := (&Result{Artifacts: []ArtifactResult{res}, FailOn: SeverityError}); r.Failed() != tt.failed {
				t.Errorf("Failed() = %v", r.Failed())
			}
			for row, note := range tt.notes {
				if m := verdictOf(res, row); m.Verdict != VerdictSatisfied || m.Note != note {
					t.Errorf("row %d: %s, %q\nwant satisfied, %q", row, m.Verdict, m.Note, note)
				}
			}
		})
	}
}

func withMin(min string, d Declaration) Declaration {
	d.App.MinLevel = min
	return d
}

// effectiveText renders effective permissions as "NAME:why[<from]".
func effectiveText(eps []EffectivePermission) string {
	var out []string
	for _, e := range eps {
		s := short(e.Name) + ":" + e.Why
		if e.From != "" {
			s += "<" + short(e.From)
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestEffectivePermissions(t *testing.T) {
	cs, pol := builtin(t)
	tests := []struct {
		name string
		decl Declaration
		want string
	}{
		{"target 28: fine location brings coarse and background, storage brings media",
			android("28", "ACCESS_FINE_LOCATION", "READ_EXTERNAL_STORAGE"),
			"ACCESS_BACKGROUND_LOCATION:split<ACCESS_FINE_LOCATION ACCESS_COARSE_LOCATION:split<ACCESS_FINE_LOCATION ACCESS_FINE_LOCATION:declared " +
				"ACCESS_MEDIA_LOCATION:split<READ_EXTERNAL_STORAGE READ_EXTERNAL_STORAGE:declared READ_MEDIA_AUDIO:split<READ_EXTERNAL_STORAGE " +
				"READ_MEDIA_IMAGES:split<READ_EXTERNAL_STORAGE READ_MEDIA_VIDEO:split<READ_EXTERNAL_STORAGE"},
		{"target 34: only the always-splits; storage has no effect",
			android("34", "ACCESS_FINE_LOCATION", "READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE@29", "READ_MEDIA_IMAGES"),
			"ACCESS_COARSE_LOCATION:split<ACCESS_FINE_LOCATION ACCESS_FINE_LOCATION:declared READ_EXTERNAL_STORAGE:ineffective " +
				"READ_MEDIA_IMAGES:declared READ_MEDIA_VISUAL_USER_SELECTED:split<READ_MEDIA_IMAGES WRITE_EXTERNAL_STORAGE:declared"},
		{"unknown target: no target-dependent split", android("", "BLUETOOTH", "BODY_SENSORS"), "BLUETOOTH:declared BODY_SENSORS:declared"},
		{"removed and misplaced are not effective", func() Declaration {
			d := android("28", "INTERNET", "CAMERA")
			d.Permissions[0].Removed, d.Permissions[1].Misplaced = true, "application"
			return d
		}(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Evaluate(tt.decl, []*Policy{pol}, cs)
			if got := effectiveText(res.Effective); got != tt.want {
				t.Errorf("effective\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
	res := Evaluate(android("34", "READ_EXTERNAL_STORAGE"), []*Policy{pol}, cs)
	if e := res.Effective[0]; e.Detail != "no effect on API 33 and later (the app targets 34); still granted on API 24 to 32" {
		t.Errorf("ineffective detail = %q", e.Detail)
	}
	res = Evaluate(withMin("33", android("34", "READ_EXTERNAL_STORAGE")), []*Policy{pol}, cs)
	if f := res.Findings[len(res.Findings)-1]; f.RuleID != RuleIneffective || !strings.Contains(f.Message, "has no effect: the app targets 34 and installs on API 33") ||
		!strings.HasPrefix(f.Remediation, "Remove") {
		t.Errorf("fully ineffective: %+v", f)
	}
}

func TestHarmonyACL(t *testing.T) {
	cs, pol := builtin(t)
	d := declare(declare(compliant(HarmonyOS), "ohos.permission.READ_PASTEBOARD"), "ohos.permission.CAMERA")
	res := Evaluate(d, []*Policy{pol}, cs)
	if got, want := rules(res.Findings), "beyond-policy:CAMERA beyond-policy:READ_PASTEBOARD harmony-acl-required:READ_PASTEBOARD"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if f := res.Findings[2]; f.Severity != SeverityWarning || !strings.Contains(f.Message, "system_basic") {
		t.Errorf("acl finding = %+v", f)
	}
}

// policyOf builds a policy from rows written as LEVEL PLATFORM NAMES…;
// a name "category:C" makes the row category-wide.
func policyOf(t *testing.T, cs *Catalogs, id string, rows ...string) *Policy {
	t.Helper()
	p := &Policy{ID: id, Name: id}
	for _, r := range rows {
		f := strings.Fields(r)
		row := PolicyRow{Label: strings.Join(f[2:], " "), Level: Level(f[0]), Platforms: map[Platform]*Match{}}
		m := &Match{}
		for _, n := range f[2:] {
			switch {
			case strings.HasPrefix(n, "category:"):
				row.Category, m.AnyInCategory = strings.TrimPrefix(n, "category:"), true
			case strings.HasPrefix(n, "min:"):
				m.MinTarget = LevelNumber(strings.TrimPrefix(n, "min:"))
			case strings.HasPrefix(n, "severity:"):
				row.Severity = Severity(strings.TrimPrefix(n, "severity:"))
			default:
				if !strings.Contains(n, ".") && Platform(f[1]) == Android {
					n = "android.permission." + n
				}
				if row.Level == LevelRequired {
					m.AllOf = append(m.AllOf, n)
				} else {
					m.AnyOf = append(m.AnyOf, n)
				}
				if row.Category == "" {
					row.Category = cs.categoryOfName(Platform(f[1]), n)
				}
			}
		}
		row.Platforms[Platform(f[1])] = m
		p.Rows = append(p.Rows, row)
	}
	if err := p.Validate(cs); err != nil {
		t.Fatalf("policy %s: %v", id, err)
	}
	return p
}

// TestCustomPolicies: policies other than the built-in, alone and combined.
func TestCustomPolicies(t *testing.T) {
	cs, easemob := builtin(t)
	camera := policyOf(t, cs, "camera-sdk", "required android CAMERA")
	noContacts := policyOf(t, cs, "no-contacts", "forbidden android READ_CONTACTS")
	noCamera := policyOf(t, cs, "no-camera", "forbidden android CAMERA")
	tests := []struct {
		name     string
		policies []*Policy
		decl     Declaration
		want     string
		failed   bool
	}{
		{"requiring CAMERA flags a manifest without it", []*Policy{camera}, android("34", "INTERNET"),
			"required-missing:CAMERA beyond-policy:INTERNET", true},
		{"requiring CAMERA passes a manifest with it", []*Policy{camera}, android("34", "CAMERA"), "", false},
		{"forbidden READ_CONTACTS fails the gate", []*Policy{easemob, noContacts}, android("28", with("READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE", "READ_CONTACTS")...),
			"forbidden-declared:READ_CONTACTS", true},
		{"requirements are united", []*Policy{easemob, camera}, android("28", with("READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE")...),
			"required-missing:CAMERA", true},
		{"an optional permission another policy requires is no finding twice", []*Policy{easemob, camera}, android("28", with("READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE", "CAMERA")...),
			"optional-declared:CAMERA", false},
		{"the same requirement twice gives one finding", []*Policy{easemob, policyOf(t, cs, "net", "required android INTERNET")}, android("28", "ACCESS_NETWORK_STATE", "ACCESS_WIFI_STATE", "CHANGE_WIFI_STATE", "READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE"),
			"required-missing:INTERNET", true},
		{"a conflict is reported, not resolved", []*Policy{camera, noCamera}, android("34", "CAMERA"),
			"forbidden-declared:CAMERA policy-conflict:CAMERA", true},
		{"a conflict is reported without the permission too", []*Policy{camera, noCamera}, android("34"),
			"policy-conflict:CAMERA required-missing:CAMERA", true},
		{"optional against forbidden is a warning; forbidden wins", []*Policy{easemob, noCamera}, android("28", with("READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE", "CAMERA")...),
			"forbidden-declared:CAMERA policy-conflict:CAMERA", true},
		{"no conflict on another platform", []*Policy{camera, noCamera}, compliant(IOS), "", false},
		{"category optional, one permission forbidden", []*Policy{easemob, policyOf(t, cs, "no-bg", "forbidden android ACCESS_BACKGROUND_LOCATION")},
			android("30", with("READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE", "ACCESS_FINE_LOCATION", "ACCESS_BACKGROUND_LOCATION")...),
			"forbidden-declared:ACCESS_BACKGROUND_LOCATION optional-declared:ACCESS_FINE_LOCATION permission-ineffective:WRITE_EXTERNAL_STORAGE", true},
		{"a forbidden permission granted by a split", []*Policy{policyOf(t, cs, "no-bg", "forbidden android ACCESS_BACKGROUND_LOCATION", "optional android ACCESS_FINE_LOCATION")},
			android("28", "ACCESS_FINE_LOCATION"), "forbidden-declared:ACCESS_BACKGROUND_LOCATION optional-declared:ACCESS_FINE_LOCATION", true},
		{"forbidding a whole category", []*Policy{policyOf(t, cs, "no-contacts", "forbidden android category:contacts")},
			android("34", "GET_ACCOUNTS", "READ_CONTACTS"), "forbidden-declared:GET_ACCOUNTS forbidden-declared:READ_CONTACTS", true},
		{"a row from target 33 does not apply at 30", []*Policy{policyOf(t, cs, "notif", "required android POST_NOTIFICATIONS min:33")}, android("30"), "", false},
		{"a row from target 33 applies at 34", []*Policy{policyOf(t, cs, "notif", "required android POST_NOTIFICATIONS min:33")}, android("34"),
			"required-missing:POST_NOTIFICATIONS", true},
		{"a row severity override", []*Policy{policyOf(t, cs, "soft", "required android CAMERA severity:warning")}, android("34"),
			"required-missing:CAMERA", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Evaluate(tt.decl, tt.policies, cs)
			if got := rules(res.Findings); got != tt.want {
				t.Errorf("findings\n got: %s\nwant: %s", got, tt.want)
				for _, f := range res.Findings {
					t.Log(f.Severity, f.Message)
				}
			}
			if r := (&Result{Artifacts: []ArtifactResult{res}, FailOn: SeverityError}); r.Failed() != tt.failed {
				t.Errorf("Failed() = %v, want %v", r.Failed(), tt.failed)
			}
		})
	}
}

func TestConflictMessagesAndSeverities(t *testing.T) {
	cs, easemob := builtin(t)
	camera := policyOf(t, cs, "camera-sdk", "required android CAMERA")
	noCamera := policyOf(t, cs, "no-camera", "forbidden android CAMERA")
	res := Evaluate(android("34"), []*Policy{camera, noCamera}, cs)
	var conflict Finding
	for _, f := range res.Findings {
		if f.RuleID == RulePolicyConflict {
			conflict = f
		}
	}
	want := "policy camera-sdk requires android.permission.CAMERA on android (row 1: CAMERA) but policy no-camera forbids it (row 1: CAMERA); no app can satisfy both"
	if conflict.Message != want || conflict.Severity != SeverityError {
		t.Errorf("conflict = %s %q", conflict.Severity, conflict.Message)
	}
	res = Evaluate(android("34"), []*Policy{easemob, noCamera}, cs)
	for _, f := range res.Findings {
		if f.RuleID == RulePolicyConflict && f.Severity != SeverityWarning {
			t.Errorf("optional vs forbidden = %s", f.Severity)
		}
	}
	// A policy-wide override: the strictest policy wins for global rules.
	strict := policyOf(t, cs, "strict", "optional android CAMERA")
	strict.Severity = map[string]Severity{RuleBeyondPolicy: SeverityError}
	res = Evaluate(android("34", "CAMERA", "READ_CONTACTS"), []*Policy{strict}, cs)
	if got := rules(res.Findings); got != "beyond-policy:READ_CONTACTS optional-declared:CAMERA" || res.Findings[0].Severity != SeverityError {
		t.Errorf("override: %s, %s", got, res.Findings[0].Severity)
	}
	lenient := policyOf(t, cs, "lenient", "optional android CAMERA")
	lenient.Severity = map[string]Severity{RuleBeyondPolicy: SeverityNote}
	res = Evaluate(android("34", "CAMERA", "READ_CONTACTS"), []*Policy{lenient, strict}, cs)
	if res.Findings[0].Severity != SeverityError {
		t.Errorf("strictest should win: %s", res.Findings[0].Severity)
	}
}

func TestRulesListed(t *testing.T) {
	ids := RuleIDs()
	if !sort.StringsAreSorted(ids) {
		t.Errorf("Rules not in id order: %v", ids)
	}
	for _, id := range []string{RuleRequiredMissing, RuleRequiredLimited, RuleBeyondPolicy, RuleOptionalDeclared, RuleForbiddenDeclared,
		RulePurposeEmpty, RulePurposeMissing, RuleHarmonyReason, RuleHarmonyUsedScene, RuleHarmonyLocation, RuleMisplaced,
		RuleIneffective, RuleHarmonyACL, RulePolicyConflict} {
		if r, ok := Rule(id); !ok || r.Help == "" || r.Severity.Rank() == 0 {
			t.Errorf("rule %s is not documented", id)
		}
	}
}

func TestLevelNumber(t *testing.T) {
	for in, want := range map[string]int{"34": 34, "15.0": 15, "12": 12, "": 0, "abc": 0, "9999999999999999999999": 0} {
		if got := LevelNumber(in); got != want {
			t.Errorf("LevelNumber(%q) = %d, want %d", in, got, want)
		}
	}
}

// TestParseLevel: each platform's spelling of a level becomes the number
// the platform compares.
func TestParseLevel(t *testing.T) {
	tests := []struct {
		platform Platform
		in       string
		want     int
		normal   string // NormalLevel's answer
	}{
		{Android, "34", 34, "34"},
		{Android, "Baklava", AndroidCurDevelopment, "Baklava"},
		{Android, "S", AndroidCurDevelopment, "S"},
		{Android, "", 0, ""},
		{Android, "3x", 3, "3x"},
		{HarmonyOS, "12", 12, "12"},
		{HarmonyOS, "50000012", 12, "12"},
		{HarmonyOS, "50001013", 13, "13"},
		{HarmonyOS, "Baklava", 0, "Baklava"},
		{IOS, "15.0", 15, "15.0"},
		{IOS, "Baklava", 0, "Baklava"},
		{Android, "9999999999999999999999", 0, "9999999999999999999999"},
	}
	for _, tt := range tests {
		if got := ParseLevel(tt.platform, tt.in); got != tt.want {
			t.Errorf("ParseLevel(%s, %q) = %d, want %d", tt.platform, tt.in, got, tt.want)
		}
		if got, _ := NormalLevel(tt.platform, tt.in); got != tt.normal {
			t.Errorf("NormalLevel(%s, %q) = %q, want %q", tt.platform, tt.in, got, tt.normal)
		}
	}
}

// TestEvaluateHarmonyNextLevels: HarmonyOS NEXT spells API 12 as
// 50000012. The evaluator reads it as 12: a row limited to API 12 and
// later applies, and one up to API 11 does not; a missing permission is
// still missing.
func TestEvaluateHarmonyNextLevels(t *testing.T) {
	cs, pol := builtin(t)
	d := Declaration{Platform: HarmonyOS, App: App{ID: "com.example", MinLevel: "50000012", TargetLevel: "50000012"},
		Permissions: []Permission{{Name: "ohos.permission.INTERNET", Form: FormRequestPermission}}}
	if got := ParseLevel(HarmonyOS, d.App.TargetLevel); got != 12 {
		t.Fatalf("target level = %d, want 12", got)
	}
	from12 := &Policy{ID: "p12", Rows: []PolicyRow{
		{Label: "camera from 12", Level: LevelRequired, Category: "camera", Platforms: map[Platform]*Match{HarmonyOS: {AllOf: []string{"ohos.permission.CAMERA"}, MinTarget: 12}}},
		{Label: "mic up to 11", Level: LevelRequired, Category: "microphone", Platforms: map[Platform]*Match{HarmonyOS: {AllOf: []string{"ohos.permission.MICROPHONE"}, MaxTarget: 11}}},
	}}
	res := Evaluate(d, []*Policy{pol, from12}, cs)
	if got := rules(res.Findings); got != "required-missing:CAMERA required-missing:GET_NETWORK_INFO" {
		t.Errorf("got %q, want CAMERA and GET_NETWORK_INFO missing", got)
	}
	for _, m := range res.Matrix {
		if m.Label == "mic up to 11" && (m.Verdict != VerdictNotApplicable || !strings.Contains(m.Note, "the app targets 12")) {
			t.Errorf("row up to 11 = %s %q, want not applicable at target 12", m.Verdict, m.Note)
		}
	}
	a := android("34", "INTERNET")
	a.App.MinLevel = "2000" // beyond any real level: coverage must still be checked
	if got := rules(Evaluate(a, []*Policy{pol}, cs).Findings); !strings.Contains(got, "required-missing:ACCESS_NETWORK_STATE") {
		t.Errorf("android with a huge minSdk: %s", got)
	}
}

func TestEvaluateSettings(t *testing.T) {
	cs, pol := builtin(t)
	tests := []struct {
		name  string
		decl  Declaration
		want  string
		entry string
	}{
		{"ATS off", Declaration{Platform: IOS, Facts: []Fact{{Key: "NSAppTransportSecurity.NSAllowsArbitraryLoads", Value: "true", Line: 9}}},
			"ats-arbitrary-loads:NSAllowsArbitraryLoads", ""},
		{"ATS on", Declaration{Platform: IOS, Facts: []Fact{{Key: "NSAppTransportSecurity.NSAllowsArbitraryLoads", Value: "false"}}}, "", ""},
		{"debuggable IPA, once per entry", Declaration{Platform: IOS, Facts: []Fact{
			{Key: "get-task-allow", Value: "true", Entry: "Payload/A.app/A"}, {Key: "get-task-allow", Value: "true", Entry: "Payload/A.app/A"}}},
			"debuggable-build:get-task-allow", "Payload/A.app/A"},
		{"cleartext Android", func() Declaration {
			d := android("28", with("READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE")...)
			d.Facts = []Fact{{Key: "application.usesCleartextTraffic", Value: "true", Line: 30}}
			return d
		}(), "cleartext-traffic:usesCleartextTraffic", ""},
		{"a fact of another platform is not read", Declaration{Platform: IOS, Facts: []Fact{{Key: "application.debuggable", Value: "true"}}}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Evaluate(tt.decl, []*Policy{pol}, cs)
			if got := rules(res.Findings); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if tt.entry != "" && res.Findings[0].Location.Entry != tt.entry {
				t.Errorf("entry %q", res.Findings[0].Location.Entry)
			}
		})
	}
}

// TestCompanionsPerIOSBundle: an extension's Info.plist must carry its own
// pair of location keys; the app's keys do not stand in for it.
func TestCompanionsPerIOSBundle(t *testing.T) {
	cs, pol := builtin(t)
	key := func(name, module string) Permission {
		return Permission{Name: name, Form: FormUsageDescription, Purpose: "x", HasPurpose: true, Module: module}
	}
	d := Declaration{Platform: IOS, Permissions: []Permission{
		key("NSLocationWhenInUseUsageDescription", ""),
		key("NSLocationAlwaysAndWhenInUseUsageDescription", ""),
		key("NSLocationAlwaysAndWhenInUseUsageDescription", "Widget.appex"),
	}}
	var got []string
	for _, f := range Evaluate(d, []*Policy{pol}, cs).Findings {
		if f.RuleID == RulePurposeMissing {
			got = append(got, f.Module+":"+f.Permission)
		}
	}
	if len(got) != 1 || got[0] != "Widget.appex:NSLocationWhenInUseUsageDescription" {
		t.Errorf("purpose-string-missing findings = %v, want one for Widget.appex", got)
	}
}
