package platforms

import (
	"path/filepath"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/sdktest"
)

// TestAPKWithPlayServicesBaseOnlyHasNoSDK: an app that uses only what
// Play services' and Firebase's base libraries ship (GoogleSignInAccount
// from play-services-base, AdvertisingIdClient from ads-identifier, the
// analytics connector Crashlytics pulls in) embeds none of the SDKs whose
// packages those classes sit in; the SDKs' own components still show them.
func TestAPKWithPlayServicesBaseOnlyHasNoSDK(t *testing.T) {
	base := []string{"Lcom/google/android/gms/auth/api/signin/GoogleSignInAccount;", "Lcom/google/android/gms/common/api/GoogleApiActivity;",
		"Lcom/google/android/gms/ads/identifier/AdvertisingIdClient;", "Lcom/google/firebase/analytics/connector/AnalyticsConnector;"}
	tests := []struct {
		name     string
		services []string
		want     string
	}{
		{"base libraries only", nil, ""},
		{"with play-services-auth's revocation service", []string{"com.google.android.gms.auth.api.signin.RevocationBoundService"}, "google-signin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			apk := sdktest.APK{Package: "com.example.watch", Permissions: []string{"android.permission.INTERNET"}, Services: tt.services, Classes: base}
			res := auditBytes(t, "watch.apk", apk.Build())
			if !res.CodeScanned {
				t.Fatal("the dex was not read")
			}
			if got := sdkIDs(res); got != tt.want {
				t.Errorf("SDKs %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCorpusWatchFaceIsNotGoogleSignIn: bundletool's watch-face bundle
// names GoogleSignInAccount (play-services-base) and no class of the
// Sign-In SDK; it was listed as Google Sign-In.
func TestCorpusWatchFaceIsNotGoogleSignIn(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir(t), "android", "aab", "*watch-face*.aab"))
	if len(files) == 0 {
		t.Skip("the watch-face bundle is not in the corpus")
	}
	d, err := Read(files[0], false)
	if err != nil {
		t.Fatal(err)
	}
	named := false
	for _, s := range d.Signals {
		named = named || s.Kind == audit.SignalDexPackage && s.Value == "com.google.android.gms.auth.api.signin"
	}
	if !named {
		t.Fatal("the bundle's dex no longer names com.google.android.gms.auth.api.signin: the test checks nothing")
	}
	c, err := audit.BuiltinSDKCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range audit.DetectSDKs(&d, c) {
		t.Errorf("detected %s by %v", s.ID, s.Evidence)
	}
}
