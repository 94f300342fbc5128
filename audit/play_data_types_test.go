package audit

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

// playFormTypes are the data types of Google Play's Data safety form, in
// the Console's order, as its Help Center page lists them
// (https://support.google.com/googleplay/android-developer/answer/10787469).
// Written out here, apart from the JSON, so the data is checked against
// the form rather than against itself.
var playFormTypes = []string{
	"PSL_NAME", "PSL_EMAIL", "PSL_USER_ACCOUNT", "PSL_ADDRESS", "PSL_PHONE", "PSL_RACE_ETHNICITY", "PSL_POLITICAL_RELIGIOUS",
	"PSL_SEXUAL_ORIENTATION_GENDER_IDENTITY", "PSL_OTHER_PERSONAL",
	"PSL_CREDIT_DEBIT_BANK_ACCOUNT_NUMBER", "PSL_PURCHASE_HISTORY", "PSL_CREDIT_SCORE", "PSL_OTHER",
	"PSL_APPROX_LOCATION", "PSL_PRECISE_LOCATION",
	"PSL_WEB_BROWSING_HISTORY",
	"PSL_EMAILS", "PSL_SMS_CALL_LOG", "PSL_OTHER_MESSAGES",
	"PSL_PHOTOS", "PSL_VIDEOS",
	"PSL_AUDIO", "PSL_MUSIC", "PSL_OTHER_AUDIO",
	"PSL_HEALTH", "PSL_FITNESS",
	"PSL_CONTACTS", "PSL_CALENDAR",
	"PSL_CRASH_LOGS", "PSL_PERFORMANCE_DIAGNOSTICS", "PSL_OTHER_PERFORMANCE",
	"PSL_FILES_AND_DOCS",
	"PSL_USER_INTERACTION", "PSL_IN_APP_SEARCH_HISTORY", "PSL_APPS_ON_DEVICE", "PSL_USER_GENERATED_CONTENT", "PSL_OTHER_APP_ACTIVITY",
	"PSL_DEVICE_ID",
}

var playFormPurposes = []string{"PSL_APP_FUNCTIONALITY", "PSL_ANALYTICS", "PSL_DEVELOPER_COMMUNICATIONS",
	"PSL_FRAUD_PREVENTION_SECURITY", "PSL_ADVERTISING", "PSL_PERSONALIZATION", "PSL_ACCOUNT_MANAGEMENT"}

func playData(t *testing.T) *PlayData {
	t.Helper()
	pd, err := BuiltinPlayData()
	if err != nil {
		t.Fatal(err)
	}
	return pd
}

// The form in the JSON is the Console's, and every `play` and purpose
// value of the mapping is one of its IDs.
func TestPlayDataValuesAreKnownPlayIDs(t *testing.T) {
	pd := playData(t)
	var types []string
	for _, c := range pd.Categories {
		if !strings.HasPrefix(c.Question, "PSL_DATA_TYPES_") || c.Label == "" {
			t.Errorf("category %+v: question or label", c)
		}
		for _, ty := range c.Types {
			types = append(types, ty.ID)
			if ty.Label == "" {
				t.Errorf("%s has no label", ty.ID)
			}
		}
	}
	if !slices.Equal(types, playFormTypes) {
		t.Errorf("form types\n%v\nwant the Console's\n%v", types, playFormTypes)
	}
	var purposes []string
	for _, p := range pd.Purposes {
		purposes = append(purposes, p.ID)
	}
	if !slices.Equal(purposes, playFormPurposes) {
		t.Errorf("purposes %v, want %v", purposes, playFormPurposes)
	}
	for _, r := range pd.Rules {
		if len(r.Match) == 0 || r.Why == "" {
			t.Errorf("rule %v: needs match words and a why", r.Match)
		}
		for _, p := range r.Play {
			if !slices.Contains(playFormTypes, p) {
				t.Errorf("rule %v: play %q is not a Play data type", r.Match, p)
			}
		}
	}
	for _, r := range pd.PurposeRules {
		if !slices.Contains(playFormPurposes, r.Purpose) || len(r.Match) == 0 || r.Why == "" {
			t.Errorf("purpose rule %+v: unknown purpose, or no match words or why", r)
		}
	}
	if !slices.Contains(playFormPurposes, pd.DefaultPurpose) {
		t.Errorf("defaultPurpose %q is not a Play purpose", pd.DefaultPurpose)
	}
	if !strings.Contains(pd.Source, "https://support.google.com/googleplay/android-developer/answer/10787469") {
		t.Errorf("source does not cite the Help Center page: %s", pd.Source)
	}
}

// notUserData marks an item that maps to nothing on purpose.
const notUserData = "(not user data)"

// Every data item of every built-in policy, on any platform, and the Play
// types it maps to. An item missing here fails the test: a new policy
// needs its items decided.
func TestPlayTypesOfBuiltinPolicyItems(t *testing.T) {
	want := map[string]string{
		// aliyun-push
		"Device information identifying the handset (phone brand, model, system version)": "PSL_PERFORMANCE_DIAGNOSTICS",
		"Device information (operating system version, device model)":                     "PSL_PERFORMANCE_DIAGNOSTICS",
		// amap
		"Latitude and longitude; device information such as IP address, GNSS information, network type, Wi-Fi state, Wi-Fi parameters, Wi-Fi list, SSID, BSSID and cell-tower information": "PSL_APPROX_LOCATION PSL_PERFORMANCE_DIAGNOSTICS PSL_PRECISE_LOCATION",
		// easemob-im
		"Device identification code (APNS Token)": "PSL_DEVICE_ID",
		"Bundle ID": notUserData,
		"The application package name, application version number, and installation path of the application":                         notUserData,
		"Device type, device name and model, operating system (version information), network connection type and status, IP address": "PSL_APPROX_LOCATION PSL_PERFORMANCE_DIAGNOSTICS",
		// firebase-analytics
		"App instance ID":                         "PSL_DEVICE_ID",
		"Advertising ID (Android advertising ID)": "PSL_DEVICE_ID",
		"Masked IP address":                       "PSL_APPROX_LOCATION",
		"In-app purchases and subscriptions (product ID, product name, price)": "PSL_PURCHASE_HISTORY",
		"App lifecycle events (screen views and sessions)":                     "PSL_USER_INTERACTION",
		"User-ID":             "PSL_USER_ACCOUNT",
		"Account identifiers": "PSL_USER_ACCOUNT",
		// wechat-opensdk
		"Pictures or content the user actively selects":                                                  "PSL_PHOTOS",
		"WeChat avatar and nickname the user actively selects":                                           "PSL_NAME PSL_PHOTOS",
		"Payment order identifier generated by the third-party app; payment status (success or failure)": "PSL_PURCHASE_HISTORY",
		// google-mobile-ads, jpush
		"IP address": "PSL_APPROX_LOCATION",
		"User product interactions (app launches, taps, video views)":                                                                                     "PSL_USER_INTERACTION",
		"Diagnostic information (app launch time, hang rate, energy usage)":                                                                               "PSL_PERFORMANCE_DIAGNOSTICS",
		"Device and account identifiers (Android advertising ID, app set ID, and where applicable other identifiers of accounts signed in on the device)": "PSL_DEVICE_ID",
		"Device identifiers (Android ID, GAID, OAID, UAID, IDFA)":                                                                                         "PSL_DEVICE_ID",
		"Device identifier (IDFA)":        "PSL_DEVICE_ID",
		"Device identifiers (AAID, OAID)": "PSL_DEVICE_ID",
		"Device hardware information (device model, screen resolution, manufacturer, product name) and operating system information (version, name, language)": "PSL_PERFORMANCE_DIAGNOSTICS",
		"Device hardware information (device model, screen resolution, product name) and operating system version":                                             "PSL_PERFORMANCE_DIAGNOSTICS",
		"Network information (network type, carrier name, Wi-Fi state)":                                                                                        "PSL_PERFORMANCE_DIAGNOSTICS",
		"Network information (network type, carrier)":                                                                                                          "PSL_PERFORMANCE_DIAGNOSTICS",
		"Push message logs": "PSL_USER_INTERACTION",
		"App list (installed and running apps) and location information": "PSL_APPROX_LOCATION PSL_APPS_ON_DEVICE PSL_PRECISE_LOCATION",
		"Location information": "PSL_APPROX_LOCATION PSL_PRECISE_LOCATION",
		// xiaomi-mipush
		"GAID":              "PSL_DEVICE_ID",
		"Hashed Android ID": "PSL_DEVICE_ID",
		"RegID":             "PSL_DEVICE_ID",
		"Basic app info (app package name, version number and running status)": notUserData,
		"Message content": "PSL_OTHER_MESSAGES",
		"Device-related info (device manufacturer, device model and memory, operating system version, Mi Push SDK version, device registration location)": "PSL_APPROX_LOCATION PSL_PERFORMANCE_DIAGNOSTICS",
		"Notification shade settings (whether notification shade messages are blocked, whether lock screen pop-up notifications are enabled)":             "PSL_OTHER_APP_ACTIVITY",
		"Event messages (message creation, delivery, arrival and click events)":                                                                           "PSL_USER_INTERACTION",
	}
	pd := playData(t)
	cs := loadBuiltin(t)
	used := map[string]bool{}
	for _, id := range BuiltinPolicyIDs() {
		p, err := BuiltinPolicy(id, cs)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range p.DataItems {
			used[it.Item] = true
			exp, ok := want[it.Item]
			if !ok {
				t.Errorf("%s: item %q has no expected Play types in this table", id, it.Item)
				continue
			}
			if got := playTypesOf(pd.TypesFor(it.Item)); got != exp {
				t.Errorf("%s: %q maps to %q, want %q", id, it.Item, got, exp)
			}
		}
	}
	for item := range want {
		if !used[item] {
			t.Errorf("no built-in policy has the item %q: remove it from the table", item)
		}
	}
}

func playTypesOf(ms []PlayMatch) string {
	var out []string
	for _, m := range ms {
		if len(m.Rule.Play) == 0 {
			if m.Rule.Why == "" {
				return "(not user data, without a why)"
			}
			out = append(out, notUserData)
		}
		for _, p := range m.Rule.Play {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return strings.Join(slices.Compact(out), " ")
}

// A user-data word wins over the not-user-data rule in the same item, and
// an item no rule knows maps to nothing, without a why, for a person to
// decide.
func TestPlayTypesForMixedAndUnknownItems(t *testing.T) {
	pd := playData(t)
	for _, tc := range []struct{ item, want string }{
		{"App package name and the device's IP address", "PSL_APPROX_LOCATION"},
		{"App version number", notUserData},
		{"Favourite colour", ""},
		{"Wi-Fi BSSID", "PSL_PRECISE_LOCATION"},
		{"User's e-mail address and phone number", "PSL_EMAIL PSL_PHONE"},
	} {
		if got := playTypesOf(pd.TypesFor(tc.item)); got != tc.want {
			t.Errorf("%q maps to %q, want %q", tc.item, got, tc.want)
		}
	}
}

func TestPlayPurposesFor(t *testing.T) {
	pd := playData(t)
	for _, tc := range []struct{ text, want string }{
		{"To provide message delivery, and to prevent security risks and accurately identify violations", "PSL_APP_FUNCTIONALITY PSL_FRAUD_PREVENTION_SECURITY"},
		{"Used in reporting and analysis", "PSL_ANALYTICS"},
		{"WeChat login", "PSL_ACCOUNT_MANAGEMENT"},
		{"Show personalised advertising", "PSL_ADVERTISING PSL_PERSONALIZATION"},
		{"Generate a device ID to ensure that the target device is unique", ""},
	} {
		var got []string
		for _, m := range pd.PurposesFor(tc.text) {
			got = append(got, m.Purpose)
		}
		sort.Strings(got)
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: purposes %v, want %s", tc.text, got, tc.want)
		}
	}
}

// A match starts a word and is reported as the clause holding it.
func TestFirstMatchQuotesTheClause(t *testing.T) {
	for _, tc := range []struct {
		text  string
		words []string
		want  string
		ok    bool
	}{
		{"device manufacturer, device model and memory, OS", []string{"model"}, "device model and memory", true},
		{"Wi-Fi list, BSSID and cell-tower information", []string{"ssid"}, "", false},
		{"Masked IP address", []string{"ip address"}, "Masked IP address", true},
		{"Payment order identifier; payment status (success or failure)", []string{"payment status"}, "payment status", true},
		{"Timestamps", []string{"tap event"}, "", false},
		{strings.Repeat("long ", 20) + "model", []string{"model"}, strings.TrimSpace(strings.Repeat("long ", 12)) + "…", true},
	} {
		got, ok := firstMatch(tc.text, tc.words)
		if got != tc.want || ok != tc.ok {
			t.Errorf("firstMatch(%q, %v) = %q, %v; want %q, %v", tc.text, tc.words, got, ok, tc.want, tc.ok)
		}
	}
}
