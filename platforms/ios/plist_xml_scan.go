package ios

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
)

// lineIndex maps key paths to the 1-based line of their <key> (or, for an
// array element, of its start tag). howett.net/plist keeps no positions,
// so we tokenize the XML ourselves.
type lineIndex map[string]int

// keyPath joins path segments; "#<n>" segments are array positions.
func keyPath(parent, seg string) string {
	if parent == "" {
		return seg
	}
	return parent + "\x00" + seg
}

// of returns the line of a path, 0 when unknown (binary plists).
func (li lineIndex) of(path string) int { return li[path] }

type xmlFrame struct {
	name    string
	path    string
	key     string
	keyLine int
	hasKey  bool
	next    int // next array index
}

// scanXMLPlist checks that data is well-formed XML within our depth and
// size limits, and records the line of every dictionary key. A syntax
// error comes back as a *audit.ParseError with its line.
func scanXMLPlist(data []byte) (lineIndex, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	lines := lineIndex{}
	var stack []*xmlFrame
	elements := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := dec.InputPos()
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, parseErr(se.Line, "malformed XML: %s", se.Msg)
			}
			return nil, parseErr(line, "malformed XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			elements++
			if elements > maxPlistValues {
				return nil, parseErr(line, "property list has over %d elements", maxPlistValues)
			}
			if len(stack) >= maxPlistDepth {
				return nil, parseErr(line, "property list nests deeper than %d levels", maxPlistDepth)
			}
			var parent *xmlFrame
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			if parent != nil && parent.name == "dict" && t.Name.Local == "key" {
				var k string
				if err := dec.DecodeElement(&k, &t); err != nil {
					return nil, parseErr(line, "malformed <key>: %v", err)
				}
				parent.key, parent.keyLine, parent.hasKey = k, line, true
				continue
			}
			path := ""
			switch {
			case parent == nil || parent.name == "plist":
			case parent.name == "dict" && parent.hasKey:
				path = keyPath(parent.path, parent.key)
				lines[path] = parent.keyLine
				parent.hasKey = false
			case parent.name == "array":
				path = keyPath(parent.path, "#"+strconv.Itoa(parent.next))
				lines[path] = line
				parent.next++
			}
			stack = append(stack, &xmlFrame{name: t.Name.Local, path: path})
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if elements == 0 {
		return nil, parseErr(0, "not a property list: no XML elements and no bplist header")
	}
	return lines, nil
}
