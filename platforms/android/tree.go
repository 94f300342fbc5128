// Package android reads what an Android app declares from its manifest:
// source AndroidManifest.xml, binary XML inside an APK, and the protobuf
// manifests of an App Bundle. Each encoding is decoded into one element
// tree, and one function turns that tree into an audit.Declaration.
package android

// Namespace URIs the manifest attributes live in.
const (
	nsAndroid = "http://schemas.android.com/apk/res/android"
	nsTools   = "http://schemas.android.com/tools"
)

// element is one manifest element, whichever encoding it came from.
type element struct {
	Name     string // local name, e.g. "uses-permission"
	Attrs    []attr
	Children []*element
	Line     int // 1-based source line; 0 when the encoding has none
}

// attr is one attribute. ResID is the android attribute resource id when
// the encoding carries it (binary XML, protobuf); it identifies the
// attribute even when its name string was obfuscated.
type attr struct {
	NS    string
	Name  string
	ResID uint32
	Value string
}
