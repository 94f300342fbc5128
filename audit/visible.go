package audit

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Visible escapes what a terminal or a Markdown renderer would act on
// instead of show: C0 and C1 control characters (ESC starts a terminal
// escape sequence, BEL rings, CR and LF can forge a line of their own),
// DEL, the Unicode bidi overrides that reorder what is shown ("Trojan
// Source", CVE-2021-42574), and bytes that are not UTF-8. Each becomes a
// visible \xNN or \uNNNN. Every string read from an input goes through it
// before it reaches the table, Markdown, the HTML report's text or
// stderr; CSV, JSON and SARIF escape by their own rules.
func Visible(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case (r >= 0x80 && r <= 0x9f) || bidiControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || bidiControl(r) || (r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD")) {
			return true
		}
	}
	return false
}

// bidiControl: U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069.
func bidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}
