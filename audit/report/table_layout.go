package report

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/tw"
)

// grid is a terminal table laid out to a width: each column gets what its
// longest cell needs while the table fits, and the widest columns give up
// space first, their cells wrapping at spaces, then after a separator
// (. / _ -) in a long name, then anywhere. tablewriter only draws it.
type grid struct {
	header []string
	rows   [][]string
	// paint colours one line of a cell; nil leaves it plain.
	paint func(col int, line string) string
}

// cellFrame is what a column costs besides its text: "│ " and " ".
const cellFrame = 3

// minColumn is the narrowest a column shrinks to.
const minColumn = 6

func (g grid) render(w io.Writer, width int) error {
	natural, words := g.measure()
	// A header never wraps (tablewriter would widen its column instead).
	floor := make([]int, len(g.header))
	for i, h := range g.header {
		floor[i] = twwidth.Width(h)
	}
	widths := fitColumns(natural, words, floor, width-1-cellFrame*len(g.header))
	t := tablewriter.NewTable(w, tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone), tablewriter.WithHeaderAutoFormat(tw.On))
	t.Header(g.laidOut(g.header, widths, false))
	for _, row := range g.rows {
		if err := t.Append(g.laidOut(row, widths, true)); err != nil {
			return err
		}
	}
	return t.Render()
}

// fitsWholeWords tells whether the table fits width with no word broken
// (headers whole, every column at least its longest word).
func (g grid) fitsWholeWords(width int) bool {
	_, words := g.measure()
	need := 1 + cellFrame*len(g.header)
	for i, h := range g.header {
		need += max(words[i], twwidth.Width(h), minColumn)
	}
	return need <= width
}

// measure returns each column's longest line and longest word.
func (g grid) measure() (lines, words []int) {
	lines, words = make([]int, len(g.header)), make([]int, len(g.header))
	for _, row := range append([][]string{g.header}, g.rows...) {
		for i, c := range row {
			for _, line := range strings.Split(c, "\n") {
				lines[i] = max(lines[i], twwidth.Width(line))
			}
			for _, word := range strings.Fields(c) {
				words[i] = max(words[i], twwidth.Width(word))
			}
		}
	}
	return lines, words
}

func (g grid) laidOut(cells []string, widths []int, paint bool) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		lines := wrapText(c, widths[i])
		if paint && g.paint != nil {
			for j, l := range lines {
				lines[j] = g.paint(i, l)
			}
		}
		out[i] = strings.Join(lines, "\n")
	}
	return out
}

// fitColumns shares avail columns of text as a browser lays out an
// automatic table: each column gets at least its longest word, a short
// column all of its text (up to an equal share, so one long name cannot
// claim the table), and what is left is shared in
// proportion to how much more each column's longest line wants. When even
// the words do not fit, the widest columns shrink first.
func fitColumns(natural, words, floor []int, avail int) []int {
	widths := make([]int, len(natural))
	wordCap := max(minColumn, avail/max(1, len(natural)))
	for i := range natural {
		widths[i] = max(floor[i], min(words[i], wordCap))
		if natural[i] <= wordCap {
			widths[i] = max(floor[i], natural[i]) // a short column stays whole
		}
	}
	spare, want := avail-sum(widths), 0
	for i := range natural {
		want += natural[i] - widths[i]
	}
	if spare >= want {
		return append(widths[:0], natural...)
	}
	if spare > 0 {
		given := 0
		for i := range natural {
			extra := (natural[i] - widths[i]) * spare / want
			widths[i] += extra
			given += extra
		}
		for i := 0; given < spare; i = (i + 1) % len(widths) { // rounding leftovers
			if widths[i] < natural[i] {
				widths[i]++
				given++
			}
		}
		return widths
	}
	for sum(widths) > avail {
		widest := -1
		for i, w := range widths {
			if w > max(minColumn, floor[i]) && (widest < 0 || w > widths[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break // a terminal this narrow gets a wider table than it has
		}
		widths[widest]--
	}
	return widths
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// wrapText breaks s into lines of at most width display columns.
func wrapText(s string, width int) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			switch {
			case line == "":
			case twwidth.Width(line)+1+twwidth.Width(word) <= width:
				line += " " + word
				continue
			default:
				out = append(out, line)
			}
			pieces := breakWord(word, width)
			out = append(out, pieces[:len(pieces)-1]...)
			line = pieces[len(pieces)-1]
		}
		out = append(out, line)
	}
	return out
}

// breakWord splits a word wider than width, preferring to end a piece
// just after a separator so a permission or a path stays legible.
func breakWord(word string, width int) []string {
	var out []string
	for twwidth.Width(word) > width {
		cut, used, lastSep := 0, 0, 0
		for i, r := range word {
			rw := twwidth.Width(string(r))
			if used+rw > width {
				break
			}
			used += rw
			cut = i + len(string(r))
			if strings.ContainsRune("./_-:", r) {
				lastSep = cut
			}
		}
		if lastSep > 0 && lastSep >= cut/3 {
			cut = lastSep
		}
		if cut == 0 { // one rune wider than the column
			_, cut = utf8.DecodeRuneInString(word)
		}
		out = append(out, word[:cut])
		word = word[cut:]
	}
	return append(out, word)
}
