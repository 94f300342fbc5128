package audit

import (
	"strings"
	"testing"
)

// Each case is one verdict the platform itself decides; the name says
// which and the want strings are what the report must say.

func perm(name string, form Form, maxSdk int) Permission {
	if !strings.Contains(name, ".") && form != FormUsageDescription && form != FormBackgroundMode {
		name = "android.permission." + name
	}
	return Permission{Name: name, Form: form, MaxSdkVersion: maxSdk}
}

// findingWith returns the first finding of rule about a permission whose
// name ends in perm.
func findingWith(res ArtifactResult, rule, perm string) (Finding, bool) {
	for _, f := range res.Findings {
		if f.RuleID == rule && strings.HasSuffix(f.Permission, perm) {
			return f, true
		}
	}
	return Finding{}, false
}

// TestVerdictsAndroid covers coverage arithmetic, messages and levels.
func TestVerdictsAndroid(t *testing.T) {
	cs, pol := builtin(t)
	withMax := func(target, min string, extra ...Permission) Declaration {
		d := android(target, networkOK...)
		d.App.MinLevel = min
		d.Permissions = append(d.Permissions, extra...)
		return d
	}
	tests := []struct {
		name     string
		decl     Declaration
		findings string // "" = not checked
		failed   bool
		message  [3]string // rule, permission, text the message must contain
		verdict  [2]string // row label prefix, verdict
	}{
		{"1: maxSdkVersion below minSdk is missing, not limited",
			withMax("28", "24", perm("READ_EXTERNAL_STORAGE", FormUsesPermission, 0), perm("WRITE_EXTERNAL_STORAGE", FormUsesPermission, 22)),
			"required-missing:WRITE_EXTERNAL_STORAGE permission-ineffective:WRITE_EXTERNAL_STORAGE", true,
			[3]string{"required-missing", "WRITE_EXTERNAL_STORAGE", "declared with maxSdkVersion=22, below the app's minSdk 24"},
			[2]string{"Device storage (WRITE", VerdictMissing}},
		{"6: sdk-23 form names the form, not a maxSdkVersion=0",
			withMax("28", "21", perm("READ_EXTERNAL_STORAGE", FormUsesPermissionSdk23, 0), perm("WRITE_EXTERNAL_STORAGE", FormUsesPermission, 0)),
			"required-limited:READ_EXTERNAL_STORAGE", false,
			[3]string{"required-limited", "READ_EXTERNAL_STORAGE", "declared with <uses-permission-sdk-23>, which is only requested from API 23, so nothing covers policy easemob-im (Device storage (READ_EXTERNAL_STORAGE)) on API 21 to 22"},
			[2]string{"Device storage (READ", VerdictLimited}},
		{"sdk-23 form capped below 23 is missing, and says why (not a maxSdkVersion below minSdk)",
			withMax("28", "21", perm("READ_EXTERNAL_STORAGE", FormUsesPermission, 0), perm("WRITE_EXTERNAL_STORAGE", FormUsesPermissionSdk23, 22)),
			"required-missing:WRITE_EXTERNAL_STORAGE permission-ineffective:WRITE_EXTERNAL_STORAGE", true,
			[3]string{"required-missing", "WRITE_EXTERNAL_STORAGE", "declared as uses-permission-sdk-23 with maxSdkVersion=22, which ends before API 23"},
			[2]string{"Device storage (WRITE", VerdictMissing}},
		{"sdk-23 form capped below 23: the ineffective note says why",
			withMax("28", "21", perm("READ_EXTERNAL_STORAGE", FormUsesPermission, 0), perm("WRITE_EXTERNAL_STORAGE", FormUsesPermissionSdk23, 22)),
			"required-missing:WRITE_EXTERNAL_STORAGE permission-ineffective:WRITE_EXTERNAL_STORAGE", true,
			[3]string{"permission-ineffective", "WRITE_EXTERNAL_STORAGE", "is declared as uses-permission-sdk-23 with maxSdkVersion=22, which ends before API 23 where that element starts to apply: no device"},
			[2]string{"Device storage (WRITE", VerdictMissing}},
		{"8: codename target is the newest level: storage has no effect",
			withMax("Baklava", "24", perm("READ_EXTERNAL_STORAGE", FormUsesPermission, 0), perm("WRITE_EXTERNAL_STORAGE", FormUsesPermission, 0), perm("READ_MEDIA_IMAGES", FormUsesPermission, 0)),
			"permission-ineffective:READ_EXTERNAL_STORAGE permission-ineffective:WRITE_EXTERNAL_STORAGE", false,
			[3]string{"permission-ineffective", "READ_EXTERNAL_STORAGE", "because the app targets 10000"},
			[2]string{"Device storage (READ", VerdictSatisfied}},
		{"8: codename minSdk is the newest level too",
			withMax("Baklava", "Baklava", perm("READ_MEDIA_IMAGES", FormUsesPermission, 0)),
			"", false, [3]string{}, [2]string{"Device storage (WRITE", VerdictSatisfied}},
		{"storage idiom: WRITE maxSdkVersion=28 is no warning without legacy storage",
			withMax("34", "24", perm("READ_EXTERNAL_STORAGE", FormUsesPermission, 32), perm("WRITE_EXTERNAL_STORAGE", FormUsesPermission, 28), perm("READ_MEDIA_IMAGES", FormUsesPermission, 0)),
			"", false, [3]string{}, [2]string{"Device storage (WRITE", VerdictSatisfied}},
		{"storage idiom: with requestLegacyExternalStorage API 29 still needs WRITE",
			func() Declaration {
				d := withMax("34", "24", perm("READ_EXTERNAL_STORAGE", FormUsesPermission, 32), perm("WRITE_EXTERNAL_STORAGE", FormUsesPermission, 28), perm("READ_MEDIA_IMAGES", FormUsesPermission, 0))
				d.Facts = []Fact{{Key: "application.requestLegacyExternalStorage", Value: "true"}}
				return d
			}(),
			"required-limited:WRITE_EXTERNAL_STORAGE", false,
			[3]string{"required-limited", "WRITE_EXTERNAL_STORAGE", "declared with maxSdkVersion=28, so nothing covers policy easemob-im (Device storage (WRITE_EXTERNAL_STORAGE)) on API 29"},
			[2]string{"Device storage (WRITE", VerdictLimited}},
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
				t.Errorf("Failed() = %v, want %v", r.Failed(), tt.failed)
			}
			if tt.message[0] != "" {
				f, ok := findingWith(res, tt.message[0], tt.message[1])
				if !ok || !strings.Contains(f.Message, tt.message[2]) || strings.Contains(f.Message, "maxSdkVersion=0") {
					t.Errorf("%s %s message = %q, want it to say %q", tt.message[0], tt.message[1], f.Message, tt.message[2])
				}
			}
			found := false
			for _, m := range res.Matrix {
				if strings.HasPrefix(m.Label, tt.verdict[0]) {
					found = true
					if m.Verdict != tt.verdict[1] {
						t.Errorf("row %q: %s (%s), want %s", m.Label, m.Verdict, m.Note, tt.verdict[1])
					}
				}
			}
			if !found {
				t.Errorf("no matrix row %q", tt.verdict[0])
			}
		})
	}
}

// TestEffectiveHonoursMaxSdk (item 7): a declaration no supported device
// requests grants nothing, so nothing splits in from it.
func TestEffectiveHonoursMaxSdk(t *testing.T) {
	cs, pol := builtin(t)
	tests := []struct {
		name string
		min  string
		want string
	}{
		{"FINE capped below minSdk grants no COARSE", "24", "ACCESS_FINE_LOCATION:ineffective"},
		{"FINE reaching supported levels grants COARSE", "21", "ACCESS_COARSE_LOCATION:split<ACCESS_FINE_LOCATION ACCESS_FINE_LOCATION:declared"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := android("34", "ACCESS_FINE_LOCATION@22")
			d.App.MinLevel = tt.min
			if got := effectiveText(Evaluate(d, []*Policy{pol}, cs).Effective); got != tt.want {
				t.Errorf("effective = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestVerdictsLocationPairs: items 3, 4, 5 and background-only location.
func TestVerdictsLocationPairs(t *testing.T) {
	cs, pol := builtin(t)
	key := func(name string) Permission {
		return Permission{Name: name, Form: FormUsageDescription, Purpose: "x", HasPurpose: true}
	}
	req := func(name string) Permission {
		return Permission{Name: "ohos.permission." + name, Form: FormRequestPermission, Purpose: "$string:r", HasPurpose: true,
			UsedScene: &UsedScene{Abilities: []string{"EntryAbility"}, When: "inuse", HasWhen: true}}
	}
	harmonyNet := []Permission{req("INTERNET"), req("GET_NETWORK_INFO")}
	tests := []struct {
		name string
		decl Declaration
		want string // the pairing findings, rule:PERMISSION
	}{
		{"3: when-in-use with background mode location is valid",
			Declaration{Platform: IOS, App: App{MinLevel: "15.0"}, Permissions: []Permission{key("NSLocationWhenInUseUsageDescription"), {Name: "location", Form: FormBackgroundMode}}}, ""},
		{"3: background mode location without any location key",
			Declaration{Platform: IOS, App: App{MinLevel: "15.0"}, Permissions: []Permission{{Name: "location", Form: FormBackgroundMode}}},
			"purpose-string-missing:NSLocationWhenInUseUsageDescription"},
		{"4: only the deprecated Always key at iOS 11+ cannot ask for location",
			Declaration{Platform: IOS, App: App{MinLevel: "12.0"}, Permissions: []Permission{key("NSLocationAlwaysUsageDescription")}},
			"purpose-string-missing:NSLocationWhenInUseUsageDescription"},
		{"4: NSLocationUsageDescription alone at iOS 11+",
			Declaration{Platform: IOS, App: App{MinLevel: "11.0"}, Permissions: []Permission{key("NSLocationUsageDescription")}},
			"purpose-string-missing:NSLocationWhenInUseUsageDescription"},
		{"4: the deprecated Always key below iOS 11 is still the right key",
			Declaration{Platform: IOS, App: App{MinLevel: "10.0"}, Permissions: []Permission{key("NSLocationAlwaysUsageDescription")}}, ""},
		{"5: HarmonyOS location pair from API 9",
			Declaration{Platform: HarmonyOS, App: App{TargetLevel: "9"}, Permissions: append(harmonyNet, req("LOCATION"))},
			"harmony-location-pair:APPROXIMATELY_LOCATION"},
		{"5: HarmonyOS API 8 has no location pair",
			Declaration{Platform: HarmonyOS, App: App{TargetLevel: "8"}, Permissions: append(harmonyNet, req("LOCATION"))}, ""},
		{"5: HarmonyOS NEXT 50000012 is API 12: the pair applies",
			Declaration{Platform: HarmonyOS, App: App{TargetLevel: "50000012"}, Permissions: append(harmonyNet, req("LOCATION"))},
			"harmony-location-pair:APPROXIMATELY_LOCATION"},
		{"background location alone on Android is never granted",
			android("30", "ACCESS_BACKGROUND_LOCATION"), "location-background-only:ACCESS_FINE_LOCATION"},
		{"background location with coarse is fine",
			android("30", "ACCESS_COARSE_LOCATION", "ACCESS_BACKGROUND_LOCATION"), ""},
		{"background location with FINE capped below minSdk is alone",
			android("30", "ACCESS_FINE_LOCATION@22", "ACCESS_BACKGROUND_LOCATION"), "location-background-only:ACCESS_FINE_LOCATION"},
		{"HarmonyOS background location alone",
			Declaration{Platform: HarmonyOS, App: App{TargetLevel: "12"}, Permissions: append(harmonyNet, req("LOCATION_IN_BACKGROUND"))},
			"location-background-only:APPROXIMATELY_LOCATION"},
	}
	pairing := map[string]bool{RulePurposeMissing: true, RuleHarmonyLocation: true, RuleBackgroundOnly: true}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Evaluate(tt.decl, []*Policy{pol}, cs)
			var got []string
			for _, f := range res.Findings {
				if pairing[f.RuleID] {
					got = append(got, f.RuleID+":"+short(f.Permission))
				}
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("pairing findings = %q, want %q", strings.Join(got, " "), tt.want)
				for _, f := range res.Findings {
					t.Log(f.RuleID, f.Message)
				}
			}
		})
	}
}

// TestUsedSceneWhen (item 10): only "inuse" and "always"; empty when
// present is wrong too; the finding quotes the value.
func TestUsedSceneWhen(t *testing.T) {
	cs, pol := builtin(t)
	tests := []struct {
		name  string
		scene *UsedScene
		want  string // "" = no finding; else text the message quotes
	}{
		{"inuse", &UsedScene{Abilities: []string{"A"}, When: "inuse", HasWhen: true}, ""},
		{"always", &UsedScene{Abilities: []string{"A"}, When: "always", HasWhen: true}, ""},
		{"absent when", &UsedScene{Abilities: []string{"A"}}, ""},
		{"empty when", &UsedScene{Abilities: []string{"A"}, When: "", HasWhen: true}, `usedScene.when ""`},
		{"unknown value", &UsedScene{Abilities: []string{"A"}, When: "sometimes", HasWhen: true}, `usedScene.when "sometimes"`},
		{"wrong case", &UsedScene{Abilities: []string{"A"}, When: "InUse", HasWhen: true}, `usedScene.when "InUse"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := compliant(HarmonyOS)
			d.Permissions = append(d.Permissions, Permission{Name: "ohos.permission.CAMERA", Form: FormRequestPermission,
				Purpose: "$string:r", HasPurpose: true, UsedScene: tt.scene})
			f, ok := findingWith(Evaluate(d, []*Policy{pol}, cs), RuleHarmonyUsedSceneInvalid, "CAMERA")
			switch {
			case tt.want == "" && ok:
				t.Errorf("unexpected finding: %s", f.Message)
			case tt.want != "" && (!ok || !strings.Contains(f.Message, tt.want) || f.Severity != SeverityError):
				t.Errorf("finding = %+v, want an error quoting %s", f, tt.want)
			}
		})
	}
}

// TestBeyondPolicyGraded: what a permission costs the user decides the
// severity; the app's own permissions are never beyond the policy.
func TestBeyondPolicyGraded(t *testing.T) {
	cs, _ := builtin(t)
	// One row per platform: only a policy with rows for the platform
	// judges its permissions.
	empty := policyOf(t, cs, "cam", "optional android CAMERA", "optional ios NSMicrophoneUsageDescription",
		"optional harmonyos ohos.permission.CAMERA")
	tests := []struct {
		name string
		decl Declaration
		want string // "" = no beyond-policy finding; else its severity
	}{
		{"dangerous is a warning", android("34", "READ_CONTACTS"), "warning"},
		{"normal (VIBRATE) is a note", android("34", "VIBRATE"), "note"},
		{"normal (WAKE_LOCK) is a note", android("34", "WAKE_LOCK"), "note"},
		{"unknown name is a warning", android("34", "com.vendor.permission.X"), "warning"},
		{"own <permission> is not beyond", func() Declaration {
			d := android("34", "com.example.permission.C2D_MESSAGE")
			d.Facts = []Fact{{Key: "permission.declared", Value: "com.example.permission.C2D_MESSAGE"}}
			return d
		}(), ""},
		{"iOS purpose key is a warning", Declaration{Platform: IOS, Permissions: []Permission{{Name: "NSCameraUsageDescription", Form: FormUsageDescription, Purpose: "x", HasPurpose: true}}}, "warning"},
		{"iOS entitlement is compared with the policy: a note", Declaration{Platform: IOS, Permissions: []Permission{{Name: "com.apple.developer.healthkit", Form: FormEntitlement}}}, "note"},
		{"iOS background mode is compared with the policy: a note", Declaration{Platform: IOS, Permissions: []Permission{{Name: "audio", Form: FormBackgroundMode}}}, "note"},
		{"HarmonyOS user_grant is a warning", Declaration{Platform: HarmonyOS, Permissions: []Permission{{Name: "ohos.permission.MICROPHONE", Form: FormRequestPermission}}}, "warning"},
		{"HarmonyOS system_grant is a note", Declaration{Platform: HarmonyOS, Permissions: []Permission{{Name: "ohos.permission.VIBRATE", Form: FormRequestPermission}}}, "note"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Evaluate(tt.decl, []*Policy{empty}, cs)
			var got []string
			for _, f := range res.Findings {
				if f.RuleID == RuleBeyondPolicy {
					got = append(got, string(f.Severity))
				}
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("beyond-policy severities = %v, want %q", got, tt.want)
			}
		})
	}
	raised := policyOf(t, cs, "strict", "optional android CAMERA")
	raised.Severity = map[string]Severity{RuleBeyondPolicy: SeverityError}
	if f, ok := findingWith(Evaluate(android("34", "VIBRATE"), []*Policy{raised}, cs), RuleBeyondPolicy, "VIBRATE"); !ok || f.Severity != SeverityError {
		t.Errorf("a policy override must raise a note: %+v", f)
	}
}

// TestDeprecatedNoted: removed or deprecated names get a note, except
// where the app limits them to the old levels that still need them.
func TestDeprecatedNoted(t *testing.T) {
	cs, pol := builtin(t)
	tests := []struct {
		name string
		decl Declaration
		want bool
	}{
		{"USE_FINGERPRINT", android("34", "USE_FINGERPRINT"), true},
		{"READ_PROFILE", android("34", "READ_PROFILE"), true},
		{"USE_FINGERPRINT limited by maxSdkVersion", android("34", "USE_FINGERPRINT@27"), false},
		{"BLUETOOTH at target 31 without maxSdkVersion", android("31", "BLUETOOTH"), true},
		{"BLUETOOTH at target 30 is still the right one", android("30", "BLUETOOTH"), false},
		{"not deprecated", android("34", "CAMERA"), false},
		{"iOS NSBluetoothPeripheral at deployment 12 still needed", Declaration{Platform: IOS, App: App{MinLevel: "12.0"},
			Permissions: []Permission{{Name: "NSBluetoothPeripheralUsageDescription", Form: FormUsageDescription, Purpose: "x", HasPurpose: true}}}, false},
		{"iOS NSBluetoothPeripheral at deployment 14", Declaration{Platform: IOS, App: App{MinLevel: "14.0"},
			Permissions: []Permission{{Name: "NSBluetoothPeripheralUsageDescription", Form: FormUsageDescription, Purpose: "x", HasPurpose: true}}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Evaluate(tt.decl, []*Policy{pol}, cs)
			f, ok := findingWith(res, RuleDeprecated, "")
			if ok != tt.want {
				t.Errorf("permission-deprecated = %v (%s), want %v", ok, f.Message, tt.want)
			}
			if ok && f.Severity != SeverityNote {
				t.Errorf("severity %s", f.Severity)
			}
		})
	}
}

// TestDebuggableOnce (item 12): an IPA's code signature and provisioning
// profile both say get-task-allow: one finding, naming both.
func TestDebuggableOnce(t *testing.T) {
	cs, pol := builtin(t)
	d := Declaration{Platform: IOS, Facts: []Fact{
		{Key: "get-task-allow", Value: "true", Entry: "Payload/A.app/A"},
		{Key: "get-task-allow", Value: "true", Entry: "Payload/A.app/embedded.mobileprovision"},
		{Key: "get-task-allow", Value: "true", Entry: "Payload/A.app/A"},
	}}
	var got []Finding
	for _, f := range Evaluate(d, []*Policy{pol}, cs).Findings {
		if f.RuleID == RuleDebuggableBuild {
			got = append(got, f)
		}
	}
	if len(got) != 1 || got[0].Location.Entry != "Payload/A.app/A" || !strings.Contains(got[0].Message, "also stated in Payload/A.app/embedded.mobileprovision") {
		t.Errorf("debuggable-build findings = %+v, want one at the executable naming the profile", got)
	}
}

// TestNeverForLocationFact: usesPermissionFlags is reported with the
// permission it qualifies.
func TestNeverForLocationFact(t *testing.T) {
	cs, pol := builtin(t)
	d := android("33", "BLUETOOTH_SCAN")
	d.Facts = []Fact{{Key: "usesPermissionFlags.android.permission.BLUETOOTH_SCAN", Value: "neverForLocation"}}
	for _, ep := range Evaluate(d, []*Policy{pol}, cs).Effective {
		if ep.Name == "android.permission.BLUETOOTH_SCAN" {
			if ep.Detail != "usesPermissionFlags=neverForLocation" {
				t.Errorf("detail = %q", ep.Detail)
			}
			return
		}
	}
	t.Error("BLUETOOTH_SCAN not in the effective list")
}
