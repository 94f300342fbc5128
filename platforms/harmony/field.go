package harmony

import (
	"fmt"
	"math"
	"strconv"

	"github.com/permaudit/permaudit/audit"
)

// field is one decoded value with its dotted path and line, so that a
// value of the wrong type becomes an error naming the key and its line.
// A null value counts as absent, as it does for the HarmonyOS tools.
type field struct {
	v    any
	pos  slot
	path string
	line int // line of the key, or of the element in an array
}

// get returns the member named key of an object field; absent when the
// field is not an object or has no such key.
func (f field) get(key string) field {
	path := key
	if f.path != "" {
		path = f.path + "." + key
	}
	out := field{path: path, line: f.line}
	m, _ := f.v.(map[string]any)
	out.v = m[key]
	if mem, ok := f.pos.n.get(key); ok {
		out.pos = mem.val
		if mem.keyLine > 0 {
			out.line = mem.keyLine
		}
	}
	return out
}

func (f field) present() bool { return f.v != nil }

func (f field) typeError(want string) error {
	return &audit.ParseError{Line: f.line, Err: fmt.Errorf("%s is %s, want %s", f.path, kindOf(f.v), want)}
}

// object checks that a present field is an object.
func (f field) object() (field, bool, error) {
	if !f.present() {
		return f, false, nil
	}
	if _, ok := f.v.(map[string]any); !ok {
		return f, false, f.typeError("an object")
	}
	return f, true, nil
}

// str returns a present field's string.
func (f field) str() (string, bool, error) {
	if !f.present() {
		return "", false, nil
	}
	s, ok := f.v.(string)
	if !ok {
		return "", false, f.typeError("a string")
	}
	return s, true, nil
}

// array returns a present field's elements as fields.
func (f field) array() ([]field, error) {
	if !f.present() {
		return nil, nil
	}
	list, ok := f.v.([]any)
	if !ok {
		return nil, f.typeError("an array")
	}
	out := make([]field, len(list))
	for i, v := range list {
		el := f.pos.n.elem(i)
		line := el.line
		if line == 0 {
			line = f.line
		}
		out[i] = field{v: v, pos: el, path: f.path + "[" + strconv.Itoa(i) + "]", line: line}
	}
	return out, nil
}

// strings returns a present field's array of strings.
func (f field) strings() ([]string, error) {
	elems, err := f.array()
	if err != nil || elems == nil {
		return nil, err
	}
	out := make([]string, 0, len(elems))
	for _, el := range elems {
		s, ok := el.v.(string)
		if !ok {
			return nil, el.typeError("a string")
		}
		out = append(out, s)
	}
	return out, nil
}

// level returns an API level or version as text. Levels are numbers in
// the tools' output but strings are accepted as written.
func (f field) level() (string, error) {
	switch v := f.v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case float64:
		return formatNumber(v), nil
	}
	return "", f.typeError("a number")
}

// scalar renders a string, number or boolean for a Fact.
func (f field) scalar() (string, bool) {
	switch v := f.v.(type) {
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case float64:
		return formatNumber(v), true
	}
	return "", false
}

func formatNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// kindOf names a decoded value's JSON type for messages.
func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
