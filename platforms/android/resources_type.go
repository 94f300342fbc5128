package android

import "github.com/shogo82148/androidbinary"

// typeChunk is one RES_TABLE_TYPE: a type's entries in one
// configuration. Its header is read on the first lookup that needs it.
type typeChunk struct {
	src        *tableSource
	at, size   int64
	headerSize int

	read         bool
	flags        byte
	count        int64 // entryCount
	entriesStart int64
	isDefault    bool
}

const (
	typeFlagSparse   = 0x01
	typeFlagOffset16 = 0x02
	entryFlagComplex = 0x0001
	entryFlagCompact = 0x0008
	noEntry32        = 0xFFFFFFFF
	noEntry16        = 0xFFFF
)

// readHeader reads ResTable_type: flags at 9, entryCount at 12,
// entriesStart at 16, then the ResTable_config at 20, whose first field
// is its own size. A configuration that is all zeros past that size is
// the default one, used when no qualifier matches.
func (c *typeChunk) readHeader() {
	if c.read {
		return
	}
	c.read = true
	h := c.src.bytes(c.at, int64(c.headerSize))
	if h == nil {
		c.count = 0
		return
	}
	c.flags, c.count, c.entriesStart = h[9], int64(u32(h, 12)), int64(u32(h, 16))
	const configAt = 20
	if len(h) < configAt+4 {
		return
	}
	size := int(u32(h, configAt))
	if size < 4 || configAt+size > len(h) {
		return
	}
	c.isDefault = true
	for _, b := range h[configAt+4 : configAt+size] {
		if b != 0 {
			c.isDefault = false
			return
		}
	}
}

// entry reads entry i: its offset (32-bit, 16-bit or sparse), then the
// entry, compact or followed by a Res_value. Every read is checked
// against the chunk's size.
func (c *typeChunk) entry(i int) (androidbinary.DataType, uint32, bool) {
	c.readHeader()
	off := c.entryOffset(i)
	if off < 0 {
		return 0, 0, false
	}
	at := c.entriesStart + off
	e := c.bytes(at, 8)
	if e == nil {
		return 0, 0, false
	}
	size, eflags, compactData := int64(u16(e, 0)), u16(e, 2), u32(e, 4)
	switch {
	case eflags&entryFlagCompact != 0:
		return androidbinary.DataType(eflags >> 8), compactData, true
	case eflags&entryFlagComplex != 0:
		return 0, 0, false // a bag (style, plural): not a simple value
	case size < 8:
		return 0, 0, false
	}
	v := c.bytes(at+size, 8)
	if v == nil {
		return 0, 0, false
	}
	return androidbinary.DataType(v[3]), u32(v, 4), true
}

// entryOffset is where entry i starts from entriesStart, or -1 when the
// chunk has no such entry.
func (c *typeChunk) entryOffset(i int) int64 {
	offsets, idx := int64(c.headerSize), int64(i)
	switch {
	case c.flags&typeFlagSparse != 0:
		// (index, offset/4) pairs sorted by index, searched as
		// ResTable::getEntry in AOSP's ResourceTypes.cpp does (lower_bound).
		n := min(c.count, (c.size-offsets)/4)
		lo, hi := int64(0), n
		for lo < hi {
			mid := lo + (hi-lo)/2
			p := c.probe(offsets+4*mid, 4)
			if p == nil {
				return -1
			}
			if int64(u16(p, 0)) < idx {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		if lo == n {
			return -1
		}
		if p := c.bytes(offsets+4*lo, 4); p != nil && int64(u16(p, 0)) == idx {
			return int64(u16(p, 2)) * 4
		}
	case c.flags&typeFlagOffset16 != 0:
		if idx >= c.count {
			return -1
		}
		if p := c.bytes(offsets+2*idx, 2); p != nil && u16(p, 0) != noEntry16 {
			return int64(u16(p, 0)) * 4
		}
	default:
		if idx >= c.count {
			return -1
		}
		if p := c.bytes(offsets+4*idx, 4); p != nil && u32(p, 0) != noEntry32 {
			return int64(u32(p, 0))
		}
	}
	return -1
}

// bytes reads n bytes at off from the chunk's start, nil when they lie
// outside the chunk.
func (c *typeChunk) bytes(off, n int64) []byte {
	if off < 0 || off+n > c.size {
		return nil
	}
	return c.src.bytes(c.at+off, n)
}

// probe is bytes without reading ahead.
func (c *typeChunk) probe(off, n int64) []byte {
	if off < 0 || off+n > c.size {
		return nil
	}
	return c.src.probe(c.at+off, n)
}
