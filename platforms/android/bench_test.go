package android

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/permaudit/permaudit/platforms/android/aabtest"
	"github.com/permaudit/permaudit/platforms/android/axmltest"
	"github.com/permaudit/permaudit/platforms/archive"
)

// benchPermissions is the size of a busy app's permission list.
const benchPermissions = 40

// BenchmarkParseBinaryManifest: one compiled AndroidManifest.xml (AXML),
// the work an APK audit does after inflating it.
func BenchmarkParseBinaryManifest(b *testing.B) {
	root := &axmltest.Node{Name: "manifest", Attrs: []axmltest.Attr{axmltest.Plain("package", "com.example.bench")},
		Children: []*axmltest.Node{{Name: "uses-sdk", Attrs: []axmltest.Attr{axmltest.AInt("minSdkVersion", 24), axmltest.AInt("targetSdkVersion", 34)}}}}
	for i := range benchPermissions {
		root.Children = append(root.Children, &axmltest.Node{Name: "uses-permission",
			Attrs: []axmltest.Attr{axmltest.A("name", fmt.Sprintf("android.permission.P%d", i))}})
	}
	data := axmltest.Encode(root, axmltest.Options{})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseBinaryManifest(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseAAB: an App Bundle's protobuf manifest, read through the
// zip as an audit reads it.
func BenchmarkParseAAB(b *testing.B) {
	children := []*aabtest.Element{aabtest.UsesSdk(24, 34)}
	for i := range benchPermissions {
		children = append(children, aabtest.UsesPermission(fmt.Sprintf("android.permission.P%d", i)))
	}
	data := aabtest.AAB(aabtest.Module{Name: "base", Manifest: aabtest.Manifest("com.example.bench", children...)})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		z, err := archive.Open(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ParseAAB(z); err != nil {
			b.Fatal(err)
		}
	}
}
