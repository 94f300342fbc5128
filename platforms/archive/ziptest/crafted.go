package ziptest

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
)

// Crafted is an archive with the faults a hostile package uses, which
// archive/zip's writer cannot produce.
type Crafted struct {
	Files []CraftedFile
	// Aliases are extra central-directory records, each pointing at the
	// local entry of Files[Of] under another name: a zip bomb's overlap.
	Aliases []Alias
}

// CraftedFile is one local entry and its central-directory record.
type CraftedFile struct {
	File
	// LocalName, when set, is the name in the local header; the central
	// directory keeps Name.
	LocalName string
	// Shift moves the central directory's offset for this entry, so its
	// data runs past the end of the archive or into another entry.
	Shift int64
}

// Alias names Files[Of]'s data a second time.
type Alias struct {
	Name string
	Of   int
}

type record struct {
	name         string
	method       uint16
	crc          uint32
	csize, usize uint32
	offset       uint32
}

// Write lays out the local entries, then the central directory (every
// file's record, then the aliases), then its end record. Sizes stay
// under 4 GiB: no zip64.
func (c Crafted) Write() []byte {
	var out bytes.Buffer
	le := func(v any) { _ = binary.Write(&out, binary.LittleEndian, v) }
	var recs []record
	for _, f := range c.Files {
		data, method := f.Data, uint16(0)
		if !f.Store {
			data, method = deflate(f.Data), 8
		}
		local := f.LocalName
		if local == "" {
			local = f.Name
		}
		r := record{name: f.Name, method: method, crc: crc32.ChecksumIEEE(f.Data),
			csize: uint32(len(data)), usize: uint32(len(f.Data)), offset: uint32(int64(out.Len()) + f.Shift)}
		le(uint32(0x04034b50))
		le([]uint16{20, 0, method, 0, 0x21})
		le([]uint32{r.crc, r.csize, r.usize})
		le([]uint16{uint16(len(local)), 0})
		out.WriteString(local)
		out.Write(data)
		recs = append(recs, r)
	}
	for _, a := range c.Aliases {
		r := recs[a.Of]
		r.name = a.Name
		recs = append(recs, r)
	}
	cdStart := out.Len()
	for _, r := range recs {
		le(uint32(0x02014b50))
		le([]uint16{20, 20, 0, r.method, 0, 0x21})
		le([]uint32{r.crc, r.csize, r.usize})
		le([]uint16{uint16(len(r.name)), 0, 0, 0, 0})
		le([]uint32{0, r.offset})
		out.WriteString(r.name)
	}
	cdSize := out.Len() - cdStart
	le(uint32(0x06054b50))
	le([]uint16{0, 0, uint16(len(recs)), uint16(len(recs))})
	le([]uint32{uint32(cdSize), uint32(cdStart)})
	le(uint16(0))
	return out.Bytes()
}

func deflate(data []byte) []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	_, _ = w.Write(data)
	_ = w.Close()
	return b.Bytes()
}
