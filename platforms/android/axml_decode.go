package android

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/shogo82148/androidbinary"
)

// The chunk walking here is our own: androidbinary renders binary XML
// as text, which drops the resource map (attribute identity) and line
// numbers, and it trusts the counts it reads. Its chunk and value type
// constants are the facts we share.

// maxAttributes caps the attributes of one document. Records may
// overlap (an attribute size under 20), so the file size alone does not
// bound their number.
const maxAttributes = 1 << 20

const noIndex = 0xFFFFFFFF

// axmlDecoder turns a compiled XML document into an element tree.
type axmlDecoder struct {
	data      []byte
	pool      *stringPool
	resIDs    []byte // the resource map: one uint32 per pool index
	root      *element
	stack     []*element
	closed    bool // the root element has ended
	attrs     int
	anomalies []string
	tallies   []tally // repeated anomalies, reported once each with a count
}

// tally counts one kind of anomaly that may repeat on every element.
type tally struct {
	what    string
	count   int
	example string
}

func (d *axmlDecoder) count(what, format string, args ...any) {
	for i := range d.tallies {
		if d.tallies[i].what == what {
			d.tallies[i].count++
			return
		}
	}
	d.tallies = append(d.tallies, tally{what: what, count: 1, example: fmt.Sprintf(format, args...)})
}

func (d *axmlDecoder) note(format string, args ...any) {
	if len(d.anomalies) < 20 {
		d.anomalies = append(d.anomalies, fmt.Sprintf(format, args...))
	} else if len(d.anomalies) == 20 {
		d.anomalies = append(d.anomalies, "further anomalies not listed")
	}
}

// decodeBinaryXML reads a compiled XML document the way the platform's
// ResXMLTree does: it trusts chunk sizes only as far as the data goes,
// takes the string pool and resource map that precede the first element,
// and names attributes by resource id. Oddities that the platform
// tolerates (packers use them to break analysis tools) are returned as
// anomalies; the document is refused only when no root element can be read.
func decodeBinaryXML(data []byte) (*element, []string, error) {
	d := &axmlDecoder{data: data}
	if len(data) < 8 {
		return nil, nil, errors.New("too short for binary XML")
	}
	typ := androidbinary.ChunkType(u16(data, 0))
	headerSize, size := int(u16(data, 2)), int64(u32(data, 4))
	if typ != androidbinary.ResXMLChunkType {
		d.note("document chunk type is 0x%04x, not RES_XML_TYPE 0x0003", uint16(typ))
	}
	if headerSize != 8 {
		d.note("document header size is %d, not 8", headerSize)
		headerSize = 8
	}
	end := int64(len(data))
	switch {
	case size > end:
		d.note("document claims %d bytes but has %d", size, end)
	case size < 8:
		d.note("document claims %d bytes, too few to hold anything", size)
	default:
		if size < end {
			d.note("%d bytes follow the declared end of the document", end-size)
		}
		end = size
	}
	if err := d.walk(headerSize, int(end)); err != nil {
		return nil, d.anomalies, err
	}
	if d.root == nil {
		return nil, d.anomalies, errors.New("no root element")
	}
	if len(d.stack) > 0 {
		d.note("%d element(s) never closed", len(d.stack))
	}
	for _, t := range d.tallies {
		d.note("%d %s (e.g. %s)", t.count, t.what, t.example)
	}
	if d.pool.broken > 0 {
		d.note("%d string(s) in the string pool could not be decoded and read as empty", d.pool.broken)
	}
	if d.pool.unended > 0 {
		d.note("%d string(s) lack their NUL terminator: aapt and the platform refuse such a manifest", d.pool.unended)
	}
	if d.pool.overflow {
		return nil, d.anomalies, fmt.Errorf("string pool decodes to more than %d bytes", maxDecodedStrings)
	}
	return d.root, d.anomalies, nil
}

func (d *axmlDecoder) walk(off, end int) error {
	for off+8 <= end {
		typ := androidbinary.ChunkType(u16(d.data, off))
		hsize, size := int(u16(d.data, off+2)), int64(u32(d.data, off+4))
		if hsize < 8 || int64(hsize) > size || size > int64(end-off) {
			if d.root == nil {
				return fmt.Errorf("malformed chunk at offset %d (type 0x%04x, header %d, size %d) before the root element", off, uint16(typ), hsize, size)
			}
			d.note("malformed chunk at offset %d (type 0x%04x, header %d, size %d): reading stopped there", off, uint16(typ), hsize, size)
			return nil
		}
		if (hsize|int(size))&3 != 0 {
			d.note("chunk at offset %d is not 4-byte aligned", off)
		}
		chunk := d.data[off : off+int(size)]
		switch {
		case typ == androidbinary.ResStringPoolChunkType:
			if d.root != nil || d.pool != nil {
				d.note("extra string pool at offset %d ignored", off)
			} else {
				d.pool = newStringPool(chunk, hsize, d.note)
			}
		case typ == androidbinary.ResXMLResourceMapType:
			if d.root != nil || d.resIDs != nil {
				d.note("extra resource map at offset %d ignored", off)
			} else {
				d.resIDs = chunk[hsize : hsize+(len(chunk)-hsize)/4*4]
			}
		case typ >= androidbinary.ResXMLFirstChunkType && typ <= androidbinary.ResXMLLastChunkType:
			err := d.node(typ, chunk, hsize)
			if errors.Is(err, errBadNode) && d.root != nil {
				d.note("%v at offset %d: reading stopped there", err, off)
				return nil
			}
			if err != nil {
				return fmt.Errorf("%w at offset %d", err, off)
			}
		default:
			d.note("unknown chunk type 0x%04x at offset %d skipped", uint16(typ), off)
		}
		off += int(size)
	}
	return nil
}

// errBadNode is a node the platform's parser stops at (BAD_DOCUMENT).
var errBadNode = errors.New("malformed XML node")

// node handles one XML node chunk: a 16-byte header with the line
// number, then the extension at headerSize.
func (d *axmlDecoder) node(typ androidbinary.ChunkType, chunk []byte, hsize int) error {
	if hsize < 16 {
		return fmt.Errorf("%w: %d-byte header", errBadNode, hsize)
	}
	if d.pool == nil {
		return errors.New("no string pool before the first element")
	}
	line := int(u32(chunk, 8))
	ext := chunk[hsize:]
	switch typ {
	case androidbinary.ResXMLStartElementType:
		return d.startElement(ext, line)
	case androidbinary.ResXMLEndElementType:
		if len(ext) < 8 {
			return fmt.Errorf("%w: end tag too short", errBadNode)
		}
		if len(d.stack) == 0 {
			d.note("end tag (line %d) without a start tag", line)
			return nil
		}
		d.stack = d.stack[:len(d.stack)-1]
		if len(d.stack) == 0 {
			d.closed = true
		}
	}
	return nil
}

func (d *axmlDecoder) startElement(ext []byte, line int) error {
	if len(ext) < 20 {
		return fmt.Errorf("%w: start tag too short", errBadNode)
	}
	name, _ := d.pool.get(u32(ext, 4))
	e := &element{Name: name, Line: line}
	switch {
	case d.closed:
		d.note("element <%s> after the root element ignored", name)
		return nil
	case d.root == nil:
		d.root = e
	default:
		parent := d.stack[len(d.stack)-1]
		parent.Children = append(parent.Children, e)
	}
	d.stack = append(d.stack, e)

	start, stride, count := int(u16(ext, 8)), int(u16(ext, 10)), int(u16(ext, 12))
	if start != 20 || stride != 20 {
		d.count("element(s) with an unusual attribute layout", "<%s> at line %d: start %d, size %d, not 20 and 20", name, line, start, stride)
	}
	if stride == 0 && count > 1 {
		// Every attribute is the same record; one copy answers every lookup.
		d.count("element(s) repeating one attribute record", "<%s> at line %d, %d times", name, line, count)
		count = 1
	}
	for i := range count {
		at := start + i*stride
		if at+20 > len(ext) {
			d.count("element(s) holding fewer attributes than declared", "<%s> at line %d: %d of %d", name, line, i, count)
			break
		}
		if d.attrs++; d.attrs > maxAttributes {
			return fmt.Errorf("more than %d attributes", maxAttributes)
		}
		e.Attrs = append(e.Attrs, d.attribute(ext[at:at+20], name, line))
	}
	return nil
}

// attribute decodes one 20-byte attribute record: namespace, name, raw
// string value and a typed Res_value.
func (d *axmlDecoder) attribute(rec []byte, elem string, line int) attr {
	nameIdx := u32(rec, 4)
	a := attr{}
	if ns := u32(rec, 0); ns != noIndex {
		a.NS, _ = d.pool.get(ns)
	}
	a.Name, _ = d.pool.get(nameIdx)
	if int64(nameIdx) < int64(len(d.resIDs)/4) {
		a.ResID = u32(d.resIDs, int(nameIdx)*4)
	}
	if want, known := androidAttrNames[a.ResID]; known && a.Name != want {
		d.count("attribute name(s) disagree with their resource ids, which decide",
			"%q on <%s> at line %d is android:%s", a.Name, elem, line, want)
	}
	raw := u32(rec, 8)
	dataType, data := androidbinary.DataType(rec[15]), u32(rec, 16)
	switch {
	case dataType == androidbinary.TypeString:
		var ok bool
		if a.Value, ok = d.pool.get(data); !ok {
			a.Value, _ = d.pool.get(raw)
		}
	case dataType != androidbinary.TypeNull:
		a.Value = typedValue(dataType, data)
	case raw != noIndex:
		a.Value, _ = d.pool.get(raw)
	}
	return a
}

// typedValue renders a Res_value that is not a string: integers in
// decimal, booleans as true/false, references as @0x7f010001 (resolved
// later against resources.arsc when one is at hand).
func typedValue(t androidbinary.DataType, data uint32) string {
	switch {
	case t == androidbinary.TypeReference:
		if data == 0 {
			return "@null"
		}
		return fmt.Sprintf("@0x%08x", data)
	case t == androidbinary.TypeAttribute:
		return fmt.Sprintf("?0x%08x", data)
	case t == androidbinary.TypeFloat:
		return strconv.FormatFloat(float64(math.Float32frombits(data)), 'g', -1, 32)
	case t == androidbinary.TypeIntBoolean:
		return strconv.FormatBool(data != 0)
	case t >= androidbinary.TypeFirstColorInt && t <= androidbinary.TypeLastColorInt:
		return fmt.Sprintf("#%08x", data)
	case t >= androidbinary.TypeFirstInt && t <= androidbinary.TypeLastInt:
		return strconv.FormatInt(int64(int32(data)), 10)
	}
	return fmt.Sprintf("0x%08x", data)
}

func u16(b []byte, off int) uint16 { return binary.LittleEndian.Uint16(b[off:]) }
func u32(b []byte, off int) uint32 { return binary.LittleEndian.Uint32(b[off:]) }
