package android

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Limits of the dex string-table reader. A real app's classes.dex holds at
// most 65,536 type ids but far more strings; 4 Mi string ids (16 MiB of
// offsets) is beyond any build tool's output.
const (
	maxDexStrings = 4 << 20
	// maxDescriptor bounds one class descriptor; longer strings are skipped.
	maxDescriptor = 1024
)

// dexHeaderSize is the size of header_item; string_ids_size and
// string_ids_off sit at 0x38 and 0x3C
// (https://source.android.com/docs/core/runtime/dex-format#header-item).
const dexHeaderSize = 0x70

// dexPackages streams one dex file and calls add with the package
// (dotted) of every class descriptor ("Lcom/a/B;" → "com.a") in its
// string table. It reads the header, string_ids and the string data in
// offset order, and nothing else: no code, no class data. At most limit
// bytes are read.
func dexPackages(r io.Reader, limit int64, add func(pkg string)) error {
	cr := &countingReader{r: bufio.NewReaderSize(io.LimitReader(r, limit), 32<<10)}
	head := make([]byte, dexHeaderSize)
	if _, err := io.ReadFull(cr, head); err != nil {
		return fmt.Errorf("dex header: %w", shortRead(err))
	}
	if string(head[:4]) != "dex\n" || head[7] != 0 {
		return errors.New("not a dex file (bad magic)")
	}
	n := binary.LittleEndian.Uint32(head[0x38:])
	off := binary.LittleEndian.Uint32(head[0x3C:])
	if n == 0 {
		return nil
	}
	if n > maxDexStrings {
		return fmt.Errorf("dex declares %d strings, over the %d this reader accepts", n, maxDexStrings)
	}
	if int64(off) < dexHeaderSize || int64(off)+4*int64(n) > limit {
		return fmt.Errorf("dex string_ids at %d (%d entries) lie outside the file", off, n)
	}
	if err := cr.skipTo(int64(off)); err != nil {
		return err
	}
	ids := make([]byte, 4*int(n))
	if _, err := io.ReadFull(cr, ids); err != nil {
		return fmt.Errorf("dex string_ids: %w", shortRead(err))
	}
	offsets := make([]uint32, n)
	for i := range offsets {
		offsets[i] = binary.LittleEndian.Uint32(ids[4*i:])
	}
	sort.Slice(offsets, func(i, j int) bool { return offsets[i] < offsets[j] })
	buf := make([]byte, 0, maxDescriptor)
	// seen is keyed by the raw package bytes, so a class in a package met
	// before costs a map lookup and no allocation.
	seen := map[string]bool{}
	for _, o := range offsets {
		if int64(o) < cr.pos {
			continue // a repeat, or an offset inside data already read
		}
		if err := cr.skipTo(int64(o)); err != nil {
			return err
		}
		s, err := cr.readString(buf)
		if err != nil {
			return fmt.Errorf("dex string at %d: %w", o, shortRead(err))
		}
		raw, ok := descriptorPackageRaw(s)
		if !ok || seen[string(raw)] {
			continue
		}
		seen[string(raw)] = true
		if pkg, ok := packageName(raw); ok {
			add(pkg)
		}
	}
	return nil
}

// descriptorPackageRaw cuts "Lcom/a/B;" to "com/a"; false for anything
// that is not a class descriptor in a package.
func descriptorPackageRaw(raw []byte) ([]byte, bool) {
	if len(raw) < 4 || raw[0] != 'L' || raw[len(raw)-1] != ';' {
		return nil, false
	}
	slash := bytes.LastIndexByte(raw, '/')
	if slash <= 1 {
		return nil, false
	}
	return raw[1:slash], true
}

// packageName decodes a raw package ("com/a") to its dotted name.
func packageName(raw []byte) (string, bool) {
	pkg, ok := decodeMUTF8(raw)
	if !ok || strings.ContainsAny(pkg, ";[.") {
		return "", false
	}
	return strings.ReplaceAll(pkg, "/", "."), true
}

// decodeMUTF8 decodes dex Modified UTF-8 (NUL as C0 80, supplementary
// characters as two 3-byte surrogates); false on malformed input.
func decodeMUTF8(b []byte) (string, bool) {
	ascii := true
	for _, c := range b {
		if c >= 0x80 || c == 0 {
			ascii = false
			break
		}
	}
	if ascii {
		return string(b), true
	}
	var units []uint16
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c != 0 && c < 0x80:
			units = append(units, uint16(c))
			i++
		case c&0xE0 == 0xC0 && i+1 < len(b) && b[i+1]&0xC0 == 0x80:
			units = append(units, uint16(c&0x1F)<<6|uint16(b[i+1]&0x3F))
			i += 2
		case c&0xF0 == 0xE0 && i+2 < len(b) && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80:
			units = append(units, uint16(c&0x0F)<<12|uint16(b[i+1]&0x3F)<<6|uint16(b[i+2]&0x3F))
			i += 3
		default:
			return "", false
		}
	}
	s := string(utf16.Decode(units))
	return s, utf8.ValidString(s)
}

func shortRead(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("file ends early (truncated, or past the read limit)")
	}
	return err
}
