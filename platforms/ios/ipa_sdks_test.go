package ios_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/platforms/archive"
	"github.com/permaudit/permaudit/platforms/ios"
	"github.com/permaudit/permaudit/platforms/ios/iostest"
)

// The central directory alone gives the frameworks, whether each carries
// its own privacy manifest, and resource bundles; nothing outside the app
// folder counts.
func TestParseIPACollectsSDKSignals(t *testing.T) {
	app := iostest.Bundle{Name: "Chat", Info: map[string]any{"CFBundleIdentifier": "com.example.chat"},
		Frameworks: map[string]map[string]any{"FirebaseMessaging": {"NSPrivacyTracking": false}}}
	data := iostest.IPA(app,
		iostest.File{Name: "Payload/Chat.app/Frameworks/HyphenateChat.framework/HyphenateChat", Data: []byte("x")},
		iostest.File{Name: "Payload/Chat.app/Frameworks/HyphenateChat.framework/Headers/EMClient.h", Data: []byte("x")},
		iostest.File{Name: "Payload/Chat.app/AMap.bundle/images/pin.png", Data: []byte("x")},
		iostest.File{Name: "Payload/Chat.app/Frameworks/.framework/x", Data: []byte("x")},
		iostest.File{Name: "Symbols/Other.framework/Other", Data: []byte("x")})
	z, err := archive.Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	d, err := ios.ParseIPA(z)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range d.Signals {
		got = append(got, string(s.Kind)+" "+s.Value)
	}
	want := strings.Join([]string{
		"ios-bundle AMap",
		"ios-framework FirebaseMessaging",
		"ios-framework HyphenateChat",
		"ios-framework-privacy-manifest FirebaseMessaging",
	}, "\n")
	if strings.Join(got, "\n") != want {
		t.Errorf("signals:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	if d.CodeScanned {
		t.Error("an IPA cannot show an SDK is absent (static linking); CodeScanned must stay false")
	}
}
