package android

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/shogo82148/androidbinary"
)

// maxResourceTable caps resources.arsc: large apps carry tables of tens
// of megabytes, still far below this. A deflated table is held in memory
// as far as lookups inflate it.
const maxResourceTable = 64 << 20

// maxTableChunks caps the chunks indexed in one table: a big app has a
// few thousand (a type chunk per type and configuration); a hostile one
// could pack millions of empty ones.
const maxTableChunks = 1 << 17

// resourceTable finds simple values in resources.arsc without loading
// it. Opening it walks the chunk headers only (the layout of
// ResTable_header, ResTable_package and ResTable_type in AOSP's
// frameworks/base/libs/androidfw/include/androidfw/ResourceTypes.h),
// noting where the global string pool and each type chunk lie; a lookup
// then reads one type chunk's header, one offset and one entry, and a
// string value reads one offset and one string of the pool. What it
// costs depends on the chunk count and the references asked for, not on
// the table's size in bytes.
// (androidbinary's TableFile reads every entry up front and trusts the
// counts it finds, so a hostile table could exhaust memory.)
type resourceTable struct {
	src     *tableSource
	strings *tablePool
	types   map[uint32][]*typeChunk // key: package id << 8 | type id
	chunks  int                     // chunks indexed so far
	closer  io.Closer               // releases what src reads from, if anything
}

// close releases the entry the table reads from; lookups are over.
func (t *resourceTable) close() {
	if t != nil && t.closer != nil {
		t.closer.Close()
	}
}

const (
	resTableType         = 0x0002
	resTablePackageType  = 0x0200
	resTableTypeType     = 0x0201
	maxReferenceHops     = 8
	packageHeaderMinSize = 284
)

// newResourceTable indexes a resources.arsc held in memory.
func newResourceTable(data []byte) *resourceTable {
	return openResourceTable(bytes.NewReader(data), int64(len(data)))
}

// openResourceTable indexes the size bytes of a resources.arsc read
// through ra; a table it cannot read yields nil, and references then
// stay unresolved.
func openResourceTable(ra io.ReaderAt, size int64) *resourceTable {
	src := newTableSource(ra, size)
	h := src.bytes(0, 12)
	if h == nil || u16(h, 0) != resTableType {
		return nil
	}
	t := &resourceTable{src: src, types: map[uint32][]*typeChunk{}}
	end := min(size, int64(u32(h, 4)))
	t.eachChunk(int64(u16(h, 2)), end, func(typ uint16, at, size int64, hsize int) {
		switch typ {
		case uint16(androidbinary.ResStringPoolChunkType):
			if t.strings == nil {
				t.strings = newTablePool(src, at, size, hsize)
			}
		case resTablePackageType:
			t.addPackage(at, size, hsize)
		}
	})
	return t
}

func (t *resourceTable) addPackage(at, size int64, hsize int) {
	id := t.src.bytes(at+8, 4)
	if hsize < packageHeaderMinSize || id == nil {
		return
	}
	pkg := u32(id, 0)
	t.eachChunk(at+int64(hsize), at+size, func(typ uint16, c, size int64, h int) {
		if typ != resTableTypeType || h < 20 {
			return
		}
		if tid := t.src.bytes(c+8, 1); tid != nil {
			key := pkg<<8 | uint32(tid[0])
			t.types[key] = append(t.types[key], &typeChunk{src: t.src, at: c, size: size, headerSize: h})
		}
	})
}

// eachChunk visits the well-formed chunks between from and end, stopping
// at the first one whose sizes do not fit, or when the table has had
// maxTableChunks.
func (t *resourceTable) eachChunk(from, end int64, visit func(typ uint16, at, size int64, hsize int)) {
	for at := from; at >= 0 && at+8 <= end && t.chunks < maxTableChunks; {
		h := t.src.bytes(at, 8)
		if h == nil {
			return
		}
		typ, hsize, size := u16(h, 0), int(u16(h, 2)), int64(u32(h, 4))
		if hsize < 8 || int64(hsize) > size || size > end-at {
			return
		}
		t.chunks++
		visit(typ, at, size, hsize)
		at += size
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

// lookup finds id's value in the default configuration, as aapt's dumps
// read it (ResTable::getEntry in AOSP's ResourceTypes.cpp, with no
// configuration set, prefers the entry whose configuration is empty),
// or lacking one in the first configuration that has the entry.
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
		if c.isDefault {
			return dt, v, true
		}
		if !found {
			found, typ, data = true, dt, v
		}
	}
	return typ, data, found
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
