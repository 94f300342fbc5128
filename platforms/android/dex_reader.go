package android

import (
	"bufio"
	"fmt"
)

// countingReader reads forward only and knows its position, so the dex
// reader can skip to offsets in one pass without seeking.
type countingReader struct {
	r   *bufio.Reader
	pos int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.pos += int64(n)
	return n, err
}

func (c *countingReader) skipTo(off int64) error {
	if off < c.pos {
		return fmt.Errorf("offset %d lies behind the read position %d", off, c.pos)
	}
	n, err := c.r.Discard(int(off - c.pos))
	c.pos += int64(n)
	if err != nil {
		return fmt.Errorf("dex offset %d: %w", off, shortRead(err))
	}
	return nil
}

// readString reads a string_data_item: a ULEB128 UTF-16 length, then
// MUTF-8 bytes up to a NUL. Only the first maxDescriptor bytes are kept
// (in buf); the rest is read past.
func (c *countingReader) readString(buf []byte) ([]byte, error) {
	for i := 0; ; i++ { // skip the ULEB128 length: at most 5 bytes
		b, err := c.r.ReadByte()
		if err != nil {
			return nil, err
		}
		c.pos++
		if b&0x80 == 0 {
			break
		}
		if i == 4 {
			return nil, fmt.Errorf("malformed length")
		}
	}
	buf = buf[:0]
	long := false
	for {
		b, err := c.r.ReadByte()
		if err != nil {
			return nil, err
		}
		c.pos++
		if b == 0 {
			break
		}
		if len(buf) < cap(buf) {
			buf = append(buf, b)
		} else {
			long = true
		}
	}
	if long {
		return nil, nil
	}
	return buf, nil
}
