package android

import (
	"bytes"
	"errors"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android/axmltest"
	"github.com/permaudit/permaudit/platforms/archive"
)

// checkResult holds every parser to the same contract: a declaration
// for Android, or a ParseError.
func checkResult(t *testing.T, d audit.Declaration, err error) {
	t.Helper()
	if err != nil {
		var pe *audit.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error is not a ParseError: %v", err)
		}
		return
	}
	if d.Platform != audit.Android || d.Permissions == nil {
		t.Fatalf("declaration without platform or permissions: %+v", d)
	}
}

func FuzzParseManifestXML(f *testing.F) {
	f.Add([]byte(manifestHead + `<uses-sdk android:minSdkVersion="21"/><uses-permission android:name="A" android:maxSdkVersion="x" tools:node="remove"/>
<application><uses-permission-sdk-23 android:name="B"/></application></manifest>`))
	f.Add([]byte("\ufeff<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><!DOCTYPE m><manifest package=\"\xe9\"/>"))
	f.Add([]byte("<manifest><uses-permission/></manifest><x/>"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseManifestXML(data)
		checkResult(t, d, err)
		LooksLikeManifestXML(data)
	})
}

func FuzzParseBinaryManifest(f *testing.F) {
	for _, opt := range []axmltest.Options{{}, {UTF8: true}, {NoResourceMap: true}} {
		f.Add(axmltest.Encode(sampleManifest(), opt))
	}
	obf := axmltest.Encode(&N{Name: "manifest", Children: []*N{{Name: "uses-permission",
		Attrs: []axmltest.Attr{{NS: "x", Name: "", ResID: 0x01010003, Type: axmltest.TypeString, Str: "P"}}}}}, axmltest.Options{})
	f.Add(obf)
	f.Add([]byte{3, 0, 8, 0, 8, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseBinaryManifest(data)
		checkResult(t, d, err)
		LooksLikeBinaryXML(data)
	})
}

// FuzzParseAPK fuzzes a manifest and a resource table zipped together,
// and the same bytes opened as a zip of their own. The seeds are small
// (a few hundred bytes): the fuzzer spends its time mutating, not
// minimizing kilobyte-sized seeds.
func FuzzParseAPK(f *testing.F) {
	tiny := &N{Name: "manifest", Attrs: []axmltest.Attr{axmltest.ARef("versionName", 0x7f0c0001), axmltest.Plain("package", "a.b")},
		Children: []*N{{Name: "uses-permission", Attrs: []axmltest.Attr{axmltest.A("name", "android.permission.CAMERA"), axmltest.AInt("maxSdkVersion", 28)}}}}
	table := axmltest.Table(map[uint32]axmltest.Value{0x7f0c0001: {Type: axmltest.TypeString, Str: "v"}})
	f.Add(axmltest.Encode(tiny, axmltest.Options{}), table)
	f.Add(axmltest.Encode(tiny, axmltest.Options{UTF8: true, NoResourceMap: true}), axmltest.Table(map[uint32]axmltest.Value{
		0x7f0c0001: {Type: axmltest.TypeString, Str: "v"}}, axmltest.TableOptions{Sparse: true, Compact: true}))
	f.Add(axmltest.Zip([]byte("dex\n035\x00"), axmltest.File{Name: "AndroidManifest.xml", Data: axmltest.Encode(tiny, axmltest.Options{})}), []byte(nil))
	f.Fuzz(func(t *testing.T, manifest, table []byte) {
		// Stored, not deflated: a deflate writer per exec would cost more than
		// the parse under test.
		apk := axmltest.Zip(nil, axmltest.File{Name: "AndroidManifest.xml", Data: manifest, Store: true}, axmltest.File{Name: "resources.arsc", Data: table, Store: true})
		for _, data := range [][]byte{apk, manifest} {
			z, err := archive.Open(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				continue
			}
			d, err := ParseAPK(z)
			checkResult(t, d, err)
		}
	})
}

// FuzzResourceTable fuzzes resources.arsc lookups: never a panic, and the
// same value whether the table is read from memory or in place from a
// stored zip entry, and on a second lookup.
func FuzzResourceTable(f *testing.F) {
	values := map[uint32]axmltest.Value{
		0x7f0c0000: {Type: axmltest.TypeString, Str: "a"}, 0x7f0c0002: {Type: axmltest.TypeReference, Data: 0x7f0d0001},
		0x7f0d0001: {Type: axmltest.TypeIntDec, Data: 28},
	}
	for _, opt := range []axmltest.TableOptions{{}, {Sparse: true}, {Offset16: true}, {Compact: true}, {Locale: "fr"}} {
		f.Add(axmltest.Table(values, opt), uint32(0x7f0c0002))
	}
	f.Fuzz(func(t *testing.T, data []byte, id uint32) {
		apk := axmltest.Zip(nil, axmltest.File{Name: "resources.arsc", Data: data, Store: true})
		z, err := archive.Open(bytes.NewReader(apk), int64(len(apk)))
		if err != nil {
			t.Fatal(err)
		}
		inMemory, inPlace := newResourceTable(data), readResourceTable(z)
		defer inPlace.close()
		for _, id := range []uint32{id, 0x7f0c0000, 0x7f0c0002, 0x7f0c0000} {
			want, wantOK := inMemory.value(id)
			if got, ok := inPlace.value(id); got != want || ok != wantOK {
				t.Fatalf("0x%08x: %q, %v in place; %q, %v in memory", id, got, ok, want, wantOK)
			}
		}
	})
}
