package harmony

import (
	"strings"
	"testing"
)

func TestLineIndex(t *testing.T) {
	data := []byte("a\nb\r\nc\rd")
	li := newLineIndex(data)
	for off, want := range []int{1, 1, 2, 2, 2, 3, 3, 4} {
		if got := li.line(off); got != want {
			t.Errorf("line(%d) = %d, want %d", off, got, want)
		}
	}
}

func TestBlankComments(t *testing.T) {
	tests := []struct{ in, want string }{
		{"{a:1}", "{a:1}"},
		{"{a:1} // x\n", "{a:1}     \n"},
		{"/* a\n * http://x */{}", "    \n" + strings.Repeat(" ", 14) + "{}"},
		{"{a:'/* no */', b:\"// no\"}", "{a:'/* no */', b:\"// no\"}"},
		{"{a:'it\\'s' /*c*/}", "{a:'it\\'s'      }"},
		{"{a/**/:1}", "{a    :1}"},
	}
	for _, tt := range tests {
		if got := string(blankComments([]byte(tt.in))); got != tt.want {
			t.Errorf("blankComments(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUnescape(t *testing.T) {
	tests := []struct{ in, want string }{
		{`plain`, "plain"},
		{`n\u0061me`, "name"},
		{`\'\"\\\/`, `'"\/`},
		{`a\` + "\n" + `b`, "ab"},
		{`\ud83d\ude00`, "\U0001F600"},
		{`\u12`, "u12"},
		{`\n\t`, "\n\t"},
	}
	for _, tt := range tests {
		if got := unescape([]byte(tt.in)); got != tt.want {
			t.Errorf("unescape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScanPositions(t *testing.T) {
	text := "{\n a: [1,\n {b: 2},\n ],\n 'c': {},\n}"
	data := []byte(text)
	s := scanPositions(data, newLineIndex(data))
	root, perr := s.root, s.err
	if perr != nil {
		t.Fatal(perr)
	}
	a, ok := root.n.get("a")
	if !ok || a.keyLine != 2 || len(a.val.n.elems) != 2 || a.val.n.elems[1].line != 3 {
		t.Fatalf("a = %+v", a)
	}
	if b, _ := a.val.n.elems[1].n.get("b"); b.keyLine != 3 {
		t.Errorf("b line = %d", b.keyLine)
	}
	if c, _ := root.n.get("c"); c.keyLine != 5 || c.val.n == nil {
		t.Errorf("c = %+v", c)
	}

	bad := []struct {
		in   string
		line int
		hard bool
	}{
		{"{a: }", 1, false},
		{"{\na: 1\n]", 3, false},
		{"{a: 1}\n{}", 2, false},
		{"[1,\n,]", 2, false},
		{"{\n'a\n", 2, true},
		{"{} /*", 1, true},
		{strings.Repeat("{a:", maxDepth+1), 1, true},
		{"[" + strings.Repeat("[],", 5) + "\n}", 2, false},
	}
	for _, tt := range bad {
		data := []byte(tt.in)
		perr := scanPositions(data, newLineIndex(data)).err
		if perr == nil || perr.line != tt.line || perr.hard != tt.hard {
			t.Errorf("scanPositions(%q) error = %+v, want line %d hard %v", tt.in, perr, tt.line, tt.hard)
		}
	}
}

// Positions are only kept to keepDepth, so deep values cost nothing, but
// the depth count covers everything.
func TestScanPositionsKeepsShallowOnly(t *testing.T) {
	text := strings.Repeat("[", keepDepth+3) + strings.Repeat("]", keepDepth+3)
	data := []byte(text)
	s := scanPositions(data, newLineIndex(data))
	root, perr := s.root, s.err
	if perr != nil {
		t.Fatal(perr)
	}
	depth := 0
	for n := root.n; n != nil && len(n.elems) > 0; n = n.elems[0].n {
		depth++
	}
	if depth != keepDepth {
		t.Errorf("kept %d levels, want %d", depth, keepDepth)
	}
}
