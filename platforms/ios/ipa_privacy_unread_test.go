package ios_test

import (
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive/ziptest"
	"github.com/permaudit/permaudit/platforms/ios"
	"github.com/permaudit/permaudit/platforms/ios/iostest"
)

// TestParseIPAPrivacyManifestUnread: a PrivacyInfo.xcprivacy that is not a
// property list is an invalid manifest, which App Store Connect rejects
// (ITMS-91056): an error, not a warning. One the archive cannot hand over
// stays ios-bundle-unread (the file itself may be fine). Either way the
// declaration marks it unread, and the framework it belongs to still has
// its manifest: it is there, only not valid.
func TestParseIPAPrivacyManifestUnread(t *testing.T) {
	const fwManifest = "Payload/A.app/Frameworks/Alamofire.framework/PrivacyInfo.xcprivacy"
	tests := []struct {
		name     string
		data     []byte
		refused  bool // the central directory places the entry past the archive's end
		rule     string
		severity audit.Severity
		msg      string
	}{
		{"garbage text", []byte("<garbage"), false, ios.RulePrivacyManifestInvalid, audit.SeverityError, "malformed XML"},
		{"garbage binary", []byte("bplist00junk"), false, ios.RulePrivacyManifestInvalid, audit.SeverityError, "malformed binary property list"},
		{"root is an array", iostest.XMLPlist([]any{"NSPrivacyTracking"}), false, ios.RulePrivacyManifestInvalid, audit.SeverityError, "not a dictionary"},
		{"empty file", nil, false, ios.RulePrivacyManifestInvalid, audit.SeverityError, "empty file"},
		{"entry the archive refuses", iostest.XMLPlist(map[string]any{"NSPrivacyTracking": false}), true, ios.RuleBundleUnread, audit.SeverityWarning, "could not be read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ziptest.Crafted{Files: []ziptest.CraftedFile{
				{File: ziptest.File{Name: "Payload/A.app/Info.plist", Data: iostest.BinaryPlist(map[string]any{"CFBundleIdentifier": "com.a"})}},
				{File: ziptest.File{Name: "Payload/A.app/Frameworks/Alamofire.framework/Alamofire", Data: []byte("x")}},
				{File: ziptest.File{Name: fwManifest, Data: tt.data}},
			}}
			if tt.refused {
				c.Files[2].Shift = 1 << 20
			}
			d, err := ios.ParseIPA(openZip(t, c.Write()))
			if err != nil {
				t.Fatal(err)
			}
			var notes []audit.Note
			for _, n := range d.Notes {
				if n.Entry == fwManifest {
					notes = append(notes, n)
				}
			}
			if len(notes) != 1 || notes[0].RuleID != tt.rule || notes[0].Severity != tt.severity || !strings.Contains(notes[0].Message, tt.msg) {
				t.Errorf("notes on the manifest %+v, want one %s %s saying %q", notes, tt.severity, tt.rule, tt.msg)
			}
			if tt.rule == ios.RulePrivacyManifestInvalid && !strings.Contains(notes[0].Message, "ITMS-91056") {
				t.Errorf("message %q does not name ITMS-91056", notes[0].Message)
			}
			signals := map[string]bool{}
			for _, s := range d.Signals {
				signals[string(s.Kind)+" "+s.Value+" @"+s.Entry] = true
			}
			for _, want := range []string{
				string(audit.SignalIOSPrivacyManifestUnread) + " " + fwManifest + " @" + fwManifest,
				string(audit.SignalIOSFrameworkPrivacy) + " Alamofire @" + fwManifest,
			} {
				if !signals[want] {
					t.Errorf("no signal %q in %v", want, signals)
				}
			}
		})
	}
}
