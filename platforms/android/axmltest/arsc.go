package axmltest

import (
	"encoding/binary"
	"sort"
)

// Value is one resource value in a table.
type Value struct {
	Type uint8  // Res_value data type; TypeString uses Str
	Data uint32 // for typed values
	Str  string
}

// TableOptions pick the newer, denser encodings aapt2 can write.
type TableOptions struct {
	Sparse   bool // (index, offset) pairs instead of an offset per entry
	Offset16 bool // 16-bit offsets (in units of 4 bytes)
	Compact  bool // 8-byte entries holding the value in place
	// Locale, when set, writes the values in that language's
	// configuration instead of the default one.
	Locale string
}

// Table writes a resources.arsc with one package (the id's top byte,
// normally 0x7f). Ids in values are full resource ids (0xPPTTEEEE).
func Table(values map[uint32]Value, opts ...TableOptions) []byte {
	var opt TableOptions
	if len(opts) > 0 {
		opt = opts[0]
	}
	ids := make([]uint32, 0, len(values))
	for id := range values {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })

	global := &pool{at: map[string]uint32{}}
	keys := &pool{at: map[string]uint32{}}
	byType := map[uint8][]uint32{}
	var pkg uint32 = 0x7f
	for _, id := range ids {
		pkg = id >> 24
		byType[uint8(id>>16)] = append(byType[uint8(id>>16)], id)
		if v := values[id]; v.Type == TypeString {
			global.add(v.Str)
		}
		keys.add(keyName(id))
	}
	types := &pool{at: map[string]uint32{}}
	var typeIDs []int
	for t := range byType {
		typeIDs = append(typeIDs, int(t))
	}
	sort.Ints(typeIDs)
	maxType := 0
	if len(typeIDs) > 0 {
		maxType = typeIDs[len(typeIDs)-1]
	}
	for t := 1; t <= maxType; t++ {
		types.add(string(rune('a' + t)))
	}

	var chunks []byte
	for _, t := range typeIDs {
		chunks = append(chunks, typeSpecChunk(uint8(t), byType[uint8(t)])...)
		chunks = append(chunks, typeChunk(uint8(t), byType[uint8(t)], values, global, keys, opt)...)
	}
	typeStrings, keyStrings := types.chunk(false), keys.chunk(false)
	const pkgHeader = 288
	ph := header(0x0200, pkgHeader, pkgHeader+len(typeStrings)+len(keyStrings)+len(chunks))
	ph = binary.LittleEndian.AppendUint32(ph, pkg)
	ph = append(ph, make([]byte, 256)...) // package name
	ph = binary.LittleEndian.AppendUint32(ph, pkgHeader)
	ph = binary.LittleEndian.AppendUint32(ph, uint32(maxType))
	ph = binary.LittleEndian.AppendUint32(ph, uint32(pkgHeader+len(typeStrings)))
	ph = binary.LittleEndian.AppendUint32(ph, uint32(len(ids)))
	ph = binary.LittleEndian.AppendUint32(ph, 0) // typeIdOffset
	pkgChunk := append(append(append(ph, typeStrings...), keyStrings...), chunks...)

	globalChunk := global.chunk(false)
	th := header(0x0002, 12, 12+len(globalChunk)+len(pkgChunk))
	th = binary.LittleEndian.AppendUint32(th, 1)
	return append(append(th, globalChunk...), pkgChunk...)
}

func keyName(id uint32) string { return "k" + string(rune('a'+id&0xff)) }

// typeSpecChunk writes the RES_TABLE_TYPE_SPEC aapt expects before a
// type's values: one (empty) configuration-change mask per entry.
func typeSpecChunk(t uint8, ids []uint32) []byte {
	count := int(ids[len(ids)-1]&0xffff) + 1
	b := header(0x0202, 16, 16+4*count)
	b = append(b, t, 0, 0, 0)
	b = binary.LittleEndian.AppendUint32(b, uint32(count))
	return append(b, make([]byte, 4*count)...)
}

// typeChunk writes one RES_TABLE_TYPE.
func typeChunk(t uint8, ids []uint32, values map[uint32]Value, global, keys *pool, opt TableOptions) []byte {
	count := 0
	for _, id := range ids {
		if n := int(id&0xffff) + 1; n > count {
			count = n
		}
	}
	const configSize = 64
	headerSize := 20 + configSize
	offsets := make([]uint32, count)
	for i := range offsets {
		offsets[i] = 0xFFFFFFFF
	}
	var entries []byte
	for _, id := range ids {
		offsets[id&0xffff] = uint32(len(entries))
		v := values[id]
		data := v.Data
		if v.Type == TypeString {
			data = global.index(v.Str)
		}
		key := keys.index(keyName(id))
		if opt.Compact {
			entries = binary.LittleEndian.AppendUint16(entries, uint16(key))
			entries = binary.LittleEndian.AppendUint16(entries, 0x0008|uint16(v.Type)<<8)
			entries = binary.LittleEndian.AppendUint32(entries, data)
			continue
		}
		entries = binary.LittleEndian.AppendUint16(entries, 8)
		entries = binary.LittleEndian.AppendUint16(entries, 0)
		entries = binary.LittleEndian.AppendUint32(entries, key)
		entries = append(entries, 8, 0, 0, v.Type)
		entries = binary.LittleEndian.AppendUint32(entries, data)
	}
	var table []byte
	var flags byte
	entryCount := count
	switch {
	case opt.Sparse:
		flags, entryCount = 0x01, len(ids)
		for _, id := range ids {
			table = binary.LittleEndian.AppendUint16(table, uint16(id&0xffff))
			table = binary.LittleEndian.AppendUint16(table, uint16(offsets[id&0xffff]/4))
		}
	case opt.Offset16:
		flags = 0x02
		for _, o := range offsets {
			if o != 0xFFFFFFFF {
				o /= 4
			}
			table = binary.LittleEndian.AppendUint16(table, uint16(o))
		}
	default:
		for _, o := range offsets {
			table = binary.LittleEndian.AppendUint32(table, o)
		}
	}
	for len(table)%4 != 0 {
		table = append(table, 0)
	}
	entriesStart := headerSize + len(table)
	b := header(0x0201, headerSize, entriesStart+len(entries))
	b = append(b, t, flags, 0, 0)
	b = binary.LittleEndian.AppendUint32(b, uint32(entryCount))
	b = binary.LittleEndian.AppendUint32(b, uint32(entriesStart))
	config := make([]byte, configSize)
	binary.LittleEndian.PutUint32(config, configSize)
	if len(opt.Locale) == 2 {
		copy(config[8:10], opt.Locale) // language
	}
	b = append(b, config...)
	b = append(b, table...)
	return append(b, entries...)
}
