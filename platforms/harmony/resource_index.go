package harmony

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// The compiled resource table of a .hap/.hsp (resources.index), as
// restool writes it and the resource manager reads it (little-endian):
// https://gitee.com/openharmony/global_resource_management
// frameworks/resmgr/include/res_desc.h, src/hap_parser_v1.cpp and
// src/hap_parser_v2.cpp; type numbers in interfaces/inner_api/include/res_common.h.
//
// Both layouts open with a 128-byte version ("Restool 5.0.1.011", or
// "RestoolV2 6.0.0.001" from API 20), the file length and the key count.
//   - V1: per qualifier directory a key ("KEYS", offset of its id set,
//     param count, params of 8 bytes); the id set ("IDSS", count, then
//     id/offset pairs) points at items: size, type, id, then the value
//     and the name, each a uint16 length counting a closing NUL.
//   - V2: the header adds the data block's offset; keys carry a config id
//     instead of an offset; one id set ("IDSS", length, type count, id
//     count) lists per type (type, length, count) the items (id, offset,
//     name length, name); at an item's offset its values (id, length,
//     value count, then config id/offset pairs), each value a uint16
//     length and the bytes.
const (
	indexVersionLen  = 128
	indexV1Header    = indexVersionLen + 8
	indexV2Header    = indexVersionLen + 12
	indexKeyParamLen = 8
	resTypeString    = 9 // ResType STRING
	maxRefHops       = 8
	// maxRefWalks bounds the walks references cost per table: a real
	// module has a handful, a hostile one must not make it quadratic.
	maxRefWalks = 64
	// maxResourceIndex caps resources.index: large apps carry a few
	// megabytes of strings, far below this.
	maxResourceIndex = 64 << 20
)

var errIndexTruncated = errors.New("a record runs past the end of the file")

// resourceIndex finds base (unqualified) string values by name. Only
// the wanted names' places are kept; values are read when asked for, so
// memory does not grow with the table.
type resourceIndex struct {
	data  []byte
	v2    bool
	base  []uint32 // base keys: their id sets' offsets (V1) or config ids (V2)
	ids   int64    // V2: where the id set starts
	found map[string]stringItem
	walks int // byID walks so far, bounded by maxRefWalks
}

type stringItem struct{ id, off uint32 }

// readResourceIndex reads a resources.index far enough to find the base
// STRING items named in want; any structural fault is an error, as it is
// for the resource manager.
func readResourceIndex(data []byte, want map[string]bool) (*resourceIndex, error) {
	if len(data) < indexV1Header {
		return nil, fmt.Errorf("%d bytes is shorter than the %d-byte header", len(data), indexV1Header)
	}
	version := string(bytes.TrimRight(data[:indexVersionLen], "\x00"))
	if !strings.HasPrefix(version, "Restool") {
		return nil, fmt.Errorf("version %q is not restool's", truncate(version))
	}
	x := &resourceIndex{v2: strings.HasPrefix(version, "RestoolV2"), found: map[string]stringItem{}}
	length, keys := u32le(data, indexVersionLen), u32le(data, indexVersionLen+4)
	if int64(length) > int64(len(data)) {
		return nil, fmt.Errorf("the header gives %d bytes, the file has %d", length, len(data))
	}
	if keys == 0 {
		return nil, errors.New("no qualifier keys")
	}
	x.data = data[:length]
	keysAt := int64(indexV1Header)
	if x.v2 {
		keysAt = indexV2Header
	}
	var err error
	if x.ids, err = x.readKeys(keysAt, keys); err != nil {
		return nil, err
	}
	err = x.eachString(func(id, off uint32, name []byte) bool {
		if want[string(name)] {
			if _, seen := x.found[string(name)]; !seen {
				x.found[string(name)] = stringItem{id, off}
			}
		}
		return true
	})
	return x, err
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// lookup returns the base value of the string named name, following
// "$string:<id>" references the build leaves between strings.
func (x *resourceIndex) lookup(name string) (string, bool) {
	item, ok := x.found[name]
	for range maxRefHops {
		if !ok {
			return "", false
		}
		v, read := x.value(item.id, item.off)
		if !read {
			return "", false
		}
		ref, isRef := strings.CutPrefix(v, stringRef)
		n, err := strconv.ParseUint(ref, 10, 32)
		if !isRef || err != nil {
			return v, true
		}
		item, ok = x.byID(uint32(n))
	}
	return "", false
}

// byID finds a base string item by id, walking the table again: only
// references between strings need it, and they are rare.
func (x *resourceIndex) byID(id uint32) (item stringItem, ok bool) {
	if x.walks >= maxRefWalks {
		return item, false
	}
	x.walks++
	x.eachString(func(i, off uint32, _ []byte) bool {
		if i == id {
			item, ok = stringItem{i, off}, true
		}
		return !ok
	})
	return item, ok
}

// indexReader reads little-endian fields forward; the first read past
// the end sets bad and every later read returns zero.
type indexReader struct {
	b   []byte
	at  int64
	bad bool
}

func (r *indexReader) take(n int64) []byte {
	if r.bad || n < 0 || r.at < 0 || r.at+n > int64(len(r.b)) {
		r.bad = true
		return nil
	}
	out := r.b[r.at : r.at+n]
	r.at += n
	return out
}

func (r *indexReader) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *indexReader) tag(want string) bool { return string(r.take(4)) == want }

// fits reports whether n records of size bytes can follow: counts are
// checked against the file before any loop trusts them.
func (r *indexReader) fits(n uint32, size int64) bool {
	return !r.bad && int64(n)*size <= int64(len(r.b))-r.at
}

// str reads a uint16-length string: V1 counts a closing NUL in the
// length (and it must be there), V2 counts only the bytes.
func (r *indexReader) str(countsNUL bool) (string, bool) {
	b, ok := r.raw(countsNUL)
	return string(bytes.TrimRight(b, "\x00")), ok
}

// raw is str without the copy, for names compared and dropped.
func (r *indexReader) raw(countsNUL bool) ([]byte, bool) {
	b := r.take(2)
	if b == nil {
		return nil, false
	}
	n := int64(binary.LittleEndian.Uint16(b))
	if countsNUL && n == 0 {
		r.bad = true
		return nil, false
	}
	if countsNUL {
		n-- // the NUL is stepped over, as the resource manager does, not read
	}
	s := r.take(n)
	if countsNUL && !r.bad {
		r.at++
	}
	return s, !r.bad
}

func u32le(b []byte, at int) uint32 { return binary.LittleEndian.Uint32(b[at:]) }
