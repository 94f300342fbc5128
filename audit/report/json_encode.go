package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// indentEncoder writes a value as indented JSON in one pass, streaming,
// byte for byte what encoding/json's Encoder writes with
// SetIndent("", "  ") and SetEscapeHTML(false) — which marshals compact
// into memory first and then indents that copy in a second pass.
// It knows the kinds report documents are made of (structs with json
// tags, slices, maps, pointers, strings, integers, booleans) and hands
// anything else to encoding/json.
type indentEncoder struct {
	w      *bufio.Writer
	depth  int
	fields map[reflect.Type][]jsonField
}

// jsonField is an exported struct field as encoding/json sees it.
type jsonField struct {
	index     int
	name      string // already quoted
	omitEmpty bool
}

func encodeIndented(w io.Writer, v any) error {
	e := &indentEncoder{w: bufio.NewWriterSize(w, 32<<10), fields: map[reflect.Type][]jsonField{}}
	if err := e.value(reflect.ValueOf(v)); err != nil {
		return err
	}
	e.w.WriteByte('\n')
	return e.w.Flush()
}

func (e *indentEncoder) newline() {
	e.w.WriteByte('\n')
	for range e.depth {
		e.w.WriteString("  ")
	}
}

func (e *indentEncoder) value(v reflect.Value) error {
	switch v.Kind() {
	case reflect.String:
		writeJSONString(e.w, v.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.w.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		e.w.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Bool:
		e.w.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Pointer:
		if v.IsNil() {
			e.w.WriteString("null")
			return nil
		}
		return e.value(v.Elem())
	case reflect.Struct:
		return e.object(v)
	case reflect.Slice:
		if v.IsNil() {
			e.w.WriteString("null")
			return nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return e.fallback(v) // base64, as encoding/json writes []byte
		}
		return e.array(v)
	case reflect.Map:
		return e.mapObject(v)
	default:
		return e.fallback(v)
	}
	return nil
}

// fallback lets encoding/json write what this encoder does not know.
func (e *indentEncoder) fallback(v reflect.Value) error {
	raw, err := json.Marshal(v.Interface())
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := json.Indent(&b, raw, strings.Repeat("  ", e.depth), "  "); err != nil {
		return err
	}
	_, err = b.WriteTo(e.w)
	return err
}

func (e *indentEncoder) array(v reflect.Value) error {
	if v.Len() == 0 {
		e.w.WriteString("[]")
		return nil
	}
	e.w.WriteByte('[')
	e.depth++
	for i := range v.Len() {
		if i > 0 {
			e.w.WriteByte(',')
		}
		e.newline()
		if err := e.value(v.Index(i)); err != nil {
			return err
		}
	}
	e.depth--
	e.newline()
	e.w.WriteByte(']')
	return nil
}

func (e *indentEncoder) object(v reflect.Value) error {
	n := 0
	for _, f := range e.fieldsOf(v.Type()) {
		fv := v.Field(f.index)
		if f.omitEmpty && isEmptyJSON(fv) {
			continue
		}
		e.member(n, f.name)
		n++
		if err := e.value(fv); err != nil {
			return err
		}
	}
	e.closeObject(n)
	return nil
}

func (e *indentEncoder) mapObject(v reflect.Value) error {
	if v.IsNil() {
		e.w.WriteString("null")
		return nil
	}
	if v.Type().Key().Kind() != reflect.String {
		return e.fallback(v)
	}
	keys := v.MapKeys()
	names := make([]string, len(keys))
	order := make([]int, len(keys))
	for i, k := range keys {
		names[i], order[i] = k.String(), i
	}
	sortByName(order, names)
	for n, i := range order {
		var q strings.Builder
		writeJSONString(&q, names[i])
		e.member(n, q.String())
		if err := e.value(v.MapIndex(keys[i])); err != nil {
			return err
		}
	}
	e.closeObject(len(keys))
	return nil
}

// member opens an object on its first member and writes `"name": `.
func (e *indentEncoder) member(n int, quoted string) {
	if n == 0 {
		e.w.WriteByte('{')
		e.depth++
	} else {
		e.w.WriteByte(',')
	}
	e.newline()
	e.w.WriteString(quoted)
	e.w.WriteString(": ")
}

func (e *indentEncoder) closeObject(members int) {
	if members == 0 {
		e.w.WriteString("{}")
		return
	}
	e.depth--
	e.newline()
	e.w.WriteByte('}')
}
