package android

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android/axmltest"
	"github.com/permaudit/permaudit/platforms/archive"
)

// sampleTable backs the references tests put in manifests.
func sampleTable() []byte {
	return axmltest.Table(map[uint32]axmltest.Value{
		0x7f0b0001: {Type: axmltest.TypeString, Str: "Example"},
		0x7f0c0002: {Type: axmltest.TypeString, Str: "9.9-ref"},
		0x7f0c0003: {Type: axmltest.TypeReference, Data: 0x7f0c0002}, // a reference to a reference
		0x7f0d0001: {Type: axmltest.TypeIntDec, Data: 28},
		0x7f0e0001: {Type: axmltest.TypeBoolean, Data: 0xFFFFFFFF},
	})
}

func openZip(t testing.TB, data []byte) *archive.Zip {
	t.Helper()
	z, err := archive.Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return z
}

func apkOf(root *N, extra ...axmltest.File) []byte {
	files := append([]axmltest.File{{Name: "AndroidManifest.xml", Data: axmltest.Encode(root, axmltest.Options{})},
		{Name: "resources.arsc", Data: sampleTable(), Store: true}}, extra...)
	return axmltest.Zip(nil, files...)
}

func TestParseAPKRoundTrip(t *testing.T) {
	root := sampleManifest()
	root.Attrs[1] = axmltest.ARef("versionName", 0x7f0c0003)
	app := root.Children[len(root.Children)-1]
	app.Attrs = append(app.Attrs, axmltest.ARef("usesCleartextTraffic", 0x7f0e0001))
	root.Children[2].Attrs[1] = axmltest.ARef("maxSdkVersion", 0x7f0d0001)
	d, err := ParseAPK(openZip(t, apkOf(root)))
	if err != nil {
		t.Fatal(err)
	}
	want := append([]string(nil), samplePerms...)
	want[1] = strings.Replace(want[1], "max=32", "max=28", 1)
	if got := joined(permLines(d.Permissions)); got != joined(want) {
		t.Errorf("permissions:\n%s\nwant:\n%s", got, joined(want))
	}
	facts := append([]string(nil), sampleFacts...)
	facts = append(facts[:2], append([]string{"application.usesCleartextTraffic=true"}, facts[2:]...)...)
	if got := joined(factLines(d.Facts)); got != joined(facts) {
		t.Errorf("facts:\n%s\nwant:\n%s", got, joined(facts))
	}
	if d.App.Version != "9.9-ref" || d.Artifact.Kind != KindAPK {
		t.Errorf("app %+v kind %s", d.App, d.Artifact.Kind)
	}
	for _, p := range d.Permissions {
		if p.Entry != "AndroidManifest.xml" {
			t.Errorf("%s: entry %q", p.Name, p.Entry)
		}
	}
}

func TestParseAPKImplied(t *testing.T) {
	perm := func(name string, attrs ...axmltest.Attr) *N {
		return &N{Name: "uses-permission", Attrs: append([]axmltest.Attr{axmltest.A("name", name)}, attrs...)}
	}
	sdk := func(attrs ...axmltest.Attr) *N { return &N{Name: "uses-sdk", Attrs: attrs} }
	const (
		write    = "implied android.permission.WRITE_EXTERNAL_STORAGE reason=targetSdkVersion < 4"
		phone    = "implied android.permission.READ_PHONE_STATE reason=targetSdkVersion < 4"
		read     = "implied android.permission.READ_EXTERNAL_STORAGE reason=requested WRITE_EXTERNAL_STORAGE"
		callLog  = "implied android.permission.READ_CALL_LOG reason=targetSdkVersion < 16 and requested READ_CONTACTS"
		wCallLog = "implied android.permission.WRITE_CALL_LOG reason=targetSdkVersion < 16 and requested WRITE_CONTACTS"
	)
	tests := []struct {
		name     string
		children []*N
		implied  []string
	}{
		{"no uses-sdk", nil, []string{write, phone, read}},
		{"uses-sdk without levels", []*N{sdk()}, []string{write, phone, read}},
		{"min 3 gives target 3", []*N{sdk(axmltest.AInt("minSdkVersion", 3))}, []string{write, phone, read}},
		{"target 4", []*N{sdk(axmltest.AInt("targetSdkVersion", 4))}, nil},
		{"declared write keeps its maxSdkVersion for read", []*N{sdk(axmltest.AInt("targetSdkVersion", 3)),
			perm("android.permission.WRITE_EXTERNAL_STORAGE", axmltest.AInt("maxSdkVersion", 18))},
			[]string{phone, strings.Replace(read, " reason", " max=18 reason", 1)}},
		{"write and read both declared", []*N{sdk(axmltest.AInt("targetSdkVersion", 30)),
			perm("android.permission.WRITE_EXTERNAL_STORAGE"), perm("android.permission.READ_EXTERNAL_STORAGE")}, nil},
		{"write only as sdk-23 does not count", []*N{sdk(axmltest.AInt("targetSdkVersion", 30)),
			{Name: "uses-permission-sdk-23", Attrs: []axmltest.Attr{axmltest.A("name", "android.permission.WRITE_EXTERNAL_STORAGE")}}}, nil},
		{"contacts before 16", []*N{sdk(axmltest.AInt("targetSdkVersion", 15)),
			perm("android.permission.READ_CONTACTS"), perm("android.permission.WRITE_CONTACTS")}, []string{callLog, wCallLog}},
		{"contacts at 16", []*N{sdk(axmltest.AInt("targetSdkVersion", 16)), perm("android.permission.READ_CONTACTS")}, nil},
		{"call log already declared", []*N{sdk(axmltest.AInt("targetSdkVersion", 10)),
			perm("android.permission.READ_CONTACTS"), perm("android.permission.READ_CALL_LOG")}, nil},
		{"misplaced contacts do not count", []*N{sdk(axmltest.AInt("targetSdkVersion", 10)),
			{Name: "application", Children: []*N{perm("android.permission.READ_CONTACTS")}}}, nil},
		{"codename target", []*N{sdk(axmltest.A("minSdkVersion", "Q"))}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := &N{Name: "manifest", Attrs: []axmltest.Attr{axmltest.Plain("package", "a.b")}, Children: tc.children}
			d, err := ParseAPK(openZip(t, apkOf(root)))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range permLines(d.Permissions) {
				if strings.HasPrefix(l, "implied ") {
					got = append(got, l)
				}
			}
			if joined(got) != joined(tc.implied) {
				t.Errorf("implied:\n%s\nwant:\n%s", joined(got), joined(tc.implied))
			}
		})
	}
}

func TestParseAPKPackageOddities(t *testing.T) {
	root := &N{Name: "manifest", Attrs: []axmltest.Attr{axmltest.Plain("package", "a.b")}, Children: []*N{
		{Name: "uses-sdk", Attrs: []axmltest.Attr{axmltest.AInt("minSdkVersion", 21)}},
	}}
	manifest := axmltest.File{Name: "AndroidManifest.xml", Data: axmltest.Encode(root, axmltest.Options{})}
	dex := append([]byte("dex\n035\x00"), make([]byte, 92)...)
	tests := []struct {
		name  string
		zip   []byte
		notes []string
		text  string
	}{
		{"plain", axmltest.Zip(nil, manifest), nil, ""},
		{"janus", axmltest.Zip(dex, manifest), []string{RulePrependedData}, "100 bytes precede"},
		{"janus with a stored first entry", axmltest.Zip(dex, axmltest.File{Name: "AndroidManifest.xml", Data: manifest.Data, Store: true}),
			[]string{RulePrependedData}, "100 bytes precede"},
		{"embedded apk", axmltest.Zip(nil, manifest, axmltest.File{Name: "assets/inner.APK", Data: []byte("PK")}), []string{RuleEmbeddedPackage}, "assets/inner.APK"},
		{"text manifest", axmltest.Zip(nil, axmltest.File{Name: "AndroidManifest.xml", Data: []byte(manifestHead + "<uses-sdk android:minSdkVersion=\"21\"/></manifest>")}),
			[]string{RuleTextManifest}, "text XML"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ParseAPK(openZip(t, tc.zip))
			if err != nil {
				t.Fatal(err)
			}
			if got := joined(noteRules(d.Notes)); got != joined(tc.notes) {
				t.Fatalf("notes = %+v, want %v", d.Notes, tc.notes)
			}
			if tc.text != "" && !strings.Contains(d.Notes[0].Message, tc.text) {
				t.Errorf("note %q lacks %q", d.Notes[0].Message, tc.text)
			}
			if d.App.MinLevel != "21" || d.Artifact.Kind != KindAPK {
				t.Errorf("app %+v kind %s", d.App, d.Artifact.Kind)
			}
		})
	}
}

func TestParseAPKBroken(t *testing.T) {
	tests := []struct {
		name, entry, text string
		zip               []byte
	}{
		{"no manifest", "AndroidManifest.xml", "no AndroidManifest.xml", axmltest.Zip(nil, axmltest.File{Name: "classes.dex", Data: []byte("dex")})},
		{"garbage manifest", "AndroidManifest.xml", "binary XML", axmltest.Zip(nil, axmltest.File{Name: "AndroidManifest.xml", Data: []byte("\x00\x01garbage")})},
		{"empty manifest", "AndroidManifest.xml", "too short", axmltest.Zip(nil, axmltest.File{Name: "AndroidManifest.xml"})},
		{"broken text manifest", "AndroidManifest.xml", "malformed XML", axmltest.Zip(nil, axmltest.File{Name: "AndroidManifest.xml", Data: []byte("<manifest><a></manifest>")})},
		{"wrong root", "AndroidManifest.xml", "not <manifest>", apkOf(&N{Name: "resources"})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseAPK(openZip(t, tc.zip))
			var pe *audit.ParseError
			if !errors.As(err, &pe) || pe.Entry != tc.entry || !strings.Contains(err.Error(), tc.text) {
				t.Fatalf("err = %v, want a ParseError on %s with %q", err, tc.entry, tc.text)
			}
		})
	}
}

func TestParseAPKNested(t *testing.T) {
	inner := apkOf(&N{Name: "manifest", Attrs: []axmltest.Attr{axmltest.Plain("package", "a.b")}, Children: []*N{
		{Name: "uses-sdk", Attrs: []axmltest.Attr{axmltest.AInt("minSdkVersion", 21)}},
		{Name: "uses-permission", Attrs: []axmltest.Attr{axmltest.A("name", "android.permission.CAMERA")}},
	}})
	for _, store := range []bool{true, false} {
		outer := openZip(t, axmltest.Zip(nil, axmltest.File{Name: "splits/base.apk", Data: inner, Store: store}))
		z, err := outer.OpenNested(outer.File("splits/base.apk"))
		if err != nil {
			t.Fatal(err)
		}
		d, err := ParseAPK(z)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Permissions) != 1 || d.Permissions[0].Entry != "splits/base.apk!/AndroidManifest.xml" || len(d.Notes) != 0 {
			t.Errorf("store=%v: %+v notes %+v", store, d.Permissions, d.Notes)
		}
	}
}
