package android

import (
	"sort"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/platforms/android/aabtest"
	"github.com/permaudit/permaudit/platforms/android/dextest"
)

// An App Bundle keeps each module's code in <module>/dex/; every module's
// dex files are searched and each signal names its entry.
func TestParseAABReadsEveryModulesDex(t *testing.T) {
	base := aabtest.Manifest("com.example.chat", aabtest.UsesPermission("android.permission.INTERNET"))
	feature := aabtest.Manifest("com.example.chat")
	files := []aabtest.File{{Name: "BundleConfig.pb", Data: aabtest.BundleConfig()},
		{Name: "base/manifest/AndroidManifest.xml", Data: base.Marshal()},
		{Name: "call/manifest/AndroidManifest.xml", Data: feature.Marshal()},
		{Name: "base/dex/classes.dex", Data: dextest.Dex("Lcom/hyphenate/chat/EMClient;"), Deflate: true},
		{Name: "call/dex/classes.dex", Data: dextest.Dex("Lcom/xiaomi/mipush/sdk/MiPushClient;")}}
	d := parseAABBytes(t, aabtest.Zip(files...))
	var got []string
	for _, s := range d.Signals {
		got = append(got, s.Value+" @"+s.Entry)
	}
	sort.Strings(got)
	want := "com.hyphenate.chat @base/dex/classes.dex\ncom.xiaomi.mipush.sdk @call/dex/classes.dex"
	if strings.Join(got, "\n") != want || !d.CodeScanned {
		t.Errorf("signals:\n%s\nwant:\n%s (code scanned %t)", strings.Join(got, "\n"), want, d.CodeScanned)
	}
}
