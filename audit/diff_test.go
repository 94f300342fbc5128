package audit

import (
	"errors"
	"strings"
	"testing"
)

// changes renders a diff's permissions as "change:NAME[:sensitive][:rule][:widened][{field=old>new}]".
func changes(d PlatformDiff) string {
	var out []string
	for _, p := range d.Permissions {
		s := string(p.Change) + ":" + short(p.Name)
		if p.Sensitive != "" {
			s += ":" + p.Sensitive
		}
		if p.PolicyRule != "" {
			s += ":" + p.PolicyRule
		}
		if p.Widened != "" {
			s += ":widened"
		}
		for _, f := range p.Fields {
			s += "{" + f.Field + "=" + f.Old + ">" + f.New + "}"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func categories(d PlatformDiff) string {
	var out []string
	for _, c := range d.Categories {
		out = append(out, string(c.Change)+":"+c.Category)
	}
	return strings.Join(out, " ")
}

// minSdk sets the level an app installs from.
func minSdk(d Declaration, level string) Declaration {
	d.App.MinLevel = level
	return d
}

func TestDiffAppsAndroid(t *testing.T) {
	cs, pol := builtin(t)
	sdk23 := func(d Declaration, name string) Declaration {
		for i := range d.Permissions {
			if short(d.Permissions[i].Name) == name {
				d.Permissions[i].Form = FormUsesPermissionSdk23
			}
		}
		return d
	}
	tests := []struct {
		name     string
		old, new Declaration
		want     string
		cats     string
	}{
		{"identical builds", android("34", with("CAMERA")...), android("34", with("CAMERA")...), "", ""},
		{"a library adds background location: dangerous, a new category (the policy allows location)",
			android("34", with("CAMERA")...), android("34", with("CAMERA", "ACCESS_BACKGROUND_LOCATION")...),
			"added:ACCESS_BACKGROUND_LOCATION:dangerous", "gained:location"},
		{"an added permission the policy neither requires nor allows",
			android("34", networkOK...), android("34", with("READ_CONTACTS")...),
			"added:READ_CONTACTS:dangerous:beyond-policy", "gained:contacts"},
		{"an added normal permission the policy allows is neither",
			android("34", "INTERNET"), android("34", "INTERNET", "ACCESS_NETWORK_STATE"), "added:ACCESS_NETWORK_STATE", ""},
		{"removed, and the category lost",
			android("34", with("CAMERA")...), android("34", networkOK...), "removed:CAMERA:dangerous", "lost:camera"},
		{"maxSdkVersion dropped: the permission now reaches every level",
			android("34", with("WRITE_EXTERNAL_STORAGE@28")...), android("34", with("WRITE_EXTERNAL_STORAGE")...),
			"changed:WRITE_EXTERNAL_STORAGE:dangerous:widened{maxSdkVersion=28>none}", ""},
		{"maxSdkVersion raised: widened",
			android("34", with("WRITE_EXTERNAL_STORAGE@28")...), android("34", with("WRITE_EXTERNAL_STORAGE@30")...),
			"changed:WRITE_EXTERNAL_STORAGE:dangerous:widened{maxSdkVersion=28>30}", ""},
		{"maxSdkVersion lowered or added: narrowed, not widened",
			android("34", with("WRITE_EXTERNAL_STORAGE@30", "CAMERA")...), android("34", with("WRITE_EXTERNAL_STORAGE@28", "CAMERA@32")...),
			"changed:CAMERA:dangerous{maxSdkVersion=none>32} changed:WRITE_EXTERNAL_STORAGE:dangerous{maxSdkVersion=30>28}", ""},
		{"a widened permission the policy neither requires nor allows carries the rule",
			android("34", with("READ_CONTACTS@28")...), android("34", with("READ_CONTACTS")...),
			"changed:READ_CONTACTS:dangerous:beyond-policy:widened{maxSdkVersion=28>none}", ""},
		{"uses-permission where only uses-permission-sdk-23 was, app installs from API 24: nothing widened",
			sdk23(android("34", with("CAMERA")...), "CAMERA"), android("34", with("CAMERA")...),
			"changed:CAMERA:dangerous{form=uses-permission-sdk-23>uses-permission}", ""},
		{"uses-permission where only uses-permission-sdk-23 was, app installs from API 21: widened to 21–22",
			minSdk(sdk23(android("34", with("CAMERA")...), "CAMERA"), "21"), minSdk(android("34", with("CAMERA")...), "21"),
			"changed:CAMERA:dangerous:widened{form=uses-permission-sdk-23>uses-permission}", ""},
		{"maxSdkVersion raised within levels below minSdk: nothing widened",
			minSdk(android("34", with("WRITE_EXTERNAL_STORAGE@18")...), "24"), minSdk(android("34", with("WRITE_EXTERNAL_STORAGE@22")...), "24"),
			"changed:WRITE_EXTERNAL_STORAGE:dangerous{maxSdkVersion=18>22}", ""},
		{"form changed",
			android("34", with("CAMERA")...), sdk23(android("34", with("CAMERA")...), "CAMERA"),
			"changed:CAMERA:dangerous{form=uses-permission>uses-permission-sdk-23}", ""},
		{"line moves are no change", android("34", "CAMERA", "INTERNET"), android("34", "INTERNET", "CAMERA"), "", ""},
		{"added first, then removed, then changed, each by name",
			android("34", "INTERNET@30", "READ_CONTACTS"), android("34", "INTERNET", "RECORD_AUDIO", "CAMERA"),
			"added:CAMERA:dangerous added:RECORD_AUDIO:dangerous removed:READ_CONTACTS:dangerous changed:INTERNET:widened{maxSdkVersion=30>none}",
			"gained:camera gained:microphone lost:contacts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DiffApps(tt.old, tt.new, []*Policy{pol}, cs)
			if err != nil {
				t.Fatal(err)
			}
			if got := changes(d); got != tt.want {
				t.Errorf("changes:\n got %s\nwant %s", got, tt.want)
			}
			if got := categories(d); got != tt.cats {
				t.Errorf("categories:\n got %s\nwant %s", got, tt.cats)
			}
		})
	}
}

// TestDiffAppsIgnoresWhatThePlatformIgnores: removed, misplaced and implied
// entries are not declarations, so a source manifest and its APK (which
// carries aapt's implied permissions) compare equal.
func TestDiffAppsIgnoresWhatThePlatformIgnores(t *testing.T) {
	cs, pol := builtin(t)
	old := android("34", with("WRITE_EXTERNAL_STORAGE")...)
	old.Permissions = append(old.Permissions, Permission{Name: "android.permission.CAMERA", Form: FormUsesPermission, Removed: true})
	nw := android("34", with("WRITE_EXTERNAL_STORAGE")...)
	nw.Permissions = append(nw.Permissions,
		Permission{Name: "android.permission.READ_EXTERNAL_STORAGE", Form: FormImplied, Reason: "requested WRITE_EXTERNAL_STORAGE"},
		Permission{Name: "android.permission.RECORD_AUDIO", Form: FormUsesPermission, Misplaced: "application"})
	d, err := DiffApps(old, nw, []*Policy{pol}, cs)
	if err != nil {
		t.Fatal(err)
	}
	if got := changes(d); got != "" {
		t.Errorf("changes = %s, want none", got)
	}
	if d.Unchanged != 5 {
		t.Errorf("unchanged = %d, want 5", d.Unchanged)
	}
}

func TestDiffAppsSensitiveOnEachPlatform(t *testing.T) {
	cs, pol := builtin(t)
	ios := func(perms ...Permission) Declaration {
		return Declaration{Platform: IOS, App: App{ID: "com.example.ios"}, Permissions: perms}
	}
	harmony := func(perms ...Permission) Declaration {
		return Declaration{Platform: HarmonyOS, App: App{ID: "com.example.hm"}, Permissions: perms}
	}
	camKey := Permission{Name: "NSCameraUsageDescription", Form: FormUsageDescription, HasPurpose: true, Purpose: "Scan codes"}
	camKey2 := camKey
	camKey2.Purpose = "Take photos"
	loc := func(when string) Permission {
		return Permission{Name: "ohos.permission.APPROXIMATELY_LOCATION", Form: FormRequestPermission, UsedScene: &UsedScene{When: when, HasWhen: true}}
	}
	tests := []struct {
		name     string
		old, new Declaration
		want     string
	}{
		{"iOS purpose key is privacy-sensitive", ios(), ios(camKey), "added:NSCameraUsageDescription:privacy-sensitive:beyond-policy"},
		{"iOS background mode is not a prompt", ios(), ios(Permission{Name: "audio", Form: FormBackgroundMode}), "added:audio:beyond-policy"}, // background modes are compared with the policy too, but are no prompt
		{"iOS purpose text changed", ios(camKey), ios(camKey2),
			`changed:NSCameraUsageDescription:privacy-sensitive{purpose="Scan codes">"Take photos"}`},
		{"HarmonyOS user_grant", harmony(), harmony(Permission{Name: "ohos.permission.CAMERA", Form: FormRequestPermission}),
			"added:CAMERA:user_grant:beyond-policy"},
		{"HarmonyOS system_grant is not", harmony(), harmony(Permission{Name: "ohos.permission.INTERNET", Form: FormRequestPermission}),
			"added:INTERNET"},
		{"HarmonyOS usedScene.when inuse to always: widened", harmony(loc("inuse")), harmony(loc("always")),
			"changed:APPROXIMATELY_LOCATION:user_grant:widened{usedScene.when=inuse>always}"},
		{"HarmonyOS usedScene.when always to inuse: narrowed", harmony(loc("always")), harmony(loc("inuse")),
			"changed:APPROXIMATELY_LOCATION:user_grant{usedScene.when=always>inuse}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DiffApps(tt.old, tt.new, []*Policy{pol}, cs)
			if err != nil {
				t.Fatal(err)
			}
			if got := changes(d); got != tt.want {
				t.Errorf("\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestDiffAppsRefusesDifferentApps(t *testing.T) {
	cs, pol := builtin(t)
	a := android("34", "INTERNET")
	b := android("34", "INTERNET")
	b.App.ID = "com.other"
	var de *DifferentAppsError
	if _, err := DiffApps(a, b, []*Policy{pol}, cs); !errors.As(err, &de) || !strings.Contains(err.Error(), "com.other") {
		t.Errorf("different app ids: err = %v, want a DifferentAppsError naming com.other", err)
	}
	ios := Declaration{Platform: IOS, App: App{ID: "com.example"}}
	if _, err := DiffApps(a, ios, []*Policy{pol}, cs); !errors.As(err, &de) {
		t.Errorf("different platforms: err = %v, want a DifferentAppsError", err)
	}
	// A source manifest often leaves the id to build.gradle: compared, with a note.
	b.App.ID = ""
	d, err := DiffApps(a, b, []*Policy{pol}, cs)
	if err != nil || len(d.Notes) != 1 || !strings.Contains(d.Notes[0], "NEW does not state the app id") {
		t.Errorf("unstated id: err = %v, notes = %q", err, d.Notes)
	}
	// An Info.plist in the source names the bundle id by a build setting.
	src := Declaration{Platform: IOS, App: App{ID: "$(PRODUCT_BUNDLE_IDENTIFIER)"}}
	ipa := Declaration{Platform: IOS, App: App{ID: "com.example.ios"}}
	d, err = DiffApps(src, ipa, []*Policy{pol}, cs)
	if err != nil || d.AppID != "com.example.ios" || len(d.Notes) != 1 || !strings.Contains(d.Notes[0], "build setting") {
		t.Errorf("build-setting id: err = %v, appId = %q, notes = %q", err, d.AppID, d.Notes)
	}
}

func TestAddedGate(t *testing.T) {
	added := PermissionDiff{Change: ChangeAdded}
	dangerous := PermissionDiff{Change: ChangeAdded, Sensitive: SensitiveDangerous}
	beyond := PermissionDiff{Change: ChangeAdded, PolicyRule: RuleBeyondPolicy}
	removed := PermissionDiff{Change: ChangeRemoved, Sensitive: SensitiveDangerous, PolicyRule: RuleBeyondPolicy}
	changed := PermissionDiff{Change: ChangeChanged, Sensitive: SensitiveDangerous, PolicyRule: RuleBeyondPolicy}
	widened := PermissionDiff{Change: ChangeChanged, Sensitive: SensitiveDangerous, Widened: "maxSdkVersion 28 dropped"}
	widenedBeyond := PermissionDiff{Change: ChangeChanged, PolicyRule: RuleBeyondPolicy, Widened: "maxSdkVersion 28 dropped"}
	tests := []struct {
		gate AddedGate
		want []bool // added, dangerous, beyond, removed, changed, widened, widenedBeyond
	}{
		{GateNever, []bool{false, false, false, false, false, false, false}},
		{GateAny, []bool{true, true, true, false, false, true, true}},
		{GateDangerous, []bool{false, true, false, false, false, true, false}},
		{GatePolicy, []bool{false, false, true, false, false, false, true}},
	}
	for _, tt := range tests {
		for i, p := range []PermissionDiff{added, dangerous, beyond, removed, changed, widened, widenedBeyond} {
			if got := tt.gate.Trips(p); got != tt.want[i] {
				t.Errorf("%s.Trips(#%d) = %v, want %v", tt.gate, i, got, tt.want[i])
			}
		}
	}
	if _, err := ParseAddedGate("sometimes"); err == nil {
		t.Error("ParseAddedGate accepted an unknown gate")
	}
	if g, err := ParseAddedGate("Dangerous"); err != nil || g != GateDangerous {
		t.Errorf("ParseAddedGate(Dangerous) = %q, %v", g, err)
	}
}

func TestCompareBuildsPairsByPlatform(t *testing.T) {
	cs, pol := builtin(t)
	plist := Declaration{Platform: IOS, Artifact: Artifact{Path: "Info.plist", Kind: "info-plist"}, App: App{ID: "com.example.ios"},
		Permissions: []Permission{{Name: "NSCameraUsageDescription", Form: FormUsageDescription, HasPurpose: true, Purpose: "x"}}}
	ent := Declaration{Platform: IOS, Artifact: Artifact{Path: "Runner.entitlements", Kind: "entitlements"},
		Permissions: []Permission{{Name: "aps-environment", Form: FormEntitlement}}}
	merged := MergeBuild([]Declaration{ent, plist})
	if merged.App.ID != "com.example.ios" || len(merged.Artifacts) != 2 || len(merged.Permissions) != 2 {
		t.Fatalf("MergeBuild = %+v", merged)
	}
	old := []Build{MergeBuild([]Declaration{android("34", "INTERNET")}), MergeBuild([]Declaration{plist})}
	nw := []Build{MergeBuild([]Declaration{android("34", "INTERNET", "CAMERA")}), MergeBuild([]Declaration{
		{Platform: HarmonyOS, App: App{ID: "com.example.hm"}}})}
	diffs, unpaired, err := CompareBuilds(old, nw, []*Policy{pol}, cs)
	if err != nil {
		t.Fatal(err)
	}
	if len(diffs) != 1 || diffs[0].Platform != Android || changes(diffs[0]) != "added:CAMERA:dangerous" {
		t.Errorf("diffs = %+v", diffs)
	}
	if len(unpaired) != 2 || unpaired[0].Side != "old" || unpaired[0].Platform != IOS || unpaired[1].Side != "new" || unpaired[1].Platform != HarmonyOS {
		t.Errorf("unpaired = %+v", unpaired)
	}
	var de *DifferentAppsError
	if _, _, err := CompareBuilds(old[1:], nw[:1], []*Policy{pol}, cs); !errors.As(err, &de) {
		t.Errorf("no platform in common: err = %v, want a DifferentAppsError", err)
	}
}

// TestDiffAppsNotesUnstatedIDs: whenever a side does not state the app id,
// the diff says so, also when neither does (two source manifests leaving
// it to build.gradle), since then nothing shows they are one app.
func TestDiffAppsNotesUnstatedIDs(t *testing.T) {
	cs, pol := builtin(t)
	tests := []struct {
		name, oldID, newID string
		want               []string
	}{
		{"both stated", "com.example", "com.example", nil},
		{"new unstated", "com.example", "", []string{"NEW does not state the app id"}},
		{"old unstated", "", "com.example", []string{"OLD does not state the app id"}},
		{"old by build setting", "${applicationId}", "com.example", []string{"OLD names the app id by a build setting"}},
		{"neither stated", "", "", []string{"neither OLD nor NEW states the app id"}},
		{"both by build setting", "$(ID)", "$(ID)", []string{"neither OLD nor NEW states the app id"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := android("34", "INTERNET"), android("34", "INTERNET")
			a.App.ID, b.App.ID = tc.oldID, tc.newID
			d, err := DiffApps(a, b, []*Policy{pol}, cs)
			if err != nil || len(d.Notes) != len(tc.want) {
				t.Fatalf("err = %v, notes = %q, want %q", err, d.Notes, tc.want)
			}
			for i, w := range tc.want {
				if !strings.Contains(d.Notes[i], w) {
					t.Errorf("note %q lacks %q", d.Notes[i], w)
				}
			}
		})
	}
}

// TestDiffPolicyGateCountsOnlyPoliciesWithRows: --fail-on-added policy
// agrees with audit's beyond-policy. A data-only policy (xiaomi-mipush)
// puts nothing beyond it, and the diff says so; beside a policy with
// rows, that policy decides.
func TestDiffPolicyGateCountsOnlyPoliciesWithRows(t *testing.T) {
	cs, easemob := builtin(t)
	mipush, err := BuiltinPolicy("xiaomi-mipush", cs)
	if err != nil {
		t.Fatal(err)
	}
	old, nw := android("34", "INTERNET"), android("34", "INTERNET", "READ_CONTACTS")
	tests := []struct {
		name     string
		policies []*Policy
		want     string
		note     bool
	}{
		{"data-only policy alone", []*Policy{mipush}, "added:READ_CONTACTS:dangerous", true},
		{"beside a policy with rows", []*Policy{mipush, easemob}, "added:READ_CONTACTS:dangerous:beyond-policy", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DiffApps(old, nw, tt.policies, cs)
			if err != nil {
				t.Fatal(err)
			}
			if got := changes(d); got != tt.want {
				t.Errorf("changes = %s, want %s", got, tt.want)
			}
			trips := GatePolicy.Trips(d.Permissions[0])
			if trips == tt.note {
				t.Errorf("gate policy trips = %v", trips)
			}
			noted := len(d.Notes) == 1 && strings.Contains(d.Notes[0], "NEW: xiaomi-mipush has no permission row for Android")
			if noted != tt.note {
				t.Errorf("notes = %q, want the no-rows note: %v", d.Notes, tt.note)
			}
		})
	}
}
