package harmony

import "fmt"

// scan is what one walk over a JSON5 text yields.
type scan struct {
	root slot
	err  *positionError
	// value is the decoded text. It is set only when exact: the text is
	// ordinary (see scalar), so value is what the json5 library would
	// decode, and decode needs no second pass.
	value any
	exact bool
	// json is true when the text is also plain JSON (meaningful when exact).
	json bool
}

// frame is one open object or array during the walk.
type frame struct {
	n     *node // nil below keepDepth
	obj   bool
	state int
	key   string // object: the key whose value comes next
	kline int
	comma bool // a ',' came last: a closer now ends on a trailing comma
	m     map[string]any
	a     []any
}

// walk states
const (
	wantKeyOrEnd   = iota // after '{' or ',' in an object
	wantColon             // after a key
	wantValue             // after ':'
	wantValueOrEnd        // after '[' or ',' in an array
	wantCommaOrEnd        // after a value
)

// scanPositions walks JSON5 text once and returns the root's position
// tree and, for ordinary text, its value. A grammar problem stops the tree
// where it is found but not the depth count; nesting beyond maxDepth and
// an unterminated string or comment are hard errors.
func scanPositions(data []byte, lines lineIndex) (s scan) {
	lx := lexer{data: data}
	var stack []frame
	done := false // the top-level value is complete
	s.exact, s.json = true, true
	fail := func(off int, format string, args ...any) {
		if s.err == nil {
			s.err = &positionError{line: lines.line(off), msg: fmt.Sprintf(format, args...)}
		}
	}
	// complete hands a finished value to its parent.
	complete := func(v any) {
		switch {
		case !s.exact:
		case len(stack) == 0:
			s.value = v
		case stack[len(stack)-1].obj:
			top := &stack[len(stack)-1]
			top.m[top.key] = v
		default:
			top := &stack[len(stack)-1]
			top.a = append(top.a, v)
		}
	}
	// Tokens come in text order, so their lines are found by moving a
	// cursor over the line starts rather than by a search per token.
	cursor := 0
	lineAt := func(off int) int {
		for cursor < len(lines) && lines[cursor] <= off {
			cursor++
		}
		return cursor + 1
	}
	depth := 0
	for {
		tok, badOff, msg := lx.next()
		if msg != "" {
			// Hard: the decoder is not trusted to find where a comment
			// ends (see blankComments), so an unterminated one stops here.
			if s.err == nil {
				s.err = &positionError{line: lines.line(badOff), msg: msg}
			}
			s.err.hard, s.exact = true, false
			return s
		}
		// Depth is counted on every bracket, grammar or not: it is what
		// protects the recursive decoder.
		switch tok.kind {
		case '{', '[':
			depth++
			if depth > maxDepth {
				s.err = &positionError{line: lines.line(tok.off), msg: fmt.Sprintf("nesting deeper than %d levels", maxDepth), hard: true}
				s.exact = false
				return s
			}
		case '}', ']':
			if depth > 0 {
				depth--
			}
		}
		if s.err != nil {
			if tok.kind == tokEOF {
				s.exact = false
				return s
			}
			continue
		}
		if tok.kind == tokEOF {
			if !done {
				fail(tok.off, "unexpected end of input")
			}
			s.exact = s.exact && s.err == nil && !lx.oddSpace
			s.json = s.json && lx.comments == 0 && !lx.json5Space
			return s
		}
		if done {
			fail(tok.off, "unexpected %s after the top-level value", describeToken(tok))
			continue
		}
		if tok.kind == tokString {
			s.exact = s.exact && !tok.odd
			s.json = s.json && !tok.json5
		}
		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		line := lineAt(tok.off)
		// Keys, colons and commas move the state; values and closers
		// fall through to the shared handling below.
		if top != nil {
			switch top.state {
			case wantKeyOrEnd:
				switch tok.kind {
				case tokString, tokBare:
					if tok.kind == tokBare {
						s.exact = s.exact && isPlainKey(tok.text)
						s.json = false
					}
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
					top.state, top.comma = wantKeyOrEnd, true
					continue
				case tok.kind == ',':
					top.state, top.comma = wantValueOrEnd, true
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
			if top.comma && top.state != wantCommaOrEnd {
				s.json = false // a trailing comma
			}
			var v any = top.a
			if top.obj {
				v = top.m
			} else if top.a == nil {
				v = []any{}
			}
			stack = stack[:len(stack)-1]
			done = len(stack) == 0
			complete(v)
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
			s.root = val
		case top.obj:
			if top.n != nil {
				top.n.members = append(top.n.members, member{key: top.key, keyLine: top.kline, val: val})
			}
			top.state, top.comma = wantCommaOrEnd, false
		default:
			if top.n != nil {
				top.n.elems = append(top.n.elems, val)
			}
			top.state, top.comma = wantCommaOrEnd, false
		}
		switch tok.kind {
		case '{':
			stack = append(stack, frame{n: val.n, obj: true, state: wantKeyOrEnd, m: map[string]any{}})
		case '[':
			stack = append(stack, frame{n: val.n, state: wantValueOrEnd})
		default:
			v, exact, json := scalar(tok)
			s.exact = s.exact && exact
			s.json = s.json && json
			complete(v)
			done = top == nil
		}
	}
}
