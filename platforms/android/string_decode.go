package android

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"
)

// stringDecoder decodes the strings of one pool, each once, under a
// budget, and counts the strings it could not decode properly.
type stringDecoder struct {
	cache    map[uint32]string
	budget   int
	broken   int  // strings that could not be decoded
	unended  int  // strings without their NUL terminator, which the platform refuses
	overflow bool // the budget ran out
}

// newStringDecoder budgets a pool of poolSize bytes: a real pool decodes
// to about its own size, so a few times that, under maxDecodedStrings.
func newStringDecoder(poolSize int) stringDecoder {
	return stringDecoder{cache: map[uint32]string{}, budget: min(maxDecodedStrings, 4*poolSize+1<<16)}
}

// decoded returns string i, decoding it the first time; once the budget
// has run out, strings not yet decoded read as empty.
func (d *stringDecoder) decoded(i uint32, decode func() (string, bool)) string {
	if s, ok := d.cache[i]; ok || d.overflow {
		return s
	}
	s, ok := decode()
	if !ok && !d.overflow {
		d.broken++
	}
	d.budget -= len(s)
	d.cache[i] = s
	return s
}

// decode reads one string whose length prefix starts b.
func (d *stringDecoder) decode(b []byte, utf8 bool) (string, bool) {
	if utf8 {
		return d.decodeUTF8(b)
	}
	return d.decodeUTF16(b)
}

// decodeUTF16 reads a length (one unit, or two when the high bit is set)
// and that many UTF-16 units.
func (p *stringDecoder) decodeUTF16(b []byte) (string, bool) {
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
func (p *stringDecoder) decodeUTF8(b []byte) (string, bool) {
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
