package harmony

import (
	"fmt"
	"sort"
)

// json5 decoders give values but no positions, so this file walks the same
// text a second time and records where each key and value sits. It also
// bounds nesting before the recursive decoder ever sees the text.

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

// frame is one open object or array during the walk.
type frame struct {
	n     *node // nil below keepDepth
	obj   bool
	state int
	key   string // object: the key whose value comes next
	kline int
}

// walk states
const (
	wantKeyOrEnd   = iota // after '{' or ',' in an object
	wantColon             // after a key
	wantValue             // after ':'
	wantValueOrEnd        // after '[' or ',' in an array
	wantCommaOrEnd        // after a value
)

// scanPositions walks JSON5 text and returns the root's position tree. A
// grammar problem stops the tree where it is found but not the depth
// count; nesting beyond maxDepth and an unterminated string or comment
// are hard errors.
func scanPositions(data []byte, lines lineIndex) (root slot, perr *positionError) {
	lx := lexer{data: data}
	var stack []frame
	done := false // the top-level value is complete
	fail := func(off int, format string, args ...any) {
		if perr == nil {
			perr = &positionError{line: lines.line(off), msg: fmt.Sprintf(format, args...)}
		}
	}
	depth := 0
	for {
		tok, badOff, msg := lx.next()
		if msg != "" {
			// Hard: the decoder is not trusted to find where a comment
			// ends (see blankComments), so an unterminated one stops here.
			if perr == nil {
				perr = &positionError{line: lines.line(badOff), msg: msg}
			}
			perr.hard = true
			return root, perr
		}
		// Depth is counted on every bracket, grammar or not: it is what
		// protects the recursive decoder.
		switch tok.kind {
		case '{', '[':
			depth++
			if depth > maxDepth {
				return root, &positionError{line: lines.line(tok.off), msg: fmt.Sprintf("nesting deeper than %d levels", maxDepth), hard: true}
			}
		case '}', ']':
			if depth > 0 {
				depth--
			}
		}
		if perr != nil {
			if tok.kind == tokEOF {
				return root, perr
			}
			continue
		}
		if tok.kind == tokEOF {
			if !done {
				fail(tok.off, "unexpected end of input")
			}
			return root, perr
		}
		if done {
			fail(tok.off, "unexpected %s after the top-level value", describeToken(tok))
			continue
		}
		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		line := lines.line(tok.off)
		// Keys, colons and commas move the state; values and closers
		// fall through to the shared handling below.
		if top != nil {
			switch top.state {
			case wantKeyOrEnd:
				switch tok.kind {
				case tokString, tokBare:
					top.key, top.kline, top.state = tok.text, line, wantColon
					continue
				case '}':
				default:
					fail(tok.off, "unexpected %s where an object key belongs", describeToken(tok))
					continue
				}
			case wantColon:
				if tok.kind != ':' {
					fail(tok.off, "unexpected %s after object key", describeToken(tok))
					continue
				}
				top.state = wantValue
				continue
			case wantCommaOrEnd:
				switch {
				case tok.kind == ',' && top.obj:
					top.state = wantKeyOrEnd
					continue
				case tok.kind == ',':
					top.state = wantValueOrEnd
					continue
				case tok.kind == '}' && top.obj, tok.kind == ']' && !top.obj:
				default:
					fail(tok.off, "unexpected %s after a value", describeToken(tok))
					continue
				}
			case wantValue:
				if tok.kind == '}' || tok.kind == ']' {
					fail(tok.off, "unexpected %s where a value belongs", describeToken(tok))
					continue
				}
			}
		}
		switch tok.kind {
		case '}', ']':
			if top == nil || top.obj != (tok.kind == '}') {
				fail(tok.off, "unexpected %s", describeToken(tok))
				continue
			}
			stack = stack[:len(stack)-1]
			done = len(stack) == 0
			continue
		case ':', ',':
			fail(tok.off, "unexpected %s where a value belongs", describeToken(tok))
			continue
		}
		// A value: attach it to its parent, open it if it is a container.
		val := slot{line: line}
		keep := len(stack) < keepDepth
		if (tok.kind == '{' || tok.kind == '[') && keep {
			val.n = &node{line: line}
		}
		switch {
		case top == nil:
			root = val
		case top.obj:
			if top.n != nil {
				top.n.members = append(top.n.members, member{key: top.key, keyLine: top.kline, val: val})
			}
			top.state = wantCommaOrEnd
		default:
			if top.n != nil {
				top.n.elems = append(top.n.elems, val)
			}
			top.state = wantCommaOrEnd
		}
		switch tok.kind {
		case '{':
			stack = append(stack, frame{n: val.n, obj: true, state: wantKeyOrEnd})
		case '[':
			stack = append(stack, frame{n: val.n, state: wantValueOrEnd})
		default:
			done = top == nil
		}
	}
}

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
