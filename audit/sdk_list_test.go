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
