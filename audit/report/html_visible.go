package report

import (
	"io"
	"unicode/utf8"

	"github.com/permaudit/permaudit/audit"
)

// visibleWriter makes the control characters an input carries visible
// in an HTML report: html/template escapes markup, not C0/C1 controls or
// bidi overrides, which HTML forbids or a browser obeys (a name can
// reorder what an auditor reads). The template's own text holds only
// tabs and line breaks, which pass. html/template writes each piece of
// text whole, so a character is never split across two writes.
type visibleWriter struct{ w io.Writer }

func (v visibleWriter) Write(p []byte) (int, error) {
	start := 0
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		if r == '\t' || r == '\n' || r == '\r' || r == utf8.RuneError || audit.Visible(string(r)) == string(r) {
			i += size
			continue
		}
		if _, err := v.w.Write(p[start:i]); err != nil {
			return start, err
		}
		if _, err := io.WriteString(v.w, audit.Visible(string(r))); err != nil {
			return i, err
		}
		i += size
		start = i
	}
	if _, err := v.w.Write(p[start:]); err != nil {
		return start, err
	}
	return len(p), nil
}
