package harmony

import "strconv"

// scalar converts a string or bare token to its value. exact is false
// for anything the json5 library might read differently from this
// walk — hex, signs, Infinity, NaN, odd spellings of numbers, unknown
// words — which decode then leaves to the library; json is false for
// what plain JSON does not allow.
func scalar(tok token) (v any, exact, json bool) {
	if tok.kind == tokString {
		return tok.text, true, true // the walk reads strings' flags itself
	}
	switch tok.text {
	case "true":
		return true, true, true
	case "false":
		return false, true, true
	case "null":
		return nil, true, true
	}
	if !isJSONNumber(tok.text) {
		return nil, false, false
	}
	f, err := strconv.ParseFloat(tok.text, 64)
	return f, err == nil, true
}

// isJSONNumber matches JSON's number grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func isJSONNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		i = digits(s, i)
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		if j := digits(s, i+1); j > i+1 {
			i = j
		} else {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := digits(s, i)
		if j == i {
			return false
		}
		i = j
	}
	return i == len(s)
}

func digits(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// isPlainKey matches the unquoted keys the json5 library reads:
// [A-Za-z_$][A-Za-z0-9_$]*.
func isPlainKey(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}
