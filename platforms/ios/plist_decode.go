package ios

import (
	"bytes"
	"errors"
	"fmt"

	"howett.net/plist"

	"github.com/permaudit/permaudit/audit"
)

// Limits for one property list. Real Info.plists are a few KiB and a
// dozen levels deep; these bounds keep a crafted one from costing more.
const (
	maxPlistBytes  = 4 << 20
	maxPlistDepth  = 128
	maxPlistValues = 1 << 18
)

var bplistMagic = []byte("bplist")

// plistDoc is a decoded property list whose root is a dictionary.
type plistDoc struct {
	root   map[string]any
	binary bool
	// lines maps a key path (see keyPath) to its 1-based line; empty for
	// binary plists, which have no lines.
	lines lineIndex
}

// decodePlist decodes an XML or binary property list whose root must be a
// dictionary. Errors are *audit.ParseError without an Entry.
func decodePlist(data []byte) (*plistDoc, error) {
	if len(data) > maxPlistBytes {
		return nil, parseErr(0, "property list is %d bytes, over the %d-byte limit", len(data), maxPlistBytes)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, parseErr(0, "empty file")
	}
	doc := &plistDoc{}
	if bytes.HasPrefix(data, bplistMagic) {
		if err := checkBinaryPlist(data); err != nil {
			return nil, parseErr(0, "malformed binary property list: %v", err)
		}
		doc.binary = true
	} else {
		lines, err := scanXMLPlist(data)
		if err != nil {
			return nil, err
		}
		doc.lines = lines
	}
	root, err := unmarshalPlist(data, doc.binary)
	if err != nil {
		return nil, err
	}
	dict, ok := root.(map[string]any)
	if !ok {
		return nil, parseErr(0, "the root of the property list is %s, not a dictionary", typeName(root))
	}
	doc.root = dict
	return doc, nil
}

// unmarshalPlist runs howett.net/plist, turning any panic it lets through
// (it re-raises runtime errors such as an index out of range) into an error.
func unmarshalPlist(data []byte, binary bool) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, parseErr(0, "malformed property list: %v", r)
		}
	}()
	format, uerr := plist.Unmarshal(data, &v)
	if uerr != nil {
		return nil, parseErr(0, "malformed property list: %v", uerr)
	}
	// The library falls back to OpenStep text; we accept only what iOS
	// tooling writes, and our bounds checks covered only these two.
	if want := map[bool]int{true: plist.BinaryFormat, false: plist.XMLFormat}[binary]; format != want {
		return nil, parseErr(0, "not an XML or binary property list")
	}
	return v, nil
}

func parseErr(line int, format string, args ...any) *audit.ParseError {
	return &audit.ParseError{Line: line, Err: fmt.Errorf(format, args...)}
}

// withEntry sets the archive member on a parse error from this package.
func withEntry(err error, entry string) error {
	var pe *audit.ParseError
	if errors.As(err, &pe) {
		cp := *pe
		cp.Entry = entry
		return &cp
	}
	return &audit.ParseError{Entry: entry, Err: err}
}
