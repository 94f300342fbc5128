package ios_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/ios"
	"github.com/permaudit/permaudit/platforms/ios/iostest"
)

var pushEntitlements = map[string]any{
	"aps-environment":                                      "production",
	"com.apple.security.application-groups":                []any{"group.org.example.chat"},
	"com.apple.developer.associated-domains":               []any{"applinks:example.org", "webcredentials:example.org"},
	"keychain-access-groups":                               []any{"$(AppIdentifierPrefix)org.example.chat"},
	"com.apple.developer.usernotifications.time-sensitive": true,
}

func TestParseEntitlements(t *testing.T) {
	wantNames := []string{
		"aps-environment",
		"com.apple.developer.associated-domains",
		"com.apple.developer.usernotifications.time-sensitive",
		"com.apple.security.application-groups",
		"keychain-access-groups",
	}
	wantFacts := []string{
		"aps-environment=production",
		"com.apple.developer.associated-domains=applinks:example.org",
		"com.apple.developer.associated-domains=webcredentials:example.org",
		"com.apple.developer.usernotifications.time-sensitive=true",
		"com.apple.security.application-groups=group.org.example.chat",
		"keychain-access-groups=$(AppIdentifierPrefix)org.example.chat",
	}
	for name, data := range map[string][]byte{"xml": iostest.XMLPlist(pushEntitlements), "binary": iostest.BinaryPlist(pushEntitlements)} {
		t.Run(name, func(t *testing.T) {
			d, err := ios.ParseEntitlements(data)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, p := range d.Permissions {
				if p.Form != audit.FormEntitlement {
					t.Errorf("form %q", p.Form)
				}
				if (p.Line != 0) != (name == "xml") {
					t.Errorf("%s line %d", p.Name, p.Line)
				}
				names = append(names, p.Name)
			}
			if !reflect.DeepEqual(names, wantNames) {
				t.Errorf("names %q", names)
			}
			if got := factStrings(d.Facts); !reflect.DeepEqual(got, wantFacts) {
				t.Errorf("facts:\n got %q\nwant %q", got, wantFacts)
			}
			if d.Artifact.Kind != ios.KindEntitlements {
				t.Errorf("kind %q", d.Artifact.Kind)
			}
		})
	}
}

func TestParseEntitlementsEdges(t *testing.T) {
	d, err := ios.ParseEntitlements(iostest.XMLPlist(map[string]any{}))
	if err != nil || len(d.Permissions) != 0 || d.Permissions == nil {
		t.Errorf("empty dict: %+v %v", d, err)
	}
	for name, data := range map[string]string{
		"empty":       "",
		"garbled":     xmlHeader + "<dict><key>aps-environment</key><string>production</dict></plist>",
		"root string": string(iostest.XMLPlist("aps-environment")),
		"bplist junk": "bplist00" + string(make([]byte, 40)),
	} {
		if _, err := ios.ParseEntitlements([]byte(data)); !errors.As(err, new(*audit.ParseError)) {
			t.Errorf("%s: err = %v, want *audit.ParseError", name, err)
		}
	}
}

func TestParseMobileProvision(t *testing.T) {
	profile := map[string]any{
		"Name":               "Chat Ad Hoc",
		"TeamIdentifier":     []any{"ABCDE12345"},
		"ExpirationDate":     mustTime("2026-03-01T10:00:00Z"),
		"ProvisionedDevices": []any{"00008030-001", "00008030-002", "00008030-003"},
		"Entitlements": map[string]any{
			"aps-environment":        "development",
			"get-task-allow":         true,
			"application-identifier": "ABCDE12345.org.example.chat",
		},
	}
	d, err := ios.ParseMobileProvision(iostest.MobileProvision(profile))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"application-identifier=ABCDE12345.org.example.chat",
		"aps-environment=development",
		"get-task-allow=true",
		"provision.devices=3",
		"provision.expirationDate=2026-03-01T10:00:00Z",
		"provision.teamIdentifier=ABCDE12345",
	}
	if got := factStrings(d.Facts); !reflect.DeepEqual(got, want) {
		t.Errorf("facts:\n got %q\nwant %q", got, want)
	}
	if len(d.Permissions) != 3 || d.Permissions[1].Name != "aps-environment" || d.Permissions[1].Line != 0 {
		t.Errorf("permissions %+v", d.Permissions)
	}
	for name, data := range map[string][]byte{
		"no plist": []byte("\x30\x80\x06\x09 not a profile"),
		"unclosed": []byte("\x30\x80<?xml version=\"1.0\"?><plist><dict>"),
		"empty":    nil,
	} {
		if _, err := ios.ParseMobileProvision(data); !errors.As(err, new(*audit.ParseError)) {
			t.Errorf("%s: err = %v, want *audit.ParseError", name, err)
		}
	}
}
