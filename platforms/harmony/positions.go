package harmony

import (
	"bytes"
	"fmt"
	"sort"
)

// json5 decoders give values but no positions, so scanPositions (scan.go)
// walks the text once and records where each key and value sits — and,
// for ordinary text, the values themselves. It also bounds nesting before
// the recursive decoder ever sees the text.

// maxDepth bounds nesting: real module.json5 files nest about 8 deep, and
// the json5 decoder recurses once per level.
const maxDepth = 256

// keepDepth is how deep positions are kept; the parsers look no deeper,
// and a wide array further down costs no memory.
const keepDepth = 8

// node is where one object or array sits in the text.
type node struct {
	line    int
	members []member // objects, in text order
	elems   []slot   // arrays, in text order
}

// member is one object key with its value.
type member struct {
	key     string
	keyLine int
	val     slot
}

// slot is one value: its line, and its node when it is a kept container.
type slot struct {
	line int
	n    *node
}

// get returns the last member named key, as decoders keep the last of
// duplicate keys. It is nil-safe so lookups can chain.
func (n *node) get(key string) (member, bool) {
	if n == nil {
		return member{}, false
	}
	for i := len(n.members) - 1; i >= 0; i-- {
		if n.members[i].key == key {
			return n.members[i], true
		}
	}
	return member{}, false
}

// elem returns the i-th array element.
func (n *node) elem(i int) slot {
	if n == nil || i < 0 || i >= len(n.elems) {
		return slot{}
	}
	return n.elems[i]
}

// lineIndex turns byte offsets into 1-based lines. A line ends at "\n",
// "\r\n" or a lone "\r", as JSON5 counts line terminators.
type lineIndex []int // offsets where lines 2, 3, … start

func newLineIndex(data []byte) lineIndex {
	var starts lineIndex
	if bytes.IndexByte(data, '\r') < 0 {
		for i := 0; ; i++ {
			n := bytes.IndexByte(data[i:], '\n')
			if n < 0 {
				return starts
			}
			i += n
			starts = append(starts, i+1)
		}
	}
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return starts
}

func (li lineIndex) line(off int) int {
	return sort.SearchInts(li, off+1) + 1
}

// positionError is a problem the walk found, with its line.
type positionError struct {
	line int
	msg  string
	hard bool // nesting too deep: the text must not reach the decoder
}

func (e *positionError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

func describeToken(t token) string {
	switch t.kind {
	case tokEOF:
		return "end of input"
	case tokString:
		return "string"
	case tokBare:
		if len(t.text) > 20 {
			return fmt.Sprintf("%q", t.text[:20]+"…")
		}
		return fmt.Sprintf("%q", t.text)
	}
	return fmt.Sprintf("'%c'", t.kind)
}
