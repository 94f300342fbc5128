package android

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"
)

// maxDecodedStrings caps the bytes a string pool may decode to in total.
// Offsets may all point at one huge string; without a budget a small
// file could demand gigabytes. A real pool decodes to about its own size,
// so each pool's budget is a few times its size, under this cap.
const maxDecodedStrings = 64 << 20

// stringPool is a RES_STRING_POOL chunk. Strings are decoded on demand,
// each once, under a shared budget.
type stringPool struct {
	chunk    []byte
	offsets  []byte // stringCount little-endian uint32 offsets
	start    int    // where string data begins, from the chunk start
	end      int    // where string data ends
	utf8     bool
	cache    map[uint32]string
	budget   int
	broken   int  // strings that could not be decoded
	unended  int  // strings without their NUL terminator, which the platform refuses
	overflow bool // the budget ran out
}

const utf8PoolFlag = 1 << 8

// newStringPool reads a pool chunk's header. Inconsistent counts are
// clamped to what the chunk holds and reported through note.
func newStringPool(chunk []byte, headerSize int, note func(string, ...any)) *stringPool {
	p := &stringPool{chunk: chunk, cache: map[uint32]string{}, budget: min(maxDecodedStrings, 4*len(chunk)+1<<16)}
	if headerSize < 28 || len(chunk) < 28 {
		note("string pool header is %d bytes, too short; its strings read as empty", headerSize)
		return p
	}
	count := int64(binary.LittleEndian.Uint32(chunk[8:]))
	p.utf8 = binary.LittleEndian.Uint32(chunk[16:])&utf8PoolFlag != 0
	p.start = int(binary.LittleEndian.Uint32(chunk[20:]))
	stylesStart := int64(binary.LittleEndian.Uint32(chunk[24:]))
	if room := int64(len(chunk)-headerSize) / 4; count > room {
		note("string pool claims %d strings but has room for %d offsets", count, room)
		count = room
	}
	p.offsets = chunk[headerSize : headerSize+int(count)*4]
	p.end = len(chunk)
	if stylesStart > int64(p.start) && stylesStart < int64(len(chunk)) {
		p.end = int(stylesStart)
	}
	if p.start < 0 || p.start > p.end {
		note("string data offset %d lies outside the string pool", p.start)
		p.start, p.end = 0, 0
	}
	return p
}

// get returns string i; ok is false when i names no string.
func (p *stringPool) get(i uint32) (string, bool) {
	if p == nil || int64(i) >= int64(len(p.offsets)/4) {
		return "", false
	}
	if s, ok := p.cache[i]; ok || p.overflow {
		return s, true
	}
	off := int64(p.start) + int64(binary.LittleEndian.Uint32(p.offsets[i*4:]))
	var s string
	ok := off < int64(p.end)
	if ok {
		if p.utf8 {
			s, ok = p.decodeUTF8(p.chunk[off:p.end])
		} else {
			s, ok = p.decodeUTF16(p.chunk[off:p.end])
		}
	}
	if !ok && !p.overflow {
		p.broken++
	}
	p.budget -= len(s)
	p.cache[i] = s
	return s, true
}

// decodeUTF16 reads a length (one unit, or two when the high bit is set)
// and that many UTF-16 units.
func (p *stringPool) decodeUTF16(b []byte) (string, bool) {
	if len(b) < 2 {
		return "", false
	}
	n := int(binary.LittleEndian.Uint16(b))
	b = b[2:]
	if n&0x8000 != 0 {
		if len(b) < 2 {
			return "", false
		}
		n = (n&0x7fff)<<16 | int(binary.LittleEndian.Uint16(b))
		b = b[2:]
	}
	if n > len(b)/2 {
		return "", false
	}
	if 3*n > p.budget { // a UTF-16 unit becomes at most 3 UTF-8 bytes
		p.overflow = true
		return "", false
	}
	if len(b) < 2*n+2 || binary.LittleEndian.Uint16(b[2*n:]) != 0 {
		p.unended++
	}
	units := make([]uint16, n)
	for k := range units {
		units[k] = binary.LittleEndian.Uint16(b[2*k:])
	}
	return string(utf16.Decode(units)), true
}

// decodeUTF8 reads the UTF-16 length (skipped), the byte length (one
// byte, or two when the high bit is set) and the bytes.
func (p *stringPool) decodeUTF8(b []byte) (string, bool) {
	_, b, ok := utf8Length(b)
	if !ok {
		return "", false
	}
	n, b, ok := utf8Length(b)
	if !ok || n > len(b) {
		return "", false
	}
	if n > p.budget {
		p.overflow = true
		return "", false
	}
	if len(b) < n+1 || b[n] != 0 {
		p.unended++
	}
	return strings.ToValidUTF8(string(b[:n]), "\uFFFD"), true
}

func utf8Length(b []byte) (int, []byte, bool) {
	if len(b) < 1 {
		return 0, nil, false
	}
	n := int(b[0])
	if n&0x80 == 0 {
		return n, b[1:], true
	}
	if len(b) < 2 {
		return 0, nil, false
	}
	return (n&0x7f)<<8 | int(b[1]), b[2:], true
}
