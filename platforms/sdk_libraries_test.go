package platforms

import (
	"strings"
	"testing"

	"github.com/permaudit/permaudit/platforms/sdktest"
)

// An App Bundle whose dex is not searched still shows its SDKs: the Maven
// coordinates of dependencies.pb identify them, the evidence names the
// library, and each permission in an SDK's documented set is attributed.
func TestAABLibrariesIdentifySDKsAndAttributePermissions(t *testing.T) {
	res := auditBytes(t, "im-app.aab", sdktest.IMAppAAB())
	if got := sdkIDs(res); got != "easemob-im,firebase-messaging" {
		t.Fatalf("SDKs %s", got)
	}
	evidence := map[string]string{}
	for _, s := range res.SDKs {
		evidence[s.ID] = strings.Join(s.Evidence, "; ")
	}
	if evidence["easemob-im"] != "aab-library io.hyphenate:hyphenate-chat:4.5.0" ||
		evidence["firebase-messaging"] != "aab-library com.google.firebase:firebase-messaging:23.4.1" {
		t.Errorf("evidence %v", evidence)
	}
	by := map[string]string{}
	for _, p := range res.Permissions {
		by[p.Name] = strings.Join(p.DeclaredBy, ",")
	}
	for name, want := range map[string]string{
		"android.permission.POST_NOTIFICATIONS": "firebase-messaging",
		"android.permission.CAMERA":             "easemob-im",
		"android.permission.INTERNET":           "easemob-im,firebase-messaging",
	} {
		if by[name] != want {
			t.Errorf("%s declared by %q, want %q", name, by[name], want)
		}
	}
	if len(res.Libraries) != 5 {
		t.Errorf("libraries %+v", res.Libraries)
	}
}
