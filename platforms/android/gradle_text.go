package android

import "strings"

// Gradle build scripts are read as text, never run: a script is split
// into statements, and a statement that opens a block ("android {",
// "getByName("release") {") carries that block's statements. That is
// enough for the declarative parts permaudit needs (plugins, android,
// dependencies, ext) in both the Groovy and the Kotlin DSL.

// stmt is one statement of a script: its text before any block, the
// block's statements when it opens one, and the 1-based line it starts on.
type stmt struct {
	Head  string
	Block []stmt
	Open  bool // the statement opens a block (Block may still be empty)
	Line  int
}

// maxScriptDepth bounds nesting so a hostile script of a million "{"
// cannot exhaust memory through the tree.
const maxScriptDepth = 64

// parseScript splits a whole script into statements.
func parseScript(src string) []stmt {
	s := scanner{src: blankGradleComments(src), line: 1}
	return s.statements(0)
}

type scanner struct {
	src  string
	pos  int
	line int
}

// statements reads until the closing brace of the current block (or the
// end of the text) and returns the statements found.
func (s *scanner) statements(depth int) []stmt {
	var out []stmt
	var head strings.Builder
	line := 0
	paren := 0
	flush := func() {
		if h := strings.TrimSpace(head.String()); h != "" {
			out = append(out, stmt{Head: h, Line: line})
		}
		head.Reset()
		line = 0
	}
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '"' || c == '\'':
			str := s.quoted()
			if line == 0 {
				line = s.line
			}
			head.WriteString(str)
			continue
		case c == '\n':
			s.line++
			if paren == 0 {
				flush()
			} else {
				head.WriteByte(' ')
			}
		case c == ';' && paren == 0:
			flush()
		case c == '(' || c == '[':
			paren++
			head.WriteByte(c)
		case c == ')' || c == ']':
			paren = max(paren-1, 0)
			head.WriteByte(c)
		case c == '{':
			s.pos++
			if line == 0 {
				line = s.line
			}
			st := stmt{Head: strings.TrimSpace(head.String()), Open: true, Line: line}
			if depth < maxScriptDepth {
				st.Block = s.statements(depth + 1)
			} else {
				s.skipBlock() // deeper than any real script: consume, keep nothing
			}
			out = append(out, st)
			head.Reset()
			line, paren = 0, 0
			continue
		case c == '}':
			s.pos++
			flush()
			return out
		default:
			if line == 0 && c != ' ' && c != '\t' && c != '\r' {
				line = s.line
			}
			head.WriteByte(c)
		}
		s.pos++
	}
	flush()
	return out
}

// skipBlock consumes up to the brace closing an open block, without
// recursion, so no nesting depth can exhaust the stack.
func (s *scanner) skipBlock() {
	for open := 1; s.pos < len(s.src) && open > 0; {
		switch c := s.src[s.pos]; c {
		case '"', '\'':
			s.quoted()
			continue
		case '{':
			open++
		case '}':
			open--
		case '\n':
			s.line++
		}
		s.pos++
	}
}

// quoted consumes a string literal (', ", ”' or """) and returns it as written.
func (s *scanner) quoted() string {
	q := s.src[s.pos]
	delim := string(q)
	if strings.HasPrefix(s.src[s.pos:], strings.Repeat(delim, 3)) {
		delim = strings.Repeat(delim, 3)
	}
	start := s.pos
	s.pos += len(delim)
	for s.pos < len(s.src) {
		if s.src[s.pos] == '\\' {
			s.pos += 2
			continue
		}
		if s.src[s.pos] == '\n' {
			if len(delim) == 1 {
				break // an unterminated one-line string ends at the line
			}
			s.line++
		}
		if strings.HasPrefix(s.src[s.pos:], delim) {
			s.pos += len(delim)
			return s.src[start:s.pos]
		}
		s.pos++
	}
	return s.src[start:min(s.pos, len(s.src))]
}

// blankGradleComments replaces // and /* */ comments with spaces, keeping
// newlines so lines still count, and leaving string literals alone.
func blankGradleComments(src string) string {
	b := []byte(src)
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '"' || b[i] == '\'':
			q := b[i]
			for i++; i < len(b) && b[i] != q && b[i] != '\n'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '/':
			for ; i < len(b) && b[i] != '\n'; i++ {
				b[i] = ' '
			}
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '*':
			for ; i < len(b) && !(b[i] == '*' && i+1 < len(b) && b[i+1] == '/'); i++ {
				if b[i] != '\n' {
					b[i] = ' '
				}
			}
			if i+1 < len(b) {
				b[i], b[i+1] = ' ', ' '
				i++
			}
		}
	}
	return string(b)
}

// blockName is the name a block statement is known by: "android" for
// "android {", "release" for `getByName("release") {`, `create("staging")`,
// `named("x")` or `register("x")`.
func blockName(head string) string {
	for _, call := range []string{"getByName(", "create(", "named(", "register(", "maybeCreate("} {
		if strings.HasPrefix(head, call) {
			return unquote(strings.TrimSuffix(strings.TrimPrefix(head, call), ")"))
		}
	}
	return strings.TrimSpace(head)
}

// blocks returns the block statements called name, in order.
func blocks(list []stmt, name string) []stmt {
	var out []stmt
	for _, s := range list {
		if s.Open && blockName(s.Head) == name {
			out = append(out, s)
		}
	}
	return out
}

// within follows nested blocks: within(list, "android", "defaultConfig").
func within(list []stmt, names ...string) []stmt {
	for _, n := range names {
		var next []stmt
		for _, b := range blocks(list, n) {
			next = append(next, b.Block...)
		}
		list = next
	}
	return list
}

// setting finds the last "key value", "key = value" or "key(value)"
// statement for one of keys and returns the value expression.
func setting(list []stmt, keys ...string) (expr string, line int, ok bool) {
	for _, s := range list {
		if s.Open {
			continue
		}
		for _, k := range keys {
			if v, found := valueOf(s.Head, k); found {
				expr, line, ok = v, s.Line, true
			}
		}
	}
	return expr, line, ok
}

// valueOf matches one assignment-like statement against key.
func valueOf(head, key string) (string, bool) {
	rest, found := strings.CutPrefix(head, key)
	if !found || rest == "" {
		return "", false
	}
	switch rest[0] {
	case ' ', '\t', '=', '(':
	default:
		return "", false
	}
	rest = strings.TrimSpace(rest)
	if strings.HasPrefix(rest, "=") {
		return strings.TrimSpace(rest[1:]), true
	}
	if strings.HasPrefix(rest, "(") && strings.HasSuffix(rest, ")") {
		return strings.TrimSpace(rest[1 : len(rest)-1]), true
	}
	return rest, true
}

// unquote strips one pair of matching quotes.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}
