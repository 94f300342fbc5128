// Package aabtest writes Android App Bundle test inputs in Go: protobuf
// manifests in aapt2's XmlNode encoding, and the zips around them (.aab,
// .apks, .xapk). Tests build their fixtures with it instead of committing
// binaries.
package aabtest

import (
	"math"

	"google.golang.org/protobuf/encoding/protowire"
)

// Namespace URIs manifests use.
const (
	NSAndroid = "http://schemas.android.com/apk/res/android"
	NSTools   = "http://schemas.android.com/tools"
	NSDist    = "http://schemas.android.com/apk/distribution"
)

// Android attribute resource ids the fixtures need.
const (
	ResName          uint32 = 0x01010003
	ResDebuggable    uint32 = 0x0101000f
	ResVersionCode   uint32 = 0x0101021b
	ResVersionName   uint32 = 0x0101021c
	ResMinSdk        uint32 = 0x0101020c
	ResTargetSdk     uint32 = 0x01010270
	ResMaxSdk        uint32 = 0x01010271
	ResRequired      uint32 = 0x0101028e
	ResAllowBackup   uint32 = 0x01010280
	ResUsesCleartext uint32 = 0x010104ec
)

// Element is one XML element to encode as an XmlNode.
type Element struct {
	NS         string
	Name       string
	Line       uint32      // 0 writes no SourcePosition
	Namespaces [][2]string // prefix, uri
	Attrs      []Attr
	Children   []*Element
	Text       string // a text child written before the element children
}

// Attr is one XmlAttribute. Item, when set, is the compiled value.
type Attr struct {
	NS    string
	Name  string
	Value string
	ResID uint32
	Item  Item
}

// Item is an encoded aapt.pb.Item; build one with Int, Bool, Hex, Ref, Str.
type Item []byte

// Int is a Primitive int_decimal_value (int32, plain varint).
func Int(v int32) Item { return prim(6, protowire.VarintType, uint64(int64(v))) }

// Hex is a Primitive int_hexadecimal_value.
func Hex(v uint32) Item { return prim(7, protowire.VarintType, uint64(v)) }

// Bool is a Primitive boolean_value.
func Bool(v bool) Item { return prim(8, protowire.VarintType, protowire.EncodeBool(v)) }

// Float is a Primitive float_value.
func Float(v float32) Item { return prim(3, protowire.Fixed32Type, uint64(math.Float32bits(v))) }

// Color is a Primitive color_argb8_value.
func Color(v uint32) Item { return prim(9, protowire.VarintType, uint64(v)) }

// Null is a Primitive null_value.
func Null() Item {
	p := protowire.AppendTag(nil, 1, protowire.BytesType)
	p = protowire.AppendBytes(p, nil)
	return message(nil, 7, p)
}

// Ref is a Reference (@name, or @0xID when name is empty).
func Ref(id uint32, name string) Item {
	var r []byte
	r = appendVarint(r, 2, uint64(id))
	if name != "" {
		r = appendString(r, 3, name)
	}
	return message(nil, 1, r)
}

// Str is a String item.
func Str(s string) Item { return message(nil, 2, appendString(nil, 1, s)) }

func prim(num protowire.Number, typ protowire.Type, v uint64) Item {
	p := protowire.AppendTag(nil, num, typ)
	if typ == protowire.Fixed32Type {
		p = protowire.AppendFixed32(p, uint32(v))
	} else {
		p = protowire.AppendVarint(p, v)
	}
	return message(nil, 7, p)
}

// Marshal encodes e as an aapt.pb.XmlNode, the bytes of
// <module>/manifest/AndroidManifest.xml.
func (e *Element) Marshal() []byte {
	var el []byte
	for _, ns := range e.Namespaces {
		decl := appendString(appendString(nil, 1, ns[0]), 2, ns[1])
		el = message(el, 1, decl)
	}
	if e.NS != "" {
		el = appendString(el, 2, e.NS)
	}
	el = appendString(el, 3, e.Name)
	for _, a := range e.Attrs {
		el = message(el, 4, a.marshal())
	}
	if e.Text != "" {
		el = message(el, 5, appendString(nil, 2, e.Text))
	}
	for _, c := range e.Children {
		el = message(el, 5, c.Marshal())
	}
	node := message(nil, 1, el)
	if e.Line > 0 {
		node = message(node, 3, appendVarint(nil, 1, uint64(e.Line)))
	}
	return node
}

func (a Attr) marshal() []byte {
	var b []byte
	if a.NS != "" {
		b = appendString(b, 1, a.NS)
	}
	b = appendString(b, 2, a.Name)
	if a.Value != "" {
		b = appendString(b, 3, a.Value)
	}
	if a.ResID != 0 {
		b = appendVarint(b, 5, uint64(a.ResID))
	}
	if a.Item != nil {
		b = message(b, 6, a.Item)
	}
	return b
}

func message(b []byte, num protowire.Number, m []byte) []byte {
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendBytes(b, m)
}

func appendString(b []byte, num protowire.Number, s string) []byte {
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendString(b, s)
}

func appendVarint(b []byte, num protowire.Number, v uint64) []byte {
	b = protowire.AppendTag(b, num, protowire.VarintType)
	return protowire.AppendVarint(b, v)
}
