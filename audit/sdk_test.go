package audit

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestBuiltinSDKCatalogLoadsAndCoversTheSeed(t *testing.T) {
	c, err := BuiltinSDKCatalog()
	if err != nil {
		t.Fatal(err)
	}
	// The IM SDK itself and every push SDK the seed policy names (APNs is
	// part of iOS, not an SDK).
	for _, id := range []string{"easemob-im", "huawei-push", "xiaomi-mipush", "oppo-push", "vivo-push", "honor-push", "meizu-push", "firebase-messaging"} {
		if _, ok := c.Lookup(id); !ok {
			t.Errorf("catalog lacks %s", id)
		}
	}
	purposes := map[string]bool{}
	for _, s := range c.SDKs {
		purposes[strings.ToLower(s.Purpose)] = true
	}
	for _, want := range []string{"analytics", "crash", "maps", "payment", "advertising", "social login"} {
		found := false
		for p := range purposes {
			found = found || strings.Contains(p, want)
		}
		if !found {
			t.Errorf("no SDK in the catalog serves %q", want)
		}
	}
	e, _ := c.Lookup("easemob-im")
	if _, err := BuiltinPolicyJSON(e.Policy); err != nil {
		t.Errorf("easemob-im names policy %q: %v", e.Policy, err)
	}
}

func TestSDKCatalogRejectsBadEntries(t *testing.T) {
	for name, body := range map[string]string{
		"short recogniser":               `[{"id":"x","name":"X","vendor":"V","purpose":"P","recognise":{"dexPackages":["com"]}}]`,
		"no recognisers":                 `[{"id":"x","name":"X","vendor":"V","purpose":"P","recognise":{}}]`,
		"unsourced set":                  `[{"id":"x","name":"X","vendor":"V","purpose":"P","permissions":{"android":["a.b"]},"recognise":{"dexPackages":["com.x"]}}]`,
		"unknown key":                    `[{"id":"x","name":"X","vendor":"V","purpose":"P","recognize":{}}]`,
		"exception outside the packages": `[{"id":"x","name":"X","vendor":"V","purpose":"P","recognise":{"dexPackages":["com.x"],"dexPackagesExcept":["com.y.z"]}}]`,
		"exception equal to the package": `[{"id":"x","name":"X","vendor":"V","purpose":"P","recognise":{"dexPackages":["com.x"],"dexPackagesExcept":["com.x"]}}]`,
		"duplicate id": `[{"id":"x","name":"X","vendor":"V","purpose":"P","recognise":{"dexPackages":["com.x"]}},
			{"id":"x","name":"X","vendor":"V","purpose":"P","recognise":{"dexPackages":["com.y"]}}]`,
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := loadSDKCatalog(fstest.MapFS{"sdks/a.json": {Data: []byte(body)}}); err == nil {
				t.Fatal("loaded")
			}
		})
	}
}

func TestDetectSDKs(t *testing.T) {
	c, err := BuiltinSDKCatalog()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		pl      Platform
		signals []Signal
		modules []Module
		want    []string
	}{
		{"meta-data key", Android, []Signal{{Kind: SignalAndroidMetaData, Value: "EASEMOB_APPKEY"}}, nil, []string{"easemob-im"}},
		{"component in the SDK's package", Android, []Signal{{Kind: SignalAndroidComponent, Value: "com.hyphenate.chat.EMChatService"}}, nil, []string{"easemob-im"}},
		{"dex package and sub-package", Android, []Signal{{Kind: SignalDexPackage, Value: "com.hyphenate"}, {Kind: SignalDexPackage, Value: "com.xiaomi.mipush.sdk"}}, nil,
			[]string{"easemob-im", "xiaomi-mipush"}},
		{"longer sibling package does not match", Android, []Signal{{Kind: SignalDexPackage, Value: "com.hyphenatex"}, {Kind: SignalDexPackage, Value: "com.umengx.a"}}, nil, nil},
		{"meta-data is matched exactly", Android, []Signal{{Kind: SignalAndroidMetaData, Value: "EASEMOB_APPKEY_OLD"}}, nil, nil},
		{"iOS framework", IOS, []Signal{{Kind: SignalIOSFramework, Value: "HyphenateChat"}, {Kind: SignalIOSFramework, Value: "FirebaseMessaging"}}, nil,
			[]string{"easemob-im", "firebase-messaging"}},
		{"HarmonyOS module", HarmonyOS, nil, []Module{{Name: "@easemob/chatsdk", Kind: "hsp"}}, []string{"easemob-im"}},
		{"push SDKs of the policy library", Android, []Signal{{Kind: SignalDexPackage, Value: "com.igexin.sdk.message"},
			{Kind: SignalAndroidMetaData, Value: "JPUSH_APPKEY"}, {Kind: SignalAndroidMetaData, Value: "com.alibaba.app.appkey"}}, nil,
			[]string{"aliyun-push", "getui", "jpush"}},
		{"Alibaba Cloud push on iOS", IOS, []Signal{{Kind: SignalIOSFramework, Value: "CloudPushSDK"}}, nil, []string{"aliyun-push"}},
		{"JPush on HarmonyOS by its ohpm package", HarmonyOS, []Signal{{Kind: SignalOhpm, Value: "@jg/push 1.3.1"}}, nil, []string{"jpush"}},
		{"gradle coordinate with version", Android, []Signal{{Kind: SignalGradle, Value: "io.hyphenate:hyphenate-chat:4.13.0"}}, nil, []string{"easemob-im"}},
		{"nothing", Android, nil, nil, nil},
		// Packages a shared Play services or Firebase library fills are no
		// evidence: play-services-base ships GoogleSignInAccount,
		// ads-identifier AdvertisingIdClient (Firebase Analytics and UMP pull
		// it in), firebase-measurement-connector the analytics connector
		// (Crashlytics, Remote Config), play-services-measurement-sdk-api
		// (pulled in by play-services-ads) the measurement API.
		{"Play services base libraries alone are no SDK", Android, []Signal{
			{Kind: SignalDexPackage, Value: "com.google.android.gms.auth.api.signin"},
			{Kind: SignalDexPackage, Value: "com.google.android.gms.auth.api.signin.internal"},
			{Kind: SignalDexPackage, Value: "com.google.android.gms.ads.identifier"},
			{Kind: SignalDexPackage, Value: "com.google.firebase.analytics.connector"},
			{Kind: SignalDexPackage, Value: "com.google.firebase.analytics.connector.internal"},
			{Kind: SignalDexPackage, Value: "com.google.android.gms.measurement.api"}}, nil, nil},
		{"Google Sign-In by its own components and library", Android, []Signal{
			{Kind: SignalAndroidComponent, Value: "com.google.android.gms.auth.api.signin.internal.SignInHubActivity"},
			{Kind: SignalAABLibrary, Value: "com.google.android.gms:play-services-auth:21.2.0"}}, nil, []string{"google-signin"}},
		{"Google Sign-In's revocation service", Android, []Signal{
			{Kind: SignalAndroidComponent, Value: "com.google.android.gms.auth.api.signin.RevocationBoundService"}}, nil, []string{"google-signin"}},
		{"a library of play-services-auth's family is not it", Android, []Signal{
			{Kind: SignalAABLibrary, Value: "com.google.android.gms:play-services-auth-base:18.0.10"}}, nil, nil},
		{"AdMob and Analytics by their own packages", Android, []Signal{
			{Kind: SignalDexPackage, Value: "com.google.android.gms.ads"}, {Kind: SignalDexPackage, Value: "com.google.android.gms.ads.internal.client"},
			{Kind: SignalDexPackage, Value: "com.google.firebase.analytics"}}, nil, []string{"firebase-analytics", "google-mobile-ads"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := Declaration{Platform: tc.pl, Signals: tc.signals, Modules: tc.modules}
			var got []string
			for _, s := range DetectSDKs(&d, c) {
				got = append(got, s.ID)
				if len(s.Evidence) == 0 {
					t.Errorf("%s detected without evidence", s.ID)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("detected %v, want %v", got, tc.want)
			}
		})
	}
}

func imAPK(codeScanned bool, signals ...Signal) Declaration {
	d := android("34", with("ACCESS_WIFI_STATE", "CHANGE_WIFI_STATE", "READ_EXTERNAL_STORAGE@32", "WRITE_EXTERNAL_STORAGE@29",
		"WAKE_LOCK", "com.google.android.c2dm.permission.RECEIVE")...)
	d.Signals, d.CodeScanned = signals, codeScanned
	return d
}

func TestEvaluateAttributesPermissionsToSDKs(t *testing.T) {
	cs, p := builtin(t)
	res := Evaluate(imAPK(true, Signal{Kind: SignalAndroidMetaData, Value: "EASEMOB_APPKEY"},
		Signal{Kind: SignalDexPackage, Value: "com.google.firebase.messaging"}), []*Policy{p}, cs)
	by := map[string][]string{}
	for _, perm := range res.Permissions {
		by[perm.Name] = perm.DeclaredBy
	}
	for name, want := range map[string][]string{
		"android.permission.INTERNET":                []string{"easemob-im", "firebase-messaging"},
		"android.permission.CHANGE_WIFI_STATE":       []string{"easemob-im"},
		"android.permission.WAKE_LOCK":               []string{"firebase-messaging"},
		"com.google.android.c2dm.permission.RECEIVE": []string{"firebase-messaging"},
	} {
		got := by[name]
		for i := range got {
			got[i] = strings.TrimSpace(got[i])
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s declared by %v, want %v", name, got, want)
		}
	}
	if len(res.SDKs) != 2 || res.SDKs[0].ID != "easemob-im" || len(res.SDKs[0].DataItems) == 0 {
		t.Fatalf("SDKs = %+v, want easemob-im with its policy's data items, then firebase-messaging", res.SDKs)
	}
	if !reflect.DeepEqual(res.SDKs[1].Permissions, []string{"android.permission.ACCESS_NETWORK_STATE", "android.permission.INTERNET",
		"android.permission.WAKE_LOCK", "com.google.android.c2dm.permission.RECEIVE"}) {
		t.Errorf("firebase-messaging brought %v", res.SDKs[1].Permissions)
	}
}

func TestPolicyAppliesToSDK(t *testing.T) {
	cs, p := builtin(t)
	scoped := *p
	scoped.AppliesTo = &PolicyScope{SDK: "easemob-im"}
	if err := scoped.Validate(cs); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		decl        Declaration
		wantAbsent  bool
		wantFinding string
	}{
		{"package with code and no SDK: not present", imAPK(true, Signal{Kind: SignalDexPackage, Value: "com.example.chat"}), true, RulePolicyNotApplicable},
		{"package with the SDK: evaluated", imAPK(true, Signal{Kind: SignalAndroidMetaData, Value: "EASEMOB_APPKEY"}), false, ""},
		{"lone manifest without code: presence unknown, evaluated", imAPK(false), false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Evaluate(tc.decl, []*Policy{&scoped}, cs)
			for _, m := range res.Matrix {
				if (m.Verdict == VerdictSDKAbsent) != tc.wantAbsent {
					t.Errorf("row %q verdict %q", m.Label, m.Verdict)
				}
			}
			got := rules(res.Findings)
			if tc.wantAbsent && got != RulePolicyNotApplicable+":" {
				t.Errorf("findings %s, want only %s (no beyond-policy noise)", got, RulePolicyNotApplicable)
			}
			if !tc.wantAbsent && strings.Contains(got, RulePolicyNotApplicable) {
				t.Errorf("findings %s", got)
			}
		})
	}
	bad := *p
	bad.AppliesTo = &PolicyScope{SDK: "no-such-sdk"}
	if err := bad.Validate(cs); err == nil || !strings.Contains(err.Error(), "no-such-sdk") {
		t.Errorf("Validate = %v, want an error naming the unknown SDK", err)
	}
}

// TestSDKCatalogPoliciesExist: an SDK entry that names a built-in policy
// names one that exists and applies to that SDK, so sdk-list's data items
// come from the right statement.
func TestSDKCatalogPoliciesExist(t *testing.T) {
	cs, _ := builtin(t)
	c, err := BuiltinSDKCatalog()
	if err != nil {
		t.Fatal(err)
	}
	named := 0
	for _, s := range c.SDKs {
		if s.Policy == "" {
			continue
		}
		named++
		p, err := BuiltinPolicy(s.Policy, cs)
		if err != nil {
			t.Errorf("%s: %v", s.ID, err)
			continue
		}
		if p.AppliesTo == nil || p.AppliesTo.SDK != s.ID {
			t.Errorf("%s names policy %s, which applies to %+v", s.ID, s.Policy, p.AppliesTo)
		}
	}
	if want := len(BuiltinPolicyIDs()); named != want {
		t.Errorf("%d SDKs name a built-in policy, want one for each of the %d", named, want)
	}
}
