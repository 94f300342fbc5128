package ios

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"

	"howett.net/plist"
)

// typeName names a decoded plist value the way the XML spells it.
func typeName(v any) string {
	switch v.(type) {
	case map[string]any:
		return "a <dict>"
	case []any:
		return "an <array>"
	case string:
		return "a <string>"
	case bool:
		return "a boolean"
	case uint64, int64:
		return "an <integer>"
	case float64:
		return "a <real>"
	case time.Time:
		return "a <date>"
	case []byte:
		return "<data>"
	case plist.UID:
		return "a UID"
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("a %T", v)
}

// scalarString renders a non-container value as a fact value.
func scalarString(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case bool:
		return strconv.FormatBool(x), true
	case uint64:
		return strconv.FormatUint(x, 10), true
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Sprint(x), true
		}
		return strconv.FormatFloat(x, 'g', -1, 64), true
	case time.Time:
		return x.UTC().Format(time.RFC3339), true
	case []byte:
		return fmt.Sprintf("<%d bytes of data>", len(x)), true
	case plist.UID:
		return strconv.FormatUint(uint64(x), 10), true
	}
	return "", false
}

// sortedKeys returns a dictionary's keys in byte order, so nothing that
// leaves this package depends on map iteration.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// flatValue is one scalar found under a key path.
type flatValue struct {
	key   string // dotted, for the fact
	path  string // keyPath, for the line
	value string
}

// flatten walks a value: a dictionary adds ".<key>" to the dotted name, an
// array repeats its name for every element.
func flatten(dotted, path string, v any, out []flatValue) []flatValue {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(x) {
			out = flatten(dotted+"."+k, keyPath(path, k), x[k], out)
		}
	case []any:
		for i, e := range x {
			out = flatten(dotted, keyPath(path, "#"+strconv.Itoa(i)), e, out)
		}
	default:
		s, _ := scalarString(v)
		out = append(out, flatValue{key: dotted, path: path, value: s})
	}
	return out
}

// stringList returns the strings of an array value, and whether the value
// was an array of strings only.
func stringList(v any) ([]string, bool) {
	arr, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(arr))
	allStrings := true
	for _, e := range arr {
		if s, ok := e.(string); ok {
			out = append(out, s)
		} else {
			allStrings = false
		}
	}
	return out, allStrings
}
