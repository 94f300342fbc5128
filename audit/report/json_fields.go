package report

import (
	"reflect"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fieldsOf lists a struct type's JSON members in declaration order, as
// encoding/json names them: the tag's name or the field's, "-" skipped.
// Embedded structs are not flattened here; a document type that needs
// them would need flattening, so one fails loudly in the tests.
func (e *indentEncoder) fieldsOf(t reflect.Type) []jsonField {
	if fs, ok := e.fields[t]; ok {
		return fs
	}
	var fs []jsonField
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if f.Anonymous {
			panic("report: embedded field " + t.String() + "." + f.Name + " in a JSON document type")
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if !validTagName(name) {
			name = f.Name
		}
		var q strings.Builder
		writeJSONString(&q, name)
		fs = append(fs, jsonField{index: i, name: q.String(), omitEmpty: hasOption(opts, "omitempty")})
	}
	e.fields[t] = fs
	return fs
}

// validTagName is encoding/json's rule for a name a tag may give.
func validTagName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c) && !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			return false
		}
	}
	return true
}

func hasOption(opts, want string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == want {
			return true
		}
	}
	return false
}

// isEmptyJSON is encoding/json's omitempty test.
func isEmptyJSON(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

func sortByName(order []int, names []string) {
	sort.Slice(order, func(a, b int) bool { return names[order[a]] < names[order[b]] })
}

// stringWriter is what writeJSONString needs of its destination.
type stringWriter interface {
	WriteString(string) (int, error)
	WriteByte(byte) error
}

const hexDigits = "0123456789abcdef"

// writeJSONString quotes s exactly as encoding/json does without HTML
// escaping: control characters escaped (short forms where JSON has
// them), invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped for
// JavaScript.
func writeJSONString(w stringWriter, s string) {
	w.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			w.WriteString(s[start:i])
			switch b {
			case '"', '\\':
				w.WriteByte('\\')
				w.WriteByte(b)
			case '\b':
				w.WriteString(`\b`)
			case '\f':
				w.WriteString(`\f`)
			case '\n':
				w.WriteString(`\n`)
			case '\r':
				w.WriteString(`\r`)
			case '\t':
				w.WriteString(`\t`)
			default:
				w.WriteString(`\u00`)
				w.WriteByte(hexDigits[b>>4])
				w.WriteByte(hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			w.WriteString(s[start:i])
			w.WriteString(`\ufffd`)
		case r == '\u2028' || r == '\u2029':
			w.WriteString(s[start:i])
			w.WriteString(`\u202`)
			w.WriteByte(hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	w.WriteString(s[start:])
	w.WriteByte('"')
}
