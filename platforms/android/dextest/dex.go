// Package dextest writes minimal classes.dex files for tests: a header and
// a string table (string_ids and string data in MUTF-8), which is all
// permaudit reads from a dex file.
package dextest

import (
	"encoding/binary"
	"sort"
	"unicode/utf16"
)

const headerSize = 0x70

// Dex writes a dex file whose string table holds the strings, sorted as
// the dex format requires.
func Dex(strs ...string) []byte {
	sorted := append([]string(nil), strs...)
	sort.Strings(sorted)
	return assemble(sorted)
}

// assemble lays out header, ids and string data.
func assemble(sorted []string) []byte {
	out := make([]byte, headerSize+4*len(sorted))
	copy(out, "dex\n035\x00")
	binary.LittleEndian.PutUint32(out[0x24:], headerSize)
	binary.LittleEndian.PutUint32(out[0x28:], 0x12345678)
	binary.LittleEndian.PutUint32(out[0x38:], uint32(len(sorted)))
	if len(sorted) > 0 {
		binary.LittleEndian.PutUint32(out[0x3C:], headerSize)
	}
	for i, s := range sorted {
		binary.LittleEndian.PutUint32(out[headerSize+4*i:], uint32(len(out)))
		out = binary.AppendUvarint(out, uint64(len(utf16.Encode([]rune(s)))))
		out = append(out, MUTF8(s)...)
		out = append(out, 0)
	}
	binary.LittleEndian.PutUint32(out[0x20:], uint32(len(out)))
	return out
}

// MUTF8 encodes s as the dex format's Modified UTF-8: NUL as C0 80, and a
// character beyond the BMP as its two UTF-16 surrogates, each in 3 bytes.
func MUTF8(s string) []byte {
	var out []byte
	for _, u := range utf16.Encode([]rune(s)) {
		switch {
		case u != 0 && u < 0x80:
			out = append(out, byte(u))
		case u < 0x800:
			out = append(out, 0xC0|byte(u>>6), 0x80|byte(u&0x3F))
		default:
			out = append(out, 0xE0|byte(u>>12), 0x80|byte(u>>6&0x3F), 0x80|byte(u&0x3F))
		}
	}
	return out
}
