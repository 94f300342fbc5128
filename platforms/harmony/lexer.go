package harmony

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// token kinds; punctuation is its own byte.
const (
	tokString = 's'
	tokBare   = 'b' // number, literal or unquoted key
	tokEOF    = 0
)

type token struct {
	kind byte
	off  int
	text string // strings: the unescaped value; bare: the raw text
	// Strings only: odd marks text the json5 library might read otherwise
	// (a raw control character, invalid UTF-8, an escape outside JSON's
	// set and \', a surrogate \u); json5 marks single quotes or \'.
	odd, json5 bool
}

// lexer splits JSON5 text into tokens, skipping space and comments.
type lexer struct {
	data []byte
	pos  int
	// onComment, when set, is told the span of each comment skipped.
	onComment func(start, end int)
	comments  int
	// json5Space: a \f or \v was skipped (not JSON space); oddSpace: the
	// same, as the json5 library takes \v nowhere and \f not everywhere.
	json5Space, oddSpace bool
}

func isJSON5Space(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isPunct(c byte) bool {
	return c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ','
}

// next returns the next token, or an error message at an offset for an
// unterminated string or comment.
func (l *lexer) next() (token, int, string) {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		switch {
		case isJSON5Space(c):
			if c == '\f' || c == '\v' {
				l.json5Space, l.oddSpace = true, true
			}
			l.pos++
		case c == '/' && l.pos+1 < len(l.data) && l.data[l.pos+1] == '/':
			start := l.pos
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
			l.comment(start, l.pos)
		case c == '/' && l.pos+1 < len(l.data) && l.data[l.pos+1] == '*':
			start := l.pos
			end := indexFrom(l.data, l.pos+2, "*/")
			if end < 0 {
				return token{}, start, "unterminated /* comment"
			}
			l.pos = end + 2
			l.comment(start, l.pos)
		case isPunct(c):
			l.pos++
			return token{kind: c, off: l.pos - 1}, 0, ""
		case c == '"' || c == '\'':
			return l.str(c)
		default:
			start := l.pos
			for l.pos < len(l.data) {
				b := l.data[l.pos]
				if isJSON5Space(b) || isPunct(b) || b == '"' || b == '\'' || (b == '/' && l.pos > start) {
					break
				}
				l.pos++
			}
			return token{kind: tokBare, off: start, text: string(l.data[start:l.pos])}, 0, ""
		}
	}
	return token{kind: tokEOF, off: len(l.data)}, 0, ""
}

// str reads a string quoted by q; a backslash escapes any one byte,
// which also covers line continuations.
func (l *lexer) str(q byte) (token, int, string) {
	start := l.pos
	l.pos++
	escaped, high := false, false
	tok := token{kind: tokString, off: start, json5: q == '\''}
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		switch {
		case c == '\\':
			escaped = true
			if l.pos+1 < len(l.data) {
				tok.odd, tok.json5 = l.escapeFlags(l.data[l.pos+1:], tok.odd, tok.json5)
			}
			l.pos += 2
			continue
		case c == q:
			raw := l.data[start+1 : l.pos]
			l.pos++
			tok.text = string(raw)
			if escaped {
				tok.text = unescape(raw)
			}
			tok.odd = tok.odd || high && !utf8.Valid(raw)
			return tok, 0, ""
		case c < 0x20:
			tok.odd = true
		case c >= utf8.RuneSelf:
			high = true
		}
		l.pos++
	}
	return token{}, start, "unterminated string"
}

// escapeFlags classifies the escape after a backslash in e: JSON's own
// escapes are plain, \' is JSON5's, a \u surrogate or anything else is odd.
func (l *lexer) escapeFlags(e []byte, odd, json5 bool) (bool, bool) {
	switch e[0] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
	case '\'':
		json5 = true
	case 'u':
		r, n := hexRune(e[1:])
		odd = odd || n == 0 || utf16.IsSurrogate(r)
	default:
		odd = true
	}
	return odd, json5
}

func (l *lexer) comment(start, end int) {
	l.comments++
	if l.onComment != nil {
		l.onComment(start, end)
	}
}

// blankComments returns data with every comment overwritten by spaces,
// line breaks kept, so offsets and lines stay as they were. json5 v1.0.0
// ends a block comment at any '/' that follows a '*' and another byte, so
// the licence header most OpenHarmony files open with ("*     http://")
// breaks it; it never sees a comment this way.
func blankComments(data []byte) []byte {
	var out []byte
	lx := lexer{data: data, onComment: func(start, end int) {
		if out == nil {
			out = append([]byte(nil), data...)
		}
		for i := start; i < end; i++ {
			if out[i] != '\n' && out[i] != '\r' {
				out[i] = ' '
			}
		}
	}}
	for {
		tok, _, msg := lx.next()
		if msg != "" || tok.kind == tokEOF {
			break
		}
	}
	if out == nil {
		return data
	}
	return out
}

func indexFrom(data []byte, from int, sep string) int {
	for i := from; i+len(sep) <= len(data); i++ {
		if string(data[i:i+len(sep)]) == sep {
			return i
		}
	}
	return -1
}

// unescape decodes a JSON5 string body well enough to compare keys.
func unescape(raw []byte) string {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 >= len(raw) {
			out = append(out, c)
			continue
		}
		i++
		switch e := raw[i]; e {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case '\n':
			// line continuation: nothing
		case '\r':
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		case 'u':
			r, n := hexRune(raw[i+1:])
			if n == 0 {
				out = append(out, 'u')
				continue
			}
			i += n
			if utf16.IsSurrogate(r) {
				if i+2 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
					if r2, n2 := hexRune(raw[i+3:]); n2 > 0 {
						if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
							r = pair
							i += 2 + n2
						}
					}
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			out = append(out, e)
		}
	}
	return string(out)
}

func hexRune(b []byte) (rune, int) {
	if len(b) < 4 {
		return 0, 0
	}
	v, err := strconv.ParseUint(string(b[:4]), 16, 32)
	if err != nil {
		return 0, 0
	}
	return rune(v), 4
}
