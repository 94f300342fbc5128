package android

import (
	"strconv"
	"strings"

	"github.com/shogo82148/androidbinary"
)

// maxResourceTable caps resources.arsc: large apps carry tables of tens
// of megabytes, still far below this.
const maxResourceTable = 64 << 20

// resourceTable finds simple values in resources.arsc. Only what a
// manifest reference needs is read: the global string pool and, per
// package and type, the type chunks; entries are looked up on demand.
// (androidbinary's TableFile reads every entry up front and trusts the
// counts it finds, so a hostile table could exhaust memory.)
type resourceTable struct {
	strings *stringPool
	types   map[uint32][]typeChunk // key: package id << 8 | type id
}

type typeChunk struct {
	data       []byte
	headerSize int
}

const (
	resTableType         = 0x0002
	resTablePackageType  = 0x0200
	resTableTypeType     = 0x0201
	typeFlagSparse       = 0x01
	typeFlagOffset16     = 0x02
	entryFlagComplex     = 0x0001
	entryFlagCompact     = 0x0008
	noEntry32            = 0xFFFFFFFF
	noEntry16            = 0xFFFF
	maxReferenceHops     = 8
	packageHeaderMinSize = 284
)

// newResourceTable indexes a resources.arsc; a table it cannot read
// yields nil, and references then stay unresolved.
func newResourceTable(data []byte) *resourceTable {
	if len(data) < 12 || u16(data, 0) != resTableType {
		return nil
	}
	t := &resourceTable{types: map[uint32][]typeChunk{}}
	end := len(data)
	if size := int64(u32(data, 4)); size < int64(end) {
		end = int(size)
	}
	eachChunk(data[:end], int(u16(data, 2)), func(typ uint16, chunk []byte, hsize int) {
		switch typ {
		case uint16(androidbinary.ResStringPoolChunkType):
			if t.strings == nil {
				t.strings = newStringPool(chunk, hsize, func(string, ...any) {})
			}
		case resTablePackageType:
			t.addPackage(chunk, hsize)
		}
	})
	return t
}

func (t *resourceTable) addPackage(chunk []byte, hsize int) {
	if hsize < packageHeaderMinSize {
		return
	}
	pkg := u32(chunk, 8)
	eachChunk(chunk, hsize, func(typ uint16, c []byte, h int) {
		if typ == resTableTypeType && h >= 20 && len(c) >= 20 {
			key := pkg<<8 | uint32(c[8])
			t.types[key] = append(t.types[key], typeChunk{data: c, headerSize: h})
		}
	})
}

// eachChunk visits the well-formed chunks in b from off, stopping at the
// first one whose sizes do not fit.
func eachChunk(b []byte, off int, visit func(typ uint16, chunk []byte, hsize int)) {
	for off >= 0 && off+8 <= len(b) {
		hsize, size := int(u16(b, off+2)), int64(u32(b, off+4))
		if hsize < 8 || int64(hsize) > size || size > int64(len(b)-off) {
			return
		}
		visit(u16(b, off), b[off:off+int(size)], hsize)
		off += int(size)
	}
}

// value resolves a resource id to its default-configuration value (or,
// lacking one, the first configuration's), following references.
func (t *resourceTable) value(id uint32) (string, bool) {
	for range maxReferenceHops {
		dataType, data, ok := t.lookup(id)
		if !ok {
			return "", false
		}
		if dataType == androidbinary.TypeReference && data != 0 {
			id = data
			continue
		}
		if dataType == androidbinary.TypeString {
			return t.strings.get(data)
		}
		return typedValue(dataType, data), true
	}
	return "", false
}

func (t *resourceTable) lookup(id uint32) (androidbinary.DataType, uint32, bool) {
	if t == nil || id>>16&0xff == 0 {
		return 0, 0, false
	}
	key := id>>24<<8 | id>>16&0xff
	entry := int(id & 0xffff)
	var (
		found bool
		typ   androidbinary.DataType
		data  uint32
	)
	for _, c := range t.types[key] {
		dt, v, ok := c.entry(entry)
		if !ok {
			continue
		}
		if c.isDefault() {
			return dt, v, true
		}
		if !found {
			found, typ, data = true, dt, v
		}
	}
	return typ, data, found
}

// isDefault reports a type chunk whose configuration is empty: the
// values used when no qualifier matches.
func (c typeChunk) isDefault() bool {
	const configAt = 20
	if len(c.data) < configAt+4 {
		return false
	}
	size := int(u32(c.data, configAt))
	if size < 4 || configAt+size > c.headerSize || configAt+size > len(c.data) {
		return false
	}
	for _, b := range c.data[configAt+4 : configAt+size] {
		if b != 0 {
			return false
		}
	}
	return true
}

// entry reads entry i of a type chunk: the offset table (32-bit, 16-bit
// or sparse), then the entry, compact or followed by a Res_value.
func (c typeChunk) entry(i int) (androidbinary.DataType, uint32, bool) {
	b := c.data
	flags, count, entriesStart := b[9], int64(u32(b, 12)), int64(u32(b, 16))
	offsets := int64(c.headerSize)
	var off int64 = -1
	switch {
	case flags&typeFlagSparse != 0:
		// Sorted (index, offset/4) pairs; a linear scan is cheap enough here.
		for k := int64(0); k < count && offsets+4*k+4 <= int64(len(b)); k++ {
			at := int(offsets + 4*k)
			if int(u16(b, at)) == i {
				off = int64(u16(b, at+2)) * 4
				break
			}
		}
	case flags&typeFlagOffset16 != 0:
		if int64(i) < count && offsets+2*int64(i)+2 <= int64(len(b)) {
			if v := u16(b, int(offsets)+2*i); v != noEntry16 {
				off = int64(v) * 4
			}
		}
	default:
		if int64(i) < count && offsets+4*int64(i)+4 <= int64(len(b)) {
			if v := u32(b, int(offsets)+4*i); v != noEntry32 {
				off = int64(v)
			}
		}
	}
	if off < 0 {
		return 0, 0, false
	}
	at := entriesStart + off
	if at < 0 || at+8 > int64(len(b)) {
		return 0, 0, false
	}
	e := int(at)
	size, eflags := int64(u16(b, e)), u16(b, e+2)
	switch {
	case eflags&entryFlagCompact != 0:
		return androidbinary.DataType(eflags >> 8), u32(b, e+4), true
	case eflags&entryFlagComplex != 0:
		return 0, 0, false // a bag (style, plural): not a simple value
	}
	v := at + size
	if size < 8 || v+8 > int64(len(b)) {
		return 0, 0, false
	}
	return androidbinary.DataType(b[v+3]), u32(b, int(v)+4), true
}

// hasReferences reports whether an attribute the declaration reads
// (on <manifest> or its direct children) points into resources.
func hasReferences(root *element) bool {
	found := false
	eachNearAttr(root, func(a *attr) {
		if isReference(a.Value) {
			found = true
		}
	})
	return found
}

// resolveReferences replaces @0x… values on <manifest> and its direct
// children with the values they point to.
func resolveReferences(root *element, t *resourceTable) {
	if t == nil {
		return
	}
	eachNearAttr(root, func(a *attr) {
		if !isReference(a.Value) {
			return
		}
		id, err := strconv.ParseUint(a.Value[3:], 16, 32)
		if err != nil {
			return
		}
		if v, ok := t.value(uint32(id)); ok {
			a.Value = v
		}
	})
}

func isReference(v string) bool { return strings.HasPrefix(v, "@0x") }

func eachNearAttr(root *element, visit func(*attr)) {
	for _, e := range append([]*element{root}, root.Children...) {
		for i := range e.Attrs {
			visit(&e.Attrs[i])
		}
	}
}
