package audit

import (
	"strings"
	"testing"
	"testing/fstest"
)

func loadBuiltin(t *testing.T) *Catalogs {
	t.Helper()
	cs, err := BuiltinCatalogs()
	if err != nil {
		t.Fatalf("BuiltinCatalogs: %v", err)
	}
	return cs
}

func TestBuiltinCatalogsLoad(t *testing.T) {
	cs := loadBuiltin(t)
	for _, p := range Platforms {
		c, ok := cs.ByPlatform[p]
		if !ok {
			t.Errorf("no catalog for %s", p)
			continue
		}
		if c.Platform != p {
			t.Errorf("catalog for %s says platform %q", p, c.Platform)
		}
		if len(c.Entries) < 100 {
			t.Errorf("%s catalog has only %d entries", p, len(c.Entries))
		}
	}
}

// The loader checks duplicates and sources; these tests restate the rules
// the data files must keep so a broken edit names the offending entry.
func TestCatalogEntriesSortedAndUnique(t *testing.T) {
	for _, p := range Platforms {
		c := loadBuiltin(t).ByPlatform[p]
		seen := map[string]bool{}
		for i, e := range c.Entries {
			k := string(e.Form) + "\x00" + e.Name
			if seen[k] {
				t.Errorf("%s: duplicate %q in form %q", p, e.Name, e.Form)
			}
			seen[k] = true
			if i == 0 {
				continue
			}
			prev := c.Entries[i-1]
			if prev.Form > e.Form || prev.Form == e.Form && prev.Name >= e.Name {
				t.Errorf("%s: %q (%q) is not after %q (%q)", p, e.Name, e.Form, prev.Name, prev.Form)
			}
		}
	}
}

func TestCatalogCategoriesAndSources(t *testing.T) {
	cs := loadBuiltin(t)
	for _, p := range Platforms {
		c := cs.ByPlatform[p]
		ids := map[string]bool{}
		for _, s := range c.Sources {
			if s.ID == "" || strings.TrimSpace(s.Title) == "" {
				t.Errorf("%s: source %+v needs an id and a title", p, s)
			}
			if ids[s.ID] {
				t.Errorf("%s: source id %q listed twice", p, s.ID)
			}
			ids[s.ID] = true
		}
		for _, e := range c.Entries {
			if !cs.KnownCategory(e.Category) {
				t.Errorf("%s: %q has unknown category %q", p, e.Name, e.Category)
			}
			if !ids[e.Source] {
				t.Errorf("%s: %q cites unlisted source %q", p, e.Name, e.Source)
			}
			if e.Name == "" || e.Name != strings.TrimSpace(e.Name) {
				t.Errorf("%s: bad name %q", p, e.Name)
			}
			if e.RequiresRule != "" && len(e.Requires)+len(e.RequiresAnyOf) == 0 {
				t.Errorf("%s: %q has a requiresRule but requires nothing", p, e.Name)
			}
		}
	}
}

// Forms the platform's parsers emit; iOS also catalogs privacy-manifest
// values, which have no Form constant yet.
func TestCatalogForms(t *testing.T) {
	allowed := map[Platform]map[Form]bool{
		Android:   {"": true},
		HarmonyOS: {"": true},
		IOS: {FormUsageDescription: true, FormBackgroundMode: true, FormEntitlement: true,
			"privacy-data-type": true, "privacy-api": true},
	}
	for _, p := range Platforms {
		for _, e := range loadBuiltin(t).ByPlatform[p].Entries {
			if !allowed[p][e.Form] {
				t.Errorf("%s: %q has unexpected form %q", p, e.Name, e.Form)
			}
		}
	}
}

func TestCatalogFieldValues(t *testing.T) {
	cs := loadBuiltin(t)
	for _, e := range cs.ByPlatform[HarmonyOS].Entries {
		switch e.GrantMode {
		case "system_grant", "user_grant", "manual_settings":
		default:
			t.Errorf("harmonyos: %q has grantMode %q", e.Name, e.GrantMode)
		}
		switch e.APL {
		case "normal", "system_basic", "system_core":
		default:
			t.Errorf("harmonyos: %q has apl %q", e.Name, e.APL)
		}
	}
	for _, e := range cs.ByPlatform[Android].Entries {
		if strings.Contains(e.Protection, "dangerous") && e.Category == "system" {
			t.Errorf("android: runtime permission %q is filed under system", e.Name)
		}
		if e.IneffectiveFromTarget != 0 && (e.IneffectiveFromTarget < 23 || e.IneffectiveFromTarget > 40) {
			t.Errorf("android: %q has implausible ineffectiveFromTarget %d", e.Name, e.IneffectiveFromTarget)
		}
	}
}

func TestCatalogSpotChecks(t *testing.T) {
	cs := loadBuiltin(t)
	tests := []struct {
		platform   Platform
		form       Form
		name       string
		category   string
		protection string // a flag the protectionLevel must contain
		grantMode  string
		apl        string
		ineffFrom  int
		requires   string
		rule       string
	}{
		{platform: Android, form: FormUsesPermission, name: "android.permission.INTERNET", category: "network", protection: "normal"},
		{platform: Android, form: FormUsesPermission, name: "android.permission.CAMERA", category: "camera", protection: "dangerous"},
		{platform: Android, form: FormUsesPermissionSdk23, name: "android.permission.READ_EXTERNAL_STORAGE", category: "storage", protection: "dangerous", ineffFrom: 33},
		{platform: Android, form: FormImplied, name: "android.permission.WRITE_EXTERNAL_STORAGE", category: "storage", protection: "dangerous", ineffFrom: 30},
		{platform: Android, form: FormUsesPermission, name: "android.permission.READ_MEDIA_IMAGES", category: "photos", protection: "dangerous"},
		{platform: Android, form: FormUsesPermission, name: "android.permission.ACCESS_BACKGROUND_LOCATION", category: "location", protection: "dangerous",
			rule: RuleBackgroundOnly},
		{platform: Android, form: FormUsesPermission, name: "android.permission.POST_NOTIFICATIONS", category: "notifications", protection: "dangerous"},
		{platform: Android, form: FormUsesPermission, name: "android.permission.BLUETOOTH_CONNECT", category: "bluetooth", protection: "dangerous"},
		{platform: Android, form: FormUsesPermission, name: "android.permission.READ_CALL_LOG", category: "phone", protection: "dangerous"},
		{platform: Android, form: FormUsesPermission, name: "android.permission.MANAGE_EXTERNAL_STORAGE", category: "storage", protection: "appop"},
		{platform: Android, form: FormUsesPermission, name: "android.permission.health.READ_STEPS", category: "health", protection: "dangerous"},
		{platform: Android, form: FormUsesPermission, name: "com.google.android.gms.permission.AD_ID", category: "tracking"},
		{platform: Android, form: FormUsesPermission, name: "com.google.android.c2dm.permission.RECEIVE", category: "notifications"},
		{platform: IOS, form: FormUsageDescription, name: "NSCameraUsageDescription", category: "camera"},
		{platform: IOS, form: FormUsageDescription, name: "NSLocationAlwaysAndWhenInUseUsageDescription", category: "location",
			requires: "NSLocationWhenInUseUsageDescription"},
		{platform: IOS, form: FormBackgroundMode, name: "location", category: "location", requires: "NSLocationWhenInUseUsageDescription"},
		{platform: IOS, form: FormBackgroundMode, name: "audio", category: "other"},
		{platform: IOS, form: FormBackgroundMode, name: "remote-notification", category: "notifications"},
		{platform: IOS, form: FormEntitlement, name: "aps-environment", category: "notifications"},
		{platform: IOS, form: FormEntitlement, name: "com.apple.developer.healthkit", category: "health"},
		{platform: HarmonyOS, form: FormRequestPermission, name: "ohos.permission.LOCATION", category: "location",
			grantMode: "user_grant", apl: "normal", requires: "ohos.permission.APPROXIMATELY_LOCATION", rule: RuleHarmonyLocation},
		{platform: HarmonyOS, form: FormRequestPermission, name: "ohos.permission.INTERNET", category: "network", grantMode: "system_grant", apl: "normal"},
		{platform: HarmonyOS, form: FormRequestPermission, name: "ohos.permission.READ_IMAGEVIDEO", category: "photos", grantMode: "user_grant", apl: "system_basic"},
		{platform: HarmonyOS, form: FormRequestPermission, name: "ohos.permission.APP_TRACKING_CONSENT", category: "tracking", grantMode: "user_grant", apl: "normal"},
	}
	for _, tc := range tests {
		t.Run(string(tc.platform)+"/"+tc.name, func(t *testing.T) {
			e, ok := cs.ByPlatform[tc.platform].Lookup(tc.form, tc.name)
			if !ok {
				t.Fatalf("%s not in the %s catalog", tc.name, tc.platform)
			}
			if e.Category != tc.category {
				t.Errorf("category = %q, want %q", e.Category, tc.category)
			}
			if tc.protection != "" && !hasFlag(e.Protection, tc.protection) {
				t.Errorf("protection = %q, want flag %q", e.Protection, tc.protection)
			}
			if tc.grantMode != "" && e.GrantMode != tc.grantMode {
				t.Errorf("grantMode = %q, want %q", e.GrantMode, tc.grantMode)
			}
			if tc.apl != "" && e.APL != tc.apl {
				t.Errorf("apl = %q, want %q", e.APL, tc.apl)
			}
			if e.IneffectiveFromTarget != tc.ineffFrom {
				t.Errorf("ineffectiveFromTarget = %d, want %d", e.IneffectiveFromTarget, tc.ineffFrom)
			}
			if tc.requires != "" && (len(e.Requires) != 1 || e.Requires[0] != tc.requires) {
				t.Errorf("requires = %v, want [%s]", e.Requires, tc.requires)
			}
			if e.RequiresRule != tc.rule {
				t.Errorf("requiresRule = %q, want %q", e.RequiresRule, tc.rule)
			}
		})
	}
}

// Every permission the OpenHarmony permission list (docs/en/application-dev/
// security/AccessToken/app-permissions.md) names here is in the table.
func TestHarmonyCatalogCoversReferenceNames(t *testing.T) {
	c := loadBuiltin(t).ByPlatform[HarmonyOS]
	for _, n := range strings.Fields(`INTERNET GET_NETWORK_INFO SET_NETWORK_INFO GET_WIFI_INFO SET_WIFI_INFO
		STORE_PERSISTENT_DATA FILE_ACCESS_PERSIST LOCATION APPROXIMATELY_LOCATION LOCATION_IN_BACKGROUND CAMERA MICROPHONE
		READ_MEDIA WRITE_MEDIA MEDIA_LOCATION READ_IMAGEVIDEO WRITE_IMAGEVIDEO READ_AUDIO WRITE_AUDIO READ_DOCUMENT
		WRITE_DOCUMENT READ_WRITE_DOWNLOAD_DIRECTORY READ_WRITE_DOCUMENTS_DIRECTORY READ_WRITE_DESKTOP_DIRECTORY
		READ_CALENDAR WRITE_CALENDAR READ_CONTACTS ACCESS_BLUETOOTH USE_BLUETOOTH DISCOVER_BLUETOOTH DISTRIBUTED_DATASYNC
		APP_TRACKING_CONSENT ACTIVITY_MOTION READ_HEALTH_DATA READ_PASTEBOARD KEEP_BACKGROUND_RUNNING RUNNING_LOCK VIBRATE
		ACCESS_NEARLINK CUSTOM_SCREEN_CAPTURE CONTROL_DEVICE HOOK_KEY_EVENT CUSTOM_SCREEN_RECORDING ACCESS_USER_FULL_DISK`) {
		if _, ok := c.Lookup(FormRequestPermission, "ohos.permission."+n); !ok {
			t.Errorf("ohos.permission.%s missing", n)
		}
	}
}

func hasFlag(levels, flag string) bool {
	for _, f := range strings.Split(levels, "|") {
		if f == flag {
			return true
		}
	}
	return false
}

// LoadCatalogs must reject data that breaks the rules the tests above
// assume: table-driven over small in-memory trees.
func TestLoadCatalogsRejects(t *testing.T) {
	const cats = `[{"name":"network","title":"Network"},{"name":"other","title":"Other"}]`
	tests := []struct {
		name    string
		catalog string
		wantErr string
	}{
		{"ok", `{"platform":"android","sources":[{"id":"s","title":"S"}],"permissions":[{"name":"a","category":"network","source":"s"}]}`, ""},
		{"empty", `{"platform":"android","sources":[],"permissions":[]}`, ""},
		{"duplicate", `{"platform":"android","sources":[{"id":"s","title":"S"}],"permissions":[{"name":"a","category":"network","source":"s"},{"name":"a","category":"other","source":"s"}]}`, "duplicate"},
		{"out of order", `{"platform":"android","sources":[{"id":"s","title":"S"}],"permissions":[{"name":"b","category":"network","source":"s"},{"name":"a","category":"network","source":"s"}]}`, "sorted by form, then name"},
		{"unknown source", `{"platform":"android","sources":[],"permissions":[{"name":"a","category":"network","source":"s"}]}`, "unknown source"},
		{"unknown category", `{"platform":"android","sources":[{"id":"s","title":"S"}],"permissions":[{"name":"a","category":"nope","source":"s"}]}`, "unknown category"},
		{"unknown field", `{"platform":"android","sources":[],"permissions":[{"name":"a","category":"network","source":"s","extra":1}]}`, "unknown field"},
		{"broken json", `{"platform":`, "catalogs/x.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"categories.json": {Data: []byte(cats)},
				"catalogs/x.json": {Data: []byte(tc.catalog)},
			}
			_, err := LoadCatalogs(fsys)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("error = %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

// TestCatalogAddedInRecent: permissions added at API 29–36 carry the
// level of the Manifest.permission (and HealthPermissions) reference.
func TestCatalogAddedInRecent(t *testing.T) {
	c := loadBuiltin(t).ByPlatform[Android]
	tests := []struct{ name, level string }{
		{"ACCESS_BACKGROUND_LOCATION", "29"},
		{"BIND_COMPANION_DEVICE_SERVICE", "31"},
		{"START_FOREGROUND_SERVICES_FROM_BACKGROUND", "31"},
		{"POST_NOTIFICATIONS", "33"},
		{"MANAGE_WIFI_INTERFACES", "33"},
		{"READ_MEDIA_VISUAL_USER_SELECTED", "34"},
		{"LAUNCH_CAPTURE_CONTENT_ACTIVITY_FOR_NOTE", "34"},
		{"MANAGE_DEVICE_POLICY_CAMERA", "34"},
		{"health.READ_STEPS", "34"},
		{"health.READ_HEALTH_DATA_IN_BACKGROUND", "35"},
		{"health.READ_MINDFULNESS", "36"},
	}
	for _, tt := range tests {
		e, ok := c.Lookup(FormUsesPermission, "android.permission."+tt.name)
		if !ok {
			t.Errorf("%s not in the catalog", tt.name)
			continue
		}
		if e.AddedIn != tt.level {
			t.Errorf("%s addedIn = %q, want %q", tt.name, e.AddedIn, tt.level)
		}
	}
}
