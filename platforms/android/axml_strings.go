package android

import "encoding/binary"

// maxDecodedStrings caps the bytes a string pool may decode to in total.
// Offsets may all point at one huge string; without a budget a small
// file could demand gigabytes. A real pool decodes to about its own size,
// so each pool's budget is a few times its size, under this cap.
const maxDecodedStrings = 64 << 20

// stringPool is a RES_STRING_POOL chunk held in memory. Strings are
// decoded on demand, each once, under a shared budget.
type stringPool struct {
	stringDecoder
	chunk   []byte
	offsets []byte // stringCount little-endian uint32 offsets
	start   int    // where string data begins, from the chunk start
	end     int    // where string data ends
	utf8    bool
}

const utf8PoolFlag = 1 << 8

// newStringPool reads a pool chunk's header. Inconsistent counts are
// clamped to what the chunk holds and reported through note.
func newStringPool(chunk []byte, headerSize int, note func(string, ...any)) *stringPool {
	p := &stringPool{chunk: chunk, stringDecoder: newStringDecoder(len(chunk))}
	l := readPoolLayout(chunk, headerSize, int64(len(chunk)), note)
	if l.count > 0 {
		p.offsets = chunk[headerSize : headerSize+int(l.count)*4]
	}
	p.start, p.end, p.utf8 = int(l.start), int(l.end), l.utf8
	return p
}

// poolLayout is where a string pool keeps its strings (ResStringPool_header
// in AOSP's ResourceTypes.h): count offsets after the header, string data
// from start to end, both from the chunk's start.
type poolLayout struct {
	count, start, end int64
	utf8              bool
}

// readPoolLayout reads a pool's header (its first 28 bytes, or fewer
// when the chunk is short) given the chunk's sizes.
func readPoolLayout(head []byte, headerSize int, chunkSize int64, note func(string, ...any)) poolLayout {
	if headerSize < 28 || len(head) < 28 || chunkSize < 28 {
		note("string pool header is %d bytes, too short; its strings read as empty", headerSize)
		return poolLayout{}
	}
	l := poolLayout{count: int64(binary.LittleEndian.Uint32(head[8:])), start: int64(binary.LittleEndian.Uint32(head[20:])), end: chunkSize}
	l.utf8 = binary.LittleEndian.Uint32(head[16:])&utf8PoolFlag != 0
	stylesStart := int64(binary.LittleEndian.Uint32(head[24:]))
	if room := (chunkSize - int64(headerSize)) / 4; l.count > room {
		note("string pool claims %d strings but has room for %d offsets", l.count, room)
		l.count = max(room, 0)
	}
	if stylesStart > l.start && stylesStart < chunkSize {
		l.end = stylesStart
	}
	if l.start > l.end {
		note("string data offset %d lies outside the string pool", l.start)
		l.start, l.end = 0, 0
	}
	return l
}

// get returns string i; ok is false when i names no string.
func (p *stringPool) get(i uint32) (string, bool) {
	if p == nil || int64(i) >= int64(len(p.offsets)/4) {
		return "", false
	}
	return p.decoded(i, func() (string, bool) {
		off := int64(p.start) + int64(binary.LittleEndian.Uint32(p.offsets[i*4:]))
		if off >= int64(p.end) {
			return "", false
		}
		return p.decode(p.chunk[off:p.end], p.utf8)
	}), true
}
