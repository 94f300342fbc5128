package android

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"google.golang.org/protobuf/encoding/protowire"
)

// Field numbers of the aapt.pb messages an App Bundle manifest is made of
// (frameworks/base/tools/aapt2/Resources.proto). We decode by this table
// rather than generated code: five messages, read-only, no registry.
const (
	xmlNodeElement = 1 // XmlElement (oneof node)
	xmlNodeText    = 2 // string (oneof node)
	xmlNodeSource  = 3 // SourcePosition

	xmlElementName      = 3 // string
	xmlElementAttribute = 4 // repeated XmlAttribute
	xmlElementChild     = 5 // repeated XmlNode

	xmlAttrNamespaceURI = 1 // string
	xmlAttrName         = 2 // string
	xmlAttrValue        = 3 // string: the value as written in the source
	xmlAttrResourceID   = 5 // uint32
	xmlAttrCompiledItem = 6 // Item

	sourcePositionLine = 1 // uint32

	itemRef       = 1 // Reference
	itemStr       = 2 // String
	itemRawStr    = 3 // RawString
	itemStyledStr = 4 // StyledString
	itemFile      = 5 // FileReference
	itemID        = 6 // Id: an empty placeholder
	itemPrim      = 7 // Primitive

	referenceType = 1 // enum: 0 REFERENCE (@), 1 ATTRIBUTE (?)
	referenceID   = 2 // uint32
	referenceName = 3 // string

	stringValue = 1 // String, RawString, StyledString value; FileReference path

	primNull      = 1  // NullType, empty message
	primEmpty     = 2  // EmptyType, empty message
	primFloat     = 3  // float (fixed32)
	primIntDec    = 6  // int32: plain varint, negatives sign-extended to 10 bytes
	primIntHex    = 7  // uint32
	primBool      = 8  // bool
	primColorLow  = 9  // 9..12: colour values, uint32
	primColorHigh = 12 // ..
	primDimension = 13 // uint32 (Res_value complex)
	primFraction  = 14 // uint32 (Res_value complex)
)

// Limits on a protobuf manifest. Real manifests nest a handful of levels
// and hold thousands of nodes; the caps stop a crafted file from costing
// stack or memory out of proportion to its size.
const (
	maxProtoDepth = 128
	maxProtoNodes = 1 << 19 // elements plus attributes
)

// protoDecoder turns aapt2's XmlNode into our element tree.
type protoDecoder struct {
	budget int // elements and attributes still allowed
}

// parseProtoManifest decodes an App Bundle manifest (aapt.pb.XmlNode).
// Fields are read with protobuf's own rules: unknown fields and fields
// with an unexpected wire type are skipped, a repeated singular message
// merges into the first. Malformed encoding is an error.
func parseProtoManifest(data []byte) (*element, error) {
	if len(data) == 0 {
		return nil, errors.New("protobuf manifest is empty")
	}
	d := protoDecoder{budget: maxProtoNodes}
	root, err := d.node(data, 0)
	if err != nil {
		return nil, fmt.Errorf("protobuf manifest: %w", err)
	}
	if root == nil {
		return nil, errors.New("protobuf manifest has no root element")
	}
	return root, nil
}

// node decodes an XmlNode; a text node gives nil.
func (d *protoDecoder) node(msg []byte, depth int) (*element, error) {
	if depth >= maxProtoDepth {
		return nil, fmt.Errorf("elements nested deeper than %d levels", maxProtoDepth)
	}
	var el *element
	line := 0
	err := eachField(msg, "XmlNode", func(f protoField) error {
		switch {
		case f.is(xmlNodeElement, protowire.BytesType):
			if el == nil {
				if err := d.count(); err != nil {
					return err
				}
				el = &element{}
			}
			return d.element(el, f.bytes, depth)
		case f.is(xmlNodeText, protowire.BytesType):
			el = nil // oneof: the last member set wins
		case f.is(xmlNodeSource, protowire.BytesType):
			n, err := sourceLine(f.bytes)
			line = n
			return err
		}
		return nil
	})
	if err != nil || el == nil {
		return nil, err
	}
	el.Line = line
	return el, nil
}

// element merges one XmlElement encoding into el.
func (d *protoDecoder) element(el *element, msg []byte, depth int) error {
	return eachField(msg, "XmlElement", func(f protoField) error {
		switch {
		case f.is(xmlElementName, protowire.BytesType):
			el.Name = string(f.bytes)
		case f.is(xmlElementAttribute, protowire.BytesType):
			if err := d.count(); err != nil {
				return err
			}
			a, err := attribute(f.bytes)
			if err != nil {
				return err
			}
			el.Attrs = append(el.Attrs, a)
		case f.is(xmlElementChild, protowire.BytesType):
			child, err := d.node(f.bytes, depth+1)
			if err != nil {
				return err
			}
			if child != nil {
				el.Children = append(el.Children, child)
			}
		}
		return nil
	})
}

func (d *protoDecoder) count() error {
	d.budget--
	if d.budget < 0 {
		return fmt.Errorf("more than %d elements and attributes", maxProtoNodes)
	}
	return nil
}

// attribute decodes an XmlAttribute. The value string keeps what the
// source said; only when it is empty does the compiled item speak.
func attribute(msg []byte) (attr, error) {
	var (
		a        attr
		compiled string
	)
	err := eachField(msg, "XmlAttribute", func(f protoField) error {
		switch {
		case f.is(xmlAttrNamespaceURI, protowire.BytesType):
			a.NS = string(f.bytes)
		case f.is(xmlAttrName, protowire.BytesType):
			a.Name = string(f.bytes)
		case f.is(xmlAttrValue, protowire.BytesType):
			a.Value = string(f.bytes)
		case f.is(xmlAttrResourceID, protowire.VarintType):
			a.ResID = uint32(f.value)
		case f.is(xmlAttrCompiledItem, protowire.BytesType):
			v, err := itemText(f.bytes)
			compiled = v
			return err
		}
		return nil
	})
	if a.Value == "" {
		a.Value = compiled
	}
	return a, err
}

// itemText renders a compiled Item the way the source would spell it.
func itemText(msg []byte) (string, error) {
	var text string
	err := eachField(msg, "Item", func(f protoField) error {
		if f.typ != protowire.BytesType {
			return nil
		}
		var err error
		switch f.num {
		case itemRef:
			text, err = referenceText(f.bytes)
		case itemStr, itemRawStr, itemStyledStr, itemFile:
			text, err = stringField(f.bytes, "Item value", stringValue)
		case itemID:
			text = ""
		case itemPrim:
			text, err = primitiveText(f.bytes)
		}
		return err
	})
	return text, err
}

// referenceText spells a Reference as aapt2 read it: @type/name or
// ?attr/name, else by id (@0x7f0e001b; @null for id 0).
func referenceText(msg []byte) (string, error) {
	var (
		prefix = "@"
		id     uint32
		name   string
	)
	err := eachField(msg, "Reference", func(f protoField) error {
		switch {
		case f.is(referenceType, protowire.VarintType):
			prefix = "@"
			if f.value == 1 {
				prefix = "?"
			}
		case f.is(referenceID, protowire.VarintType):
			id = uint32(f.value)
		case f.is(referenceName, protowire.BytesType):
			name = string(f.bytes)
		}
		return nil
	})
	switch {
	case name != "":
		return prefix + name, err
	case id == 0 && prefix == "@":
		return "@null", err
	}
	return fmt.Sprintf("%s0x%08x", prefix, id), err
}

// primitiveText spells a Primitive: integers and booleans as the
// manifest parser reads them, colours as #aarrggbb, the rest in hex.
func primitiveText(msg []byte) (string, error) {
	var text string
	err := eachField(msg, "Primitive", func(f protoField) error {
		switch {
		case f.is(primIntDec, protowire.VarintType):
			text = strconv.Itoa(int(int32(f.value))) // int32 truncation undoes the sign extension
		case f.is(primIntHex, protowire.VarintType):
			text = fmt.Sprintf("0x%x", uint32(f.value))
		case f.is(primBool, protowire.VarintType):
			text = strconv.FormatBool(f.value != 0)
		case f.num >= primColorLow && f.num <= primColorHigh && f.typ == protowire.VarintType:
			text = fmt.Sprintf("#%08x", uint32(f.value))
		case (f.num == primDimension || f.num == primFraction) && f.typ == protowire.VarintType:
			text = fmt.Sprintf("0x%08x", uint32(f.value))
		case f.is(primFloat, protowire.Fixed32Type):
			text = strconv.FormatFloat(float64(math.Float32frombits(uint32(f.value))), 'g', -1, 32)
		case f.is(primNull, protowire.BytesType), f.is(primEmpty, protowire.BytesType):
			text = ""
		}
		return nil
	})
	return text, err
}

func sourceLine(msg []byte) (int, error) {
	line := 0
	err := eachField(msg, "SourcePosition", func(f protoField) error {
		if f.is(sourcePositionLine, protowire.VarintType) {
			line = int(uint32(f.value))
		}
		return nil
	})
	return line, err
}

// stringField returns the last value of one string field of a message.
func stringField(msg []byte, what string, num protowire.Number) (string, error) {
	var s string
	err := eachField(msg, what, func(f protoField) error {
		if f.is(num, protowire.BytesType) {
			s = string(f.bytes)
		}
		return nil
	})
	return s, err
}

// protoField is one decoded field: a number for varint and fixed types,
// bytes for length-delimited ones.
type protoField struct {
	num   protowire.Number
	typ   protowire.Type
	value uint64
	bytes []byte
}

func (f protoField) is(num protowire.Number, typ protowire.Type) bool {
	return f.num == num && f.typ == typ
}

// eachField walks a message's fields in order. Groups and unknown fields
// are skipped; a malformed tag or a value running past the end is an error.
func eachField(msg []byte, what string, fn func(f protoField) error) error {
	for len(msg) > 0 {
		num, typ, n := protowire.ConsumeTag(msg)
		if n < 0 {
			return fmt.Errorf("%s: bad field tag: %w", what, protowire.ParseError(n))
		}
		msg = msg[n:]
		f := protoField{num: num, typ: typ}
		switch typ {
		case protowire.VarintType:
			f.value, n = protowire.ConsumeVarint(msg)
		case protowire.Fixed32Type:
			var v uint32
			v, n = protowire.ConsumeFixed32(msg)
			f.value = uint64(v)
		case protowire.BytesType:
			f.bytes, n = protowire.ConsumeBytes(msg)
		default:
			n = protowire.ConsumeFieldValue(num, typ, msg)
		}
		if n < 0 {
			return fmt.Errorf("%s: field %d: %w", what, num, protowire.ParseError(n))
		}
		msg = msg[n:]
		if err := fn(f); err != nil {
			return err
		}
	}
	return nil
}
