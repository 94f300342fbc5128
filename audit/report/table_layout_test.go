package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// TestTableFitsWidth: every line of the table report fits the width it is
// given, long cells wrap instead of being cut, and colour appears only
// when asked for.
func TestTableFitsWidth(t *testing.T) {
	r := handResult(t)
	f, _ := Lookup("table")
	for _, width := range []int{60, 80, 120} {
		for _, color := range []bool{false, true} {
			var b strings.Builder
			if err := WriterFor(f, Options{Width: width, Color: color}).Write(&b, r); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			// Tables, policy lines, artifact headings and the removed list
			// all fit; only the closing summary line may run on.
			for _, line := range strings.Split(out, "\n") {
				if !strings.Contains(line, " artifact(s): ") && twwidth.Width(line) > width {
					t.Errorf("width %d: line is %d wide: %s", width, twwidth.Width(line), line)
				}
			}
			if strings.Contains(out, "\x1b[") != color {
				t.Errorf("width %d colour %v: ANSI escapes present %v", width, color, !color)
			}
		}
	}
}

func TestFitColumns(t *testing.T) {
	tests := []struct {
		natural, words, floor []int
		avail                 int
		want                  []int
	}{
		{[]int{5, 10}, []int{5, 10}, []int{1, 1}, 40, []int{5, 10}},                 // fits: natural widths
		{[]int{8, 16, 100}, []int{8, 16, 40}, []int{1, 1, 1}, 60, []int{8, 16, 36}}, // the long column gives way
		{[]int{8, 40, 100}, []int{8, 30, 30}, []int{1, 1, 1}, 60, []int{8, 23, 29}}, // long ones share by what they want
		{[]int{10, 10, 10}, []int{10, 10, 10}, []int{1, 1, 1}, 12, []int{6, 6, 6}},  // too narrow: minColumn each
		{[]int{10, 30}, []int{10, 30}, []int{10, 5}, 20, []int{10, 10}},             // a header's width is kept
	}
	for _, tt := range tests {
		got := fitColumns(tt.natural, tt.words, tt.floor, tt.avail)
		if sum(got) > max(tt.avail, minColumn*len(got)) {
			t.Errorf("fitColumns(%v, %v, %d) = %v: wider than allowed", tt.natural, tt.words, tt.avail, got)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("fitColumns(%v, %v, %d) = %v, want %v", tt.natural, tt.words, tt.avail, got, tt.want)
		}
	}
}

func TestWrapText(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  []string
	}{
		{"short", 10, []string{"short"}},
		{"two words here", 9, []string{"two words", "here"}},
		{"android.permission.ACCESS_FINE_LOCATION", 15, []string{"android.", "permission.", "ACCESS_FINE_", "LOCATION"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"中文中文中文", 4, []string{"中文", "中文", "中文"}},
	}
	for _, tt := range tests {
		got := wrapText(tt.in, tt.width)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrapText(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
		if strings.Join(got, "") != strings.ReplaceAll(tt.in, " ", "") && strings.Join(got, " ") != tt.in {
			t.Errorf("wrapText(%q) lost text: %q", tt.in, got)
		}
	}
}
