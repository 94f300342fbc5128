package android

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android/axmltest"
)

type N = axmltest.Node

// sampleManifest covers every attribute the declaration reads, typed as
// aapt types them.
func sampleManifest() *N {
	return &N{Name: "manifest", Line: 2, Attrs: []axmltest.Attr{
		axmltest.AInt("versionCode", 42), axmltest.A("versionName", "4.2"), axmltest.Plain("package", "org.example.bin"),
	}, Children: []*N{
		{Name: "uses-sdk", Line: 5, Attrs: []axmltest.Attr{axmltest.AInt("minSdkVersion", 23), axmltest.AInt("targetSdkVersion", 34)}},
		{Name: "uses-permission", Line: 6, Attrs: []axmltest.Attr{axmltest.A("name", "android.permission.INTERNET")}},
		{Name: "uses-permission", Line: 7, Attrs: []axmltest.Attr{axmltest.A("name", "android.permission.READ_EXTERNAL_STORAGE"), axmltest.AInt("maxSdkVersion", 32)}},
		{Name: "uses-permission", Line: 8, Attrs: []axmltest.Attr{axmltest.A("name", "android.permission.CAMERA"), axmltest.ABool("required", false)}},
		{Name: "uses-permission-sdk-23", Line: 9, Attrs: []axmltest.Attr{axmltest.A("name", "android.permission.READ_CONTACTS")}},
		{Name: "uses-permission", Line: 10, Attrs: []axmltest.Attr{axmltest.A("name", "android.permission.NEARBY_WIFI_DEVICES"),
			{NS: axmltest.NSAndroid, Name: "usesPermissionFlags", ResID: 0x01010644, Type: axmltest.TypeIntHex, Data: 0x10000}}},
		{Name: "permission", Line: 11, Attrs: []axmltest.Attr{axmltest.A("name", "org.example.bin.PRIVATE")}},
		{Name: "uses-feature", Line: 12, Attrs: []axmltest.Attr{axmltest.A("name", "android.hardware.camera"), axmltest.ABool("required", false)}},
		{Name: "application", Line: 13, Attrs: []axmltest.Attr{axmltest.ABool("debuggable", true), axmltest.ABool("allowBackup", false), axmltest.ARef("label", 0x7f0b0001)},
			Children: []*N{{Name: "service", Line: 14, Children: []*N{
				{Name: "uses-permission", Line: 15, Attrs: []axmltest.Attr{axmltest.A("name", "android.permission.RECORD_AUDIO")}},
			}}}},
	}}
}

var samplePerms = []string{
	"uses-permission android.permission.INTERNET @6",
	"uses-permission android.permission.READ_EXTERNAL_STORAGE max=32 @7",
	"uses-permission android.permission.CAMERA optional @8",
	"uses-permission-sdk-23 android.permission.READ_CONTACTS @9",
	"uses-permission android.permission.NEARBY_WIFI_DEVICES @10",
	"uses-permission android.permission.RECORD_AUDIO in=service @15",
}

var sampleFacts = []string{
	"application.allowBackup=false",
	"application.debuggable=true",
	"permission.declared=org.example.bin.PRIVATE",
	"uses-feature=android.hardware.camera:required=false",
	"usesPermissionFlags.android.permission.NEARBY_WIFI_DEVICES=neverForLocation",
	"versionCode=42",
}

func TestParseBinaryManifestRoundTrip(t *testing.T) {
	for _, opt := range []axmltest.Options{{}, {UTF8: true}, {NoResourceMap: true}, {UTF8: true, NoResourceMap: true}} {
		d, err := ParseBinaryManifest(axmltest.Encode(sampleManifest(), opt))
		if err != nil {
			t.Fatalf("%+v: %v", opt, err)
		}
		if got, want := joined(permLines(d.Permissions)), joined(samplePerms); got != want {
			t.Errorf("%+v permissions:\n%s\nwant:\n%s", opt, got, want)
		}
		if got, want := joined(factLines(d.Facts)), joined(sampleFacts); got != want {
			t.Errorf("%+v facts:\n%s\nwant:\n%s", opt, got, want)
		}
		want := audit.App{ID: "org.example.bin", Version: "4.2", MinLevel: "23", TargetLevel: "34"}
		if d.App != want || d.Artifact.Kind != KindBinaryManifest || len(d.Notes) != 0 {
			t.Errorf("%+v: app %+v kind %s notes %v", opt, d.App, d.Artifact.Kind, d.Notes)
		}
	}
}

func TestParseBinaryManifestLongStrings(t *testing.T) {
	long := strings.Repeat("é", 40000) // past both one-unit length forms
	root := &N{Name: "manifest", Attrs: []axmltest.Attr{axmltest.Plain("package", "a.b"), axmltest.A("versionName", long)}}
	for _, opt := range []axmltest.Options{{}, {UTF8: true}} {
		if opt.UTF8 {
			long = strings.Repeat("é", 12000) // UTF-8 byte length stays under 0x8000
			root.Attrs[1] = axmltest.A("versionName", long)
		}
		d, err := ParseBinaryManifest(axmltest.Encode(root, opt))
		if err != nil || d.App.Version != long {
			t.Errorf("%+v: err %v, version of %d bytes, want %d", opt, err, len(d.App.Version), len(long))
		}
	}
}

// TestParseBinaryManifestObfuscated renames android attributes, as
// packers do: the resource id decides.
func TestParseBinaryManifestObfuscated(t *testing.T) {
	root := &N{Name: "manifest", Attrs: []axmltest.Attr{axmltest.Plain("package", "a.b")}, Children: []*N{
		{Name: "uses-sdk", Attrs: []axmltest.Attr{axmltest.AInt("minSdkVersion", 30)}},
		{Name: "uses-permission", Attrs: []axmltest.Attr{{NS: "junk", Name: "x7Qz", ResID: 0x01010003, Type: axmltest.TypeString, Str: "android.permission.CAMERA"}}},
		{Name: "uses-permission", Attrs: []axmltest.Attr{{NS: axmltest.NSAndroid, Name: "name", ResID: 0x01010001, Type: axmltest.TypeString, Str: "decoy"},
			{NS: axmltest.NSAndroid, Name: "label", ResID: 0x01010003, Type: axmltest.TypeString, Str: "android.permission.SEND_SMS"}}},
	}}
	d, err := ParseBinaryManifest(axmltest.Encode(root, axmltest.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	want := "uses-permission android.permission.CAMERA\nuses-permission android.permission.SEND_SMS"
	if got := joined(permLines(d.Permissions)); got != want {
		t.Errorf("permissions:\n%s\nwant:\n%s", got, want)
	}
	if len(d.Notes) != 1 || d.Notes[0].RuleID != RuleBinaryAnomaly || !strings.Contains(d.Notes[0].Message, "3 attribute name(s)") {
		t.Errorf("notes = %+v", d.Notes)
	}
}

func TestParseBinaryManifestHostile(t *testing.T) {
	good := axmltest.Encode(sampleManifest(), axmltest.Options{})
	poolSize := int(binary.LittleEndian.Uint32(good[12:]))
	patch := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	tests := []struct {
		name    string
		data    []byte
		perms   int    // permissions expected when it parses
		anomaly string // expected in the anomaly note
		err     string // expected error instead
	}{
		{name: "zero document type", data: patch(func(b []byte) []byte { b[0] = 0; return b }), perms: 6, anomaly: "not RES_XML_TYPE"},
		{name: "document size too large", data: patch(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[4:], 0x42424242); return b }), perms: 6, anomaly: "claims"},
		{name: "trailing bytes", data: append(append([]byte(nil), good...), 1, 2, 3, 4), perms: 6, anomaly: "follow the declared end"},
		{name: "odd document header size", data: patch(func(b []byte) []byte { b[2] = 12; return b }), perms: 6, anomaly: "header size is 12"},
		{name: "string count past the pool", data: patch(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[16:], 0x7fffffff); return b }), anomaly: "claims 2147483647 strings"},
		{name: "truncated after the root", data: good[:len(good)-30], perms: 6, anomaly: "reading stopped"},
		{name: "truncated in the string pool", data: good[:40], err: "before the root element"},
		{name: "no string pool", data: patch(func(b []byte) []byte {
			binary.LittleEndian.PutUint16(b[8:], 0x0222) // an unknown chunk type
			return b
		}), err: "no string pool"},
		{name: "too short", data: []byte{3, 0, 8}, err: "too short"},
		{name: "only a header", data: []byte{3, 0, 8, 0, 8, 0, 0, 0}, err: "no root element"},
		{name: "text manifest", data: []byte(manifestHead + "</manifest>"), err: "text manifest"},
		{name: "zero chunk size", data: patch(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[12:], 0); return b }), err: "malformed chunk"},
		{name: "node header too small", data: patch(func(b []byte) []byte {
			at := 8 + poolSize
			at += int(binary.LittleEndian.Uint32(b[at+4:])) // resource map
			binary.LittleEndian.PutUint16(b[at+2:], 8)      // first namespace node
			return b
		}), err: "malformed XML node"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ParseBinaryManifest(tc.data)
			if tc.err != "" {
				var pe *audit.ParseError
				if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want a ParseError with %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.perms > 0 && len(d.Permissions) != tc.perms {
				t.Errorf("%d permissions, want %d: %v", len(d.Permissions), tc.perms, permLines(d.Permissions))
			}
			if len(d.Notes) == 0 || !strings.Contains(d.Notes[0].Message, tc.anomaly) {
				t.Errorf("notes = %+v, want an anomaly with %q", d.Notes, tc.anomaly)
			}
		})
	}
}

func TestParseBinaryManifestAttributeSizeZero(t *testing.T) {
	// Attribute size 0 makes every one of 65535 attributes the same
	// record; the decoder must stay bounded and still answer.
	root := &N{Name: "manifest", Attrs: []axmltest.Attr{axmltest.Plain("package", "a.b")}}
	for range 40 {
		root.Children = append(root.Children, &N{Name: "uses-permission", Attrs: []axmltest.Attr{axmltest.A("name", "P")}})
	}
	data := axmltest.Encode(root, axmltest.Options{})
	for at := 8; at+8 <= len(data); at += int(binary.LittleEndian.Uint32(data[at+4:])) {
		if binary.LittleEndian.Uint16(data[at:]) == 0x0102 {
			binary.LittleEndian.PutUint16(data[at+16+10:], 0)      // attributeSize
			binary.LittleEndian.PutUint16(data[at+16+12:], 0xffff) // attributeCount
		}
	}
	d, err := ParseBinaryManifest(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Permissions) != 43 || len(d.Notes) != 1 || !strings.Contains(d.Notes[0].Message, "41 element(s) repeating one attribute record") {
		t.Errorf("%d permissions, notes %+v", len(d.Permissions), d.Notes)
	}
}

func TestParseBinaryManifestUnresolvedReference(t *testing.T) {
	root := &N{Name: "manifest", Attrs: []axmltest.Attr{axmltest.Plain("package", "a.b"), axmltest.ARef("versionName", 0x7f0c0002)}, Children: []*N{
		{Name: "uses-permission", Attrs: []axmltest.Attr{axmltest.A("name", "P"), axmltest.ARef("maxSdkVersion", 0x7f0d0001)}},
	}}
	d, err := ParseBinaryManifest(axmltest.Encode(root, axmltest.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	if d.App.Version != "@0x7f0c0002" || d.Permissions[0].MaxSdkVersion != 0 || len(d.Notes) != 1 || d.Notes[0].RuleID != RuleAttributeInvalid {
		t.Errorf("version %q, perms %v, notes %+v", d.App.Version, permLines(d.Permissions), d.Notes)
	}
}

func TestLooksLikeBinaryXML(t *testing.T) {
	good := axmltest.Encode(sampleManifest(), axmltest.Options{})
	zeroType := append([]byte{0, 0}, good[2:]...)
	tests := []struct {
		name string
		head []byte
		want bool
	}{
		{"compiled", good[:64], true},
		{"zero type then string pool", zeroType[:64], true},
		{"zero type alone", []byte{0, 0, 8, 0, 0, 0, 0, 0, 9, 9, 9, 9}, false},
		{"text", []byte(manifestHead), false},
		{"short", good[:6], false},
		{"resources.arsc", []byte{2, 0, 12, 0, 0, 0, 0, 0}, false},
		{"empty", nil, false},
	}
	for _, tc := range tests {
		if got := LooksLikeBinaryXML(tc.head); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}
