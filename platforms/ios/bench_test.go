package ios_test

import (
	"fmt"
	"testing"

	"github.com/permaudit/permaudit/platforms/ios"
	"github.com/permaudit/permaudit/platforms/ios/iostest"
)

// BenchmarkParseInfoPlist: an app's Info.plist, in both encodings.
func BenchmarkParseInfoPlist(b *testing.B) {
	info := map[string]any{"CFBundleIdentifier": "com.example.bench", "CFBundleShortVersionString": "1.0",
		"MinimumOSVersion": "15.0", "UIBackgroundModes": []any{"audio", "remote-notification"}}
	for i := range 30 {
		info[fmt.Sprintf("NSKey%dUsageDescription", i)] = "Used to show you something useful."
	}
	for name, data := range map[string][]byte{"xml": iostest.XMLPlist(info), "binary": iostest.BinaryPlist(info)} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ios.ParseInfoPlist(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
