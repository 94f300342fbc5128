package ios_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/ios"
	"github.com/permaudit/permaudit/platforms/ios/iostest"
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
`

// infoXML is a source Info.plist as Xcode writes it; its line numbers are
// checked below (the <key> of NSCameraUsageDescription is on line 13).
var infoXML = xmlHeader + `<dict>
	<key>CFBundleIdentifier</key>
	<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>
	<key>CFBundleShortVersionString</key>
	<string>$(MARKETING_VERSION)</string>
	<key>CFBundleVersion</key>
	<string>42</string>
	<key>MinimumOSVersion</key>
	<string>15.0</string>
	<key>NSCameraUsageDescription</key>
	<string>Scan QR codes to join a room.</string>
	<key>NSMicrophoneUsageDescription</key>
	<string></string>
	<key>NSContactsUsageDescription</key>
	<string>   </string>
	<key>UIBackgroundModes</key>
	<array>
		<string>remote-notification</string>
		<string>location</string>
	</array>
	<key>NSAppTransportSecurity</key>
	<dict>
		<key>NSAllowsArbitraryLoads</key>
		<true/>
		<key>NSExceptionDomains</key>
		<dict>
			<key>example.com</key>
			<dict>
				<key>NSIncludesSubdomains</key>
				<true/>
				<key>NSExceptionMinimumTLSVersion</key>
				<string>TLSv1.0</string>
			</dict>
		</dict>
	</dict>
</dict>
</plist>
`

func TestParseInfoPlistXML(t *testing.T) {
	d, err := ios.ParseInfoPlist([]byte(infoXML))
	if err != nil {
		t.Fatal(err)
	}
	wantApp := audit.App{ID: "$(PRODUCT_BUNDLE_IDENTIFIER)", Version: "$(MARKETING_VERSION)", MinLevel: "15.0"}
	if d.App != wantApp || d.Platform != audit.IOS || d.Artifact.Kind != ios.KindInfoPlist {
		t.Errorf("app = %+v, platform %q kind %q", d.App, d.Platform, d.Artifact.Kind)
	}
	want := []audit.Permission{
		{Name: "NSCameraUsageDescription", Form: audit.FormUsageDescription, Purpose: "Scan QR codes to join a room.", HasPurpose: true, Line: 13},
		{Name: "NSMicrophoneUsageDescription", Form: audit.FormUsageDescription, Purpose: "", HasPurpose: true, Line: 15},
		{Name: "NSContactsUsageDescription", Form: audit.FormUsageDescription, Purpose: "   ", HasPurpose: true, Line: 17},
		{Name: "remote-notification", Form: audit.FormBackgroundMode, Line: 21},
		{Name: "location", Form: audit.FormBackgroundMode, Line: 22},
	}
	if !reflect.DeepEqual(d.Permissions, want) {
		t.Errorf("permissions:\n got %+v\nwant %+v", d.Permissions, want)
	}
	wantFacts := []audit.Fact{
		{Key: "CFBundleVersion", Value: "42", Line: 9},
		{Key: "NSAppTransportSecurity.NSAllowsArbitraryLoads", Value: "true", Line: 26},
		{Key: "NSAppTransportSecurity.NSExceptionDomains.example.com.NSExceptionMinimumTLSVersion", Value: "TLSv1.0", Line: 34},
		{Key: "NSAppTransportSecurity.NSExceptionDomains.example.com.NSIncludesSubdomains", Value: "true", Line: 32},
	}
	if !reflect.DeepEqual(d.Facts, wantFacts) {
		t.Errorf("facts:\n got %+v\nwant %+v", d.Facts, wantFacts)
	}
	if len(d.Notes) != 0 {
		t.Errorf("notes: %+v", d.Notes)
	}
}

func TestParseInfoPlistBinary(t *testing.T) {
	data := iostest.BinaryPlist(map[string]any{
		"CFBundleIdentifier":                               "org.example.chat",
		"CFBundleShortVersionString":                       "2.1",
		"CFBundleVersion":                                  "210",
		"LSMinimumSystemVersion":                           "12.0",
		"NSLocationWhenInUseUsageDescription":              "Share where you are.",
		"NSFaceIDUsageDescription":                         "",
		"NSBluetoothAlwaysUsageDescription":                uint64(7),
		"UIBackgroundModes":                                []any{"voip", true, "audio"},
		"NSLocationTemporaryUsageDescriptionDictionary":    map[string]any{"Nav": "Turn-by-turn"},
		"NSHealthRequiredReadAuthorizationTypeIdentifiers": []any{"HKQuantityTypeIdentifierStepCount"},
	})
	d, err := ios.ParseInfoPlist(data)
	if err != nil {
		t.Fatal(err)
	}
	if d.App != (audit.App{ID: "org.example.chat", Version: "2.1", MinLevel: "12.0"}) {
		t.Errorf("app = %+v", d.App)
	}
	want := []audit.Permission{
		{Name: "audio", Form: audit.FormBackgroundMode},
		{Name: "voip", Form: audit.FormBackgroundMode},
		{Name: "NSBluetoothAlwaysUsageDescription", Form: audit.FormUsageDescription, HasPurpose: true},
		{Name: "NSFaceIDUsageDescription", Form: audit.FormUsageDescription, HasPurpose: true},
		{Name: "NSLocationWhenInUseUsageDescription", Form: audit.FormUsageDescription, Purpose: "Share where you are.", HasPurpose: true},
	}
	if !reflect.DeepEqual(d.Permissions, want) {
		t.Errorf("permissions:\n got %+v\nwant %+v", d.Permissions, want)
	}
	wantFacts := []audit.Fact{
		{Key: "CFBundleVersion", Value: "210"},
		{Key: "NSHealthRequiredReadAuthorizationTypeIdentifiers", Value: "HKQuantityTypeIdentifierStepCount"},
		{Key: "NSLocationTemporaryUsageDescriptionDictionary.Nav", Value: "Turn-by-turn"},
	}
	if !reflect.DeepEqual(d.Facts, wantFacts) {
		t.Errorf("facts:\n got %+v\nwant %+v", d.Facts, wantFacts)
	}
	if len(d.Notes) != 2 || d.Notes[0].RuleID != ios.RulePlistValueType ||
		!strings.Contains(d.Notes[0].Message, "NSBluetoothAlwaysUsageDescription") ||
		!strings.Contains(d.Notes[1].Message, "UIBackgroundModes item 1") {
		t.Errorf("notes: %+v", d.Notes)
	}
}

// bombPlist builds a tiny bplist whose arrays each hold the previous one
// twice: 2^levels values once expanded.
func bombPlist(levels int) []byte {
	b := []byte("bplist00")
	offsets := []int{len(b)}
	b = append(b, 0x08) // object 0: false
	for i := 1; i <= levels; i++ {
		offsets = append(offsets, len(b))
		b = append(b, 0xA2, byte(i-1), byte(i-1))
	}
	table := len(b)
	for _, o := range offsets {
		b = append(b, byte(o>>8), byte(o))
	}
	trailer := make([]byte, 32)
	trailer[6], trailer[7] = 2, 1
	n := len(offsets)
	trailer[15] = byte(n)
	trailer[23] = byte(n - 1)
	trailer[30], trailer[31] = byte(table>>8), byte(table)
	return append(b, trailer...)
}

func TestParseInfoPlistBroken(t *testing.T) {
	deep := xmlHeader + strings.Repeat("<array>", 500) + strings.Repeat("</array>", 500) + "</plist>"
	tests := []struct {
		name, data string
		line       int
		msg        string
	}{
		{"empty", "", 0, "empty file"},
		{"blank", " \n\t\n", 0, "empty file"},
		{"garbled xml", xmlHeader + "<dict>\n<key>A</key>\n<string>x</strin>\n</dict></plist>", 6, "malformed XML"},
		{"unclosed", xmlHeader + "<dict>\n<key>A</key>\n", 0, "malformed XML"},
		{"root array", xmlHeader + "<array><string>x</string></array></plist>", 0, "not a dictionary"},
		{"root string binary", string(iostest.BinaryPlist("hello")), 0, "not a dictionary"},
		{"not a plist", "hello world", 0, "not a property list"},
		{"openstep", `{ CFBundleIdentifier = "x"; }`, 0, "not a property list"},
		{"html", "<html><body>hi</body></html>", 0, "malformed property list"},
		{"bplist truncated", "bplist00\x00\x01", 0, "malformed binary property list"},
		{"bplist garbled", string(iostest.BinaryPlist(map[string]any{"a": "b"})[:20]) + strings.Repeat("\xff", 40), 0, "malformed binary property list"},
		{"too deep", deep, 0, "deeper than"},
		{"expansion bomb", string(bombPlist(40)), 0, "expands to over"},
		{"too large", strings.Repeat(" ", 5<<20), 0, "over the"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ios.ParseInfoPlist([]byte(tt.data))
			var pe *audit.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want *audit.ParseError", err)
			}
			if !strings.Contains(pe.Error(), tt.msg) {
				t.Errorf("err = %q, want it to mention %q", pe.Error(), tt.msg)
			}
			if tt.line != 0 && pe.Line != tt.line {
				t.Errorf("line = %d, want %d", pe.Line, tt.line)
			}
		})
	}
}

func TestBOMAndNoDoctype(t *testing.T) {
	d, err := ios.ParseInfoPlist([]byte("\xef\xbb\xbf<plist><dict><key>NSCameraUsageDescription</key><string>x</string></dict></plist>"))
	if err != nil || len(d.Permissions) != 1 || d.Permissions[0].Line != 1 {
		t.Fatalf("d=%+v err=%v", d, err)
	}
}
