package harmony

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/permaudit/permaudit/audit"
	"github.com/titanous/json5"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// document is a decoded JSON5 text with the positions of its values.
type document struct {
	root field
	// strict is true when the text is plain JSON, as compiled module.json
	// is; source module.json5 usually is not.
	strict bool
}

// decode parses JSON5 (plain JSON included) into generic values and a
// position tree. The top level must be an object. Ordinary text takes
// one walk (scanPositions yields values and positions); text the walk
// does not vouch for — a syntax error, hex or Infinity, an unusual
// escape — goes to the json5 library as before, so its verdicts and
// messages stay the library's.
func decode(data []byte) (document, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		return document{}, &audit.ParseError{Err: errors.New("file is empty")}
	}
	lines := newLineIndex(data)
	s := scanPositions(data, lines)
	pos, perr := s.root, s.err
	if perr != nil && perr.hard {
		return document{}, &audit.ParseError{Line: perr.line, Err: fmt.Errorf("invalid JSON5: %s", perr.msg)}
	}
	if s.exact {
		return newDocument(s.value, pos, s.json)
	}
	return decodeWithLibrary(data, lines, pos, perr)
}

// decodeWithLibrary decodes text the walk did not vouch for; pos and perr
// are the walk's (possibly partial) positions and first problem.
func decodeWithLibrary(data []byte, lines lineIndex, pos slot, perr *positionError) (document, error) {
	v, err := unmarshalJSON5(blankComments(data))
	if err != nil {
		line := 0
		var syn *json5.SyntaxError
		switch {
		case errors.As(err, &syn):
			line = lines.line(int(max(syn.Offset-1, 0)))
		case perr != nil:
			line = perr.line
		}
		return document{}, &audit.ParseError{Line: line, Err: fmt.Errorf("invalid JSON5: %v", err)}
	}
	return newDocument(v, pos, json.Valid(data))
}

func newDocument(v any, pos slot, strict bool) (document, error) {
	if _, ok := v.(map[string]any); !ok {
		return document{}, &audit.ParseError{Line: pos.line, Err: fmt.Errorf("top level is %s, want an object", kindOf(v))}
	}
	return document{root: field{v: v, pos: pos, line: pos.line}, strict: strict}, nil
}

// unmarshalJSON5 decodes into generic values. The library re-panics on
// runtime errors; no input may crash a scan, so that becomes an error.
func unmarshalJSON5(data []byte) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, fmt.Errorf("decoder failed: %v", r)
		}
	}()
	err = json5.Unmarshal(data, &v)
	return v, err
}

// withEntry names the archive member in a parse error that lacks one.
func withEntry(err error, entry string) error {
	var pe *audit.ParseError
	if errors.As(err, &pe) && pe.Entry == "" {
		cp := *pe
		cp.Entry = entry
		return &cp
	}
	if err != nil && !errors.As(err, &pe) {
		return &audit.ParseError{Entry: entry, Err: err}
	}
	return err
}
