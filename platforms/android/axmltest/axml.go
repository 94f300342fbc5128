// Package axmltest writes Android binary XML, resource tables and APK
// zips for tests, so fixtures are built in Go instead of committed as
// binaries. It encodes only what the parsers read; it is not a full aapt.
package axmltest

import (
	"encoding/binary"
	"fmt"
	"sort"
	"unicode/utf16"
)

// Namespace URIs, as in a real manifest.
const (
	NSAndroid = "http://schemas.android.com/apk/res/android"
	NSTools   = "http://schemas.android.com/tools"
)

// Res_value data types.
const (
	TypeNull      = 0x00
	TypeReference = 0x01
	TypeString    = 0x03
	TypeIntDec    = 0x10
	TypeIntHex    = 0x11
	TypeBoolean   = 0x12
)

// Node is one element to encode.
type Node struct {
	Name     string
	Line     int
	Attrs    []Attr
	Children []*Node
}

// Attr is one attribute. A string value has Type TypeString (or 0) and
// Str; typed values carry Type and Data. ResID, when set, goes into the
// resource map, as aapt does for android: attributes.
type Attr struct {
	NS    string
	Name  string
	ResID uint32
	Type  uint8
	Data  uint32
	Str   string
	// Raw, when set, is written as the raw string value of a typed
	// attribute (aapt keeps it for some values).
	Raw string
}

// Options change the encoding.
type Options struct {
	UTF8 bool // string pool in UTF-8 instead of UTF-16
	// NoResourceMap leaves out the resource map, so attributes are
	// known by name only.
	NoResourceMap bool
}

// androidIDs are the resource ids of the android: attributes tests use.
var androidIDs = map[string]uint32{
	"label": 0x01010001, "name": 0x01010003, "debuggable": 0x0101000f, "value": 0x01010024,
	"minSdkVersion": 0x0101020c, "versionCode": 0x0101021b, "versionName": 0x0101021c,
	"targetSdkVersion": 0x01010270, "maxSdkVersion": 0x01010271, "allowBackup": 0x01010280,
	"required": 0x0101028e, "usesCleartextTraffic": 0x010104ec, "usesPermissionFlags": 0x01010644,
}

// A is an android: string attribute with its resource id.
func A(name, value string) Attr {
	return Attr{NS: NSAndroid, Name: name, ResID: mustID(name), Type: TypeString, Str: value}
}

// AInt is an android: decimal integer attribute.
func AInt(name string, v int32) Attr {
	return Attr{NS: NSAndroid, Name: name, ResID: mustID(name), Type: TypeIntDec, Data: uint32(v)}
}

// ABool is an android: boolean attribute.
func ABool(name string, v bool) Attr {
	a := Attr{NS: NSAndroid, Name: name, ResID: mustID(name), Type: TypeBoolean}
	if v {
		a.Data = 0xFFFFFFFF
	}
	return a
}

// ARef is an android: attribute pointing at a resource.
func ARef(name string, id uint32) Attr {
	return Attr{NS: NSAndroid, Name: name, ResID: mustID(name), Type: TypeReference, Data: id}
}

// Plain is an attribute in no namespace, such as package.
func Plain(name, value string) Attr { return Attr{Name: name, Type: TypeString, Str: value} }

func mustID(name string) uint32 {
	id, ok := androidIDs[name]
	if !ok {
		panic("axmltest: no resource id known for android:" + name)
	}
	return id
}

// Encode writes root as a binary XML document.
func Encode(root *Node, opt Options) []byte {
	e := newEncoder(root, opt)
	var body []byte
	body = append(body, e.pool.chunk(opt.UTF8)...)
	if !opt.NoResourceMap && len(e.resIDs) > 0 {
		rm := header(0x0180, 8, 8+4*len(e.resIDs))
		for _, id := range e.resIDs {
			rm = binary.LittleEndian.AppendUint32(rm, id)
		}
		body = append(body, rm...)
	}
	for _, ns := range e.namespaces {
		body = append(body, nsChunk(0x0100, e.pool.index(ns.prefix), e.pool.index(ns.uri))...)
	}
	body = e.element(body, root)
	for i := len(e.namespaces) - 1; i >= 0; i-- {
		ns := e.namespaces[i]
		body = append(body, nsChunk(0x0101, e.pool.index(ns.prefix), e.pool.index(ns.uri))...)
	}
	return append(header(0x0003, 8, 8+len(body)), body...)
}

type namespace struct{ prefix, uri string }

type encoder struct {
	pool       *pool
	resIDs     []uint32
	namespaces []namespace
	attrIndex  map[attrKey]uint32
}

type attrKey struct {
	name string
	id   uint32
}

// newEncoder lays out the string pool as aapt does: attribute names
// with resource ids first (sorted by id), so the resource map lines up
// with pool indices, then every other string.
func newEncoder(root *Node, opt Options) *encoder {
	e := &encoder{pool: &pool{at: map[string]uint32{}}, attrIndex: map[attrKey]uint32{}}
	var withID []attrKey
	seen := map[attrKey]bool{}
	nsSeen := map[string]bool{}
	visit(root, func(n *Node) {
		for _, a := range n.Attrs {
			if a.ResID != 0 && !opt.NoResourceMap && !seen[attrKey{a.Name, a.ResID}] {
				seen[attrKey{a.Name, a.ResID}] = true
				withID = append(withID, attrKey{a.Name, a.ResID})
			}
			if a.NS != "" && !nsSeen[a.NS] {
				nsSeen[a.NS] = true
				e.namespaces = append(e.namespaces, namespace{prefixFor(a.NS, len(e.namespaces)), a.NS})
			}
		}
	})
	sort.Slice(withID, func(i, j int) bool { return withID[i].id < withID[j].id })
	for _, k := range withID {
		e.attrIndex[k] = e.pool.addNew(k.name)
		e.resIDs = append(e.resIDs, k.id)
	}
	for _, ns := range e.namespaces {
		e.pool.add(ns.prefix)
		e.pool.add(ns.uri)
	}
	visit(root, func(n *Node) {
		e.pool.add(n.Name)
		for _, a := range n.Attrs {
			if a.ResID == 0 || opt.NoResourceMap {
				e.attrIndex[attrKey{a.Name, 0}] = e.pool.add(a.Name)
			}
			if a.Type == TypeString || a.Type == 0 {
				e.pool.add(a.Str)
			}
			if a.Raw != "" {
				e.pool.add(a.Raw)
			}
		}
	})
	return e
}

func prefixFor(uri string, n int) string {
	switch uri {
	case NSAndroid:
		return "android"
	case NSTools:
		return "tools"
	}
	return fmt.Sprintf("ns%d", n)
}

func visit(n *Node, f func(*Node)) {
	f(n)
	for _, c := range n.Children {
		visit(c, f)
	}
}

func (e *encoder) element(out []byte, n *Node) []byte {
	const noIndex = 0xFFFFFFFF
	ext := binary.LittleEndian.AppendUint32(nil, noIndex)
	ext = binary.LittleEndian.AppendUint32(ext, e.pool.index(n.Name))
	ext = binary.LittleEndian.AppendUint16(ext, 20)
	ext = binary.LittleEndian.AppendUint16(ext, 20)
	ext = binary.LittleEndian.AppendUint16(ext, uint16(len(n.Attrs)))
	ext = append(ext, make([]byte, 6)...) // id, class and style indices
	for _, a := range n.Attrs {
		ns := uint32(noIndex)
		if a.NS != "" {
			ns = e.pool.index(a.NS)
		}
		nameIdx, ok := e.attrIndex[attrKey{a.Name, a.ResID}]
		if !ok {
			nameIdx = e.attrIndex[attrKey{a.Name, 0}]
		}
		raw, typ, data := uint32(noIndex), a.Type, a.Data
		if typ == TypeString || typ == 0 {
			typ, data = TypeString, e.pool.index(a.Str)
			raw = data
		}
		if a.Raw != "" {
			raw = e.pool.index(a.Raw)
		}
		ext = binary.LittleEndian.AppendUint32(ext, ns)
		ext = binary.LittleEndian.AppendUint32(ext, nameIdx)
		ext = binary.LittleEndian.AppendUint32(ext, raw)
		ext = append(ext, 8, 0, 0, typ) // Res_value: size 8, res0, dataType
		ext = binary.LittleEndian.AppendUint32(ext, data)
	}
	out = append(out, nodeHeader(0x0102, n.Line, len(ext))...)
	out = append(out, ext...)
	for _, c := range n.Children {
		out = e.element(out, c)
	}
	end := binary.LittleEndian.AppendUint32(nil, noIndex)
	end = binary.LittleEndian.AppendUint32(end, e.pool.index(n.Name))
	out = append(out, nodeHeader(0x0103, n.Line, len(end))...)
	return append(out, end...)
}

func header(typ uint16, headerSize, size int) []byte {
	b := binary.LittleEndian.AppendUint16(nil, typ)
	b = binary.LittleEndian.AppendUint16(b, uint16(headerSize))
	return binary.LittleEndian.AppendUint32(b, uint32(size))
}

func nodeHeader(typ uint16, line, extLen int) []byte {
	b := header(typ, 16, 16+extLen)
	b = binary.LittleEndian.AppendUint32(b, uint32(line))
	return binary.LittleEndian.AppendUint32(b, 0xFFFFFFFF) // no comment
}

func nsChunk(typ uint16, prefix, uri uint32) []byte {
	b := nodeHeader(typ, 1, 8)
	b = binary.LittleEndian.AppendUint32(b, prefix)
	return binary.LittleEndian.AppendUint32(b, uri)
}

// pool collects strings in first-use order.
type pool struct {
	strs []string
	at   map[string]uint32
}

func (p *pool) add(s string) uint32 {
	if i, ok := p.at[s]; ok {
		return i
	}
	return p.addNew(s)
}

// addNew appends s even when present: attribute names with resource
// ids need their own slots.
func (p *pool) addNew(s string) uint32 {
	i := uint32(len(p.strs))
	p.strs = append(p.strs, s)
	if _, ok := p.at[s]; !ok {
		p.at[s] = i
	}
	return i
}

func (p *pool) index(s string) uint32 {
	i, ok := p.at[s]
	if !ok {
		panic(fmt.Sprintf("axmltest: string %q not in pool", s))
	}
	return i
}

// chunk encodes the pool: header, offsets, then each string with its
// length prefix(es) and terminator, padded to four bytes.
func (p *pool) chunk(utf8 bool) []byte {
	var data, offsets []byte
	for _, s := range p.strs {
		offsets = binary.LittleEndian.AppendUint32(offsets, uint32(len(data)))
		if utf8 {
			data = appendLen8(data, len(utf16.Encode([]rune(s))))
			data = appendLen8(data, len(s))
			data = append(append(data, s...), 0)
		} else {
			units := utf16.Encode([]rune(s))
			data = appendLen16(data, len(units))
			for _, u := range units {
				data = binary.LittleEndian.AppendUint16(data, u)
			}
			data = binary.LittleEndian.AppendUint16(data, 0)
		}
	}
	for len(data)%4 != 0 {
		data = append(data, 0)
	}
	flags := uint32(0)
	if utf8 {
		flags = 1 << 8
	}
	start := 28 + len(offsets)
	b := header(0x0001, 28, start+len(data))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(p.strs)))
	b = binary.LittleEndian.AppendUint32(b, 0) // styles
	b = binary.LittleEndian.AppendUint32(b, flags)
	b = binary.LittleEndian.AppendUint32(b, uint32(start))
	b = binary.LittleEndian.AppendUint32(b, 0)
	return append(append(b, offsets...), data...)
}

func appendLen8(b []byte, n int) []byte {
	if n > 0x7f {
		return append(b, byte(n>>8)|0x80, byte(n))
	}
	return append(b, byte(n))
}

func appendLen16(b []byte, n int) []byte {
	if n > 0x7fff {
		b = binary.LittleEndian.AppendUint16(b, uint16(n>>16)|0x8000)
	}
	return binary.LittleEndian.AppendUint16(b, uint16(n))
}
