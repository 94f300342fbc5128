package android

import "io"

// tableWindow is how much a table read fetches at once: chunk headers
// that follow each other (small types, the package header and its pools)
// then cost one read between them, not one each.
const tableWindow = 512

// tableSource reads resources.arsc at offsets: in place from the APK when
// the entry is stored, so a lookup touches only the bytes it needs.
type tableSource struct {
	ra     io.ReaderAt
	size   int64
	window []byte
	at     int64 // where window starts
}

func newTableSource(ra io.ReaderAt, size int64) *tableSource {
	return &tableSource{ra: ra, size: size, window: make([]byte, 0, tableWindow)}
}

// bytes returns the n bytes at off, or nil when the table does not hold
// them or they cannot be read. The slice is valid until the next call.
func (s *tableSource) bytes(off, n int64) []byte {
	if off < 0 || n < 0 || off > s.size || n > s.size-off {
		return nil
	}
	if off >= s.at && off+n <= s.at+int64(len(s.window)) {
		return s.window[off-s.at : off-s.at+n]
	}
	if n > tableWindow {
		b := make([]byte, n)
		if !s.readAt(b, off) {
			return nil
		}
		return b
	}
	s.window = s.window[:min(tableWindow, s.size-off)]
	if !s.readAt(s.window, off) {
		s.window = s.window[:0]
		return nil
	}
	s.at = off
	return s.window[:n]
}

// probe returns the n bytes at off like bytes, but reads only them when
// the window does not hold them: for lookups that jump about, such as a
// binary search, where reading ahead would be wasted.
func (s *tableSource) probe(off, n int64) []byte {
	if off >= s.at && off+n <= s.at+int64(len(s.window)) || n > tableWindow {
		return s.bytes(off, n)
	}
	if off < 0 || n < 0 || off > s.size || n > s.size-off {
		return nil
	}
	b := make([]byte, n)
	if !s.readAt(b, off) {
		return nil
	}
	return b
}

func (s *tableSource) readAt(b []byte, off int64) bool {
	n, err := s.ra.ReadAt(b, off)
	return n == len(b) && (err == nil || err == io.EOF)
}

// tablePool is the table's global string pool, read at offsets: the
// header once, then per string its offset and its bytes.
type tablePool struct {
	stringDecoder
	src        *tableSource
	at         int64 // the chunk's offset in the table
	offsetsAt  int64 // from the chunk's start
	poolLayout       // from the chunk's start
}

func newTablePool(src *tableSource, at, size int64, headerSize int) *tablePool {
	p := &tablePool{src: src, at: at, offsetsAt: int64(headerSize), stringDecoder: newStringDecoder(int(size))}
	p.poolLayout = readPoolLayout(src.bytes(at, min(28, size)), headerSize, size, func(string, ...any) {})
	return p
}

// get returns string i; ok is false when i names no string or the table
// cannot be read there.
func (p *tablePool) get(i uint32) (string, bool) {
	if p == nil || int64(i) >= p.count {
		return "", false
	}
	o := p.src.bytes(p.at+p.offsetsAt+4*int64(i), 4)
	if o == nil {
		return "", false
	}
	off := p.start + int64(u32(o, 0))
	return p.decoded(i, func() (string, bool) {
		if off >= p.end {
			return "", false
		}
		rest := p.end - off
		n := min(encodedSize(p.src.bytes(p.at+off, min(4, rest)), p.utf8), rest)
		return p.decode(p.src.bytes(p.at+off, n), p.utf8)
	}), true
}

// encodedSize is how many bytes a string whose length prefix starts head
// takes, its terminator included (ResStringPool's layout: UTF-16 lengths
// in one or two units, UTF-8 ones as two lengths of one or two bytes);
// a prefix cut short counts as the bytes it has.
func encodedSize(head []byte, utf8 bool) int64 {
	if utf8 {
		_, rest, ok := utf8Length(head)
		if !ok {
			return int64(len(head))
		}
		n, rest, ok := utf8Length(rest)
		if !ok {
			return int64(len(head))
		}
		return int64(len(head)-len(rest)) + int64(n) + 1
	}
	if len(head) < 2 {
		return int64(len(head))
	}
	n, prefix := int64(u16(head, 0)), int64(2)
	if n&0x8000 != 0 {
		if len(head) < 4 {
			return int64(len(head))
		}
		n, prefix = (n&0x7fff)<<16|int64(u16(head, 2)), 4
	}
	return prefix + 2*n + 2
}
