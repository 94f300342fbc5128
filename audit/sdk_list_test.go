package audit

import (
	"reflect"
	"testing"
)

// TestSDKListingWithoutSDKs: each app read in which no SDK was found,
// once, in path order; an app with an SDK is not among them.
func TestSDKListingWithoutSDKs(t *testing.T) {
	withSDK := ListedArtifact{Path: "a.apk", Platform: Android, App: "com.a"}
	bare := ListedArtifact{Path: "b.apk", Platform: Android, App: "com.b"}
	ext := ListedArtifact{Path: "c.ipa", Platform: IOS, App: "com.c.widget"}
	l := SDKListing{Artifacts: []ListedArtifact{withSDK, bare, bare, ext},
		SDKs: []SDKListEntry{{Path: "a.apk", Platform: Android, App: "com.a", DetectedSDK: DetectedSDK{ID: "x"}}}}
	if got, want := l.WithoutSDKs(), []ListedArtifact{bare, ext}; !reflect.DeepEqual(got, want) {
		t.Errorf("WithoutSDKs = %+v, want %+v", got, want)
	}
}

// TestSDKListingInSeveralFiles: an app id is "in several files" when read
// from more than one path on one platform; the same id on two platforms,
// or twice from one path (an IPA's extensions), is not.
func TestSDKListingInSeveralFiles(t *testing.T) {
	l := SDKListing{Artifacts: []ListedArtifact{
		{Path: "app.apk", Platform: Android, App: "com.chat"}, {Path: "app.aab", Platform: Android, App: "com.chat"},
		{Path: "app.ipa", Platform: IOS, App: "com.chat"}, {Path: "app.ipa", Platform: IOS, App: "com.chat"},
		{Path: "x.hap", Platform: HarmonyOS, App: "com.x"},
	}}
	several := l.InSeveralFiles()
	for _, tc := range []struct {
		p    Platform
		id   string
		want bool
	}{{Android, "com.chat", true}, {IOS, "com.chat", false}, {HarmonyOS, "com.x", false}, {HarmonyOS, "com.chat", false}} {
		if got := several(tc.p, tc.id); got != tc.want {
			t.Errorf("%s %s: %v, want %v", tc.p, tc.id, got, tc.want)
		}
	}
}
