package harmonytest

import (
	"encoding/binary"
	"sort"
)

// IndexFormat is the layout of a resources.index: V1 as restool wrote it
// up to API 19, V2 as RestoolV2 writes it from API 20.
type IndexFormat int

const (
	IndexV1 IndexFormat = iota
	IndexV2
)

// IndexString is one resource in a qualifier directory: Qualifier ""
// is base, a lowercase language ("en", "zh") or "dark"/"light" a
// qualified one. Type is the ResType number, 0 meaning STRING (9).
type IndexString struct {
	Name, Value, Qualifier string
	Type                   uint32
}

const resTypeString = 9

// ResourceIndex writes a resources.index: one key per qualifier in order
// of first use, ids from 0x01000000 in order of first name.
func ResourceIndex(format IndexFormat, strs ...IndexString) []byte {
	t := newIndexTable(strs)
	if format == IndexV2 {
		return t.v2()
	}
	return t.v1()
}

type indexTable struct {
	quals []string
	names []string // in id order
	ids   map[string]uint32
	types map[string]uint32
	byQ   map[string][]IndexString
}

func newIndexTable(strs []IndexString) indexTable {
	t := indexTable{ids: map[string]uint32{}, types: map[string]uint32{}, byQ: map[string][]IndexString{}}
	for _, s := range strs {
		if s.Type == 0 {
			s.Type = resTypeString
		}
		if _, ok := t.byQ[s.Qualifier]; !ok {
			t.quals = append(t.quals, s.Qualifier)
		}
		t.byQ[s.Qualifier] = append(t.byQ[s.Qualifier], s)
		if _, ok := t.ids[s.Name]; !ok {
			t.ids[s.Name] = 0x01000000 + uint32(len(t.names))
			t.types[s.Name] = s.Type
			t.names = append(t.names, s.Name)
		}
	}
	return t
}

// qualifierParams are a directory's KeyParams (type, value): LANGUAGES
// is type 0 with the letters packed high to low, COLORMODE type 6.
func qualifierParams(q string) [][2]uint32 {
	switch q {
	case "":
		return nil
	case "dark":
		return [][2]uint32{{6, 0}}
	case "light":
		return [][2]uint32{{6, 1}}
	}
	var v uint32
	for _, c := range []byte(q) {
		v = v<<8 | uint32(c)
	}
	return [][2]uint32{{0, v}}
}

// buf is a little-endian byte builder that can patch what it wrote.
type buf struct{ b []byte }

func (w *buf) u32(v uint32) int {
	at := len(w.b)
	w.b = binary.LittleEndian.AppendUint32(w.b, v)
	return at
}
func (w *buf) u16(v uint16)        { w.b = binary.LittleEndian.AppendUint16(w.b, v) }
func (w *buf) raw(s string)        { w.b = append(w.b, s...) }
func (w *buf) patch(at int, v int) { binary.LittleEndian.PutUint32(w.b[at:], uint32(v)) }
func (w *buf) here() int           { return len(w.b) }
func (w *buf) version(name string) {
	w.b = append(w.b, make([]byte, 128)...)
	copy(w.b[len(w.b)-128:], name)
}
func (w *buf) params(q string) {
	ps := qualifierParams(q)
	w.u32(uint32(len(ps)))
	for _, p := range ps {
		w.u32(p[0])
		w.u32(p[1])
	}
}

// cstr writes a V1 string: a length counting the closing NUL.
func (w *buf) cstr(s string) { w.u16(uint16(len(s) + 1)); w.raw(s); w.b = append(w.b, 0) }

func (t indexTable) v1() []byte {
	w := &buf{}
	w.version("Restool 5.0.1.011")
	length := w.u32(0)
	w.u32(uint32(len(t.quals)))
	keyOffsets := make([]int, len(t.quals))
	for i, q := range t.quals {
		w.raw("KEYS")
		keyOffsets[i] = w.u32(0)
		w.params(q)
	}
	for i, q := range t.quals {
		w.patch(keyOffsets[i], w.here())
		w.raw("IDSS")
		items := t.byQ[q]
		w.u32(uint32(len(items)))
		itemOffsets := make([]int, len(items))
		for k, s := range items {
			w.u32(t.ids[s.Name])
			itemOffsets[k] = w.u32(0)
		}
		for k, s := range items {
			w.patch(itemOffsets[k], w.here())
			size := w.u32(0)
			start := w.here()
			w.u32(t.types[s.Name])
			w.u32(t.ids[s.Name])
			w.cstr(s.Value)
			w.cstr(s.Name)
			w.patch(size, w.here()-start+4)
		}
	}
	w.patch(length, w.here())
	return w.b
}

func (t indexTable) v2() []byte {
	w := &buf{}
	w.version("RestoolV2 6.0.0.001")
	length := w.u32(0)
	w.u32(uint32(len(t.quals)))
	dataBlock := w.u32(0)
	for i, q := range t.quals {
		w.raw("KEYS")
		w.u32(uint32(i)) // the config id
		w.params(q)
	}
	byType := map[uint32][]string{}
	var types []uint32
	for _, n := range t.names {
		typ := t.types[n]
		if byType[typ] == nil {
			types = append(types, typ)
		}
		byType[typ] = append(byType[typ], n)
	}
	sort.Slice(types, func(i, j int) bool { return types[i] < types[j] })
	idsStart := w.here()
	w.raw("IDSS")
	idsLen := w.u32(0)
	w.u32(uint32(len(types)))
	w.u32(uint32(len(t.names)))
	resOffsets := map[string]int{}
	for _, typ := range types {
		typeStart := w.u32(typ)
		typeLen := w.u32(0)
		w.u32(uint32(len(byType[typ])))
		for _, n := range byType[typ] {
			w.u32(t.ids[n])
			resOffsets[n] = w.u32(0)
			w.u32(uint32(len(n)))
			w.raw(n)
		}
		w.patch(typeLen, w.here()-typeStart)
	}
	w.patch(idsLen, w.here()-idsStart)
	w.patch(dataBlock, w.here())
	for _, n := range t.names {
		w.patch(resOffsets[n], w.here())
		t.v2Values(w, n)
	}
	w.patch(length, w.here())
	return w.b
}

// v2Values writes one resource's values: its id, length and count, a
// (config id, offset) pair per qualifier holding it, then the strings.
func (t indexTable) v2Values(w *buf, name string) {
	type value struct {
		cfg  uint32
		text string
	}
	var vals []value
	for ci, q := range t.quals {
		for _, s := range t.byQ[q] {
			if s.Name == name {
				vals = append(vals, value{uint32(ci), s.Value})
			}
		}
	}
	start := w.u32(t.ids[name])
	length := w.u32(0)
	w.u32(uint32(len(vals)))
	offsets := make([]int, len(vals))
	for k, v := range vals {
		w.u32(v.cfg)
		offsets[k] = w.u32(0)
	}
	w.patch(length, w.here()-start)
	for k, v := range vals {
		w.patch(offsets[k], w.here())
		w.u16(uint16(len(v.text)))
		w.raw(v.text)
		w.b = append(w.b, 0)
	}
}
