package policyfile

import (
	"fmt"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// positions remembers where each part of a policy was written, so a
// problem found on the decoded policy (audit.Problem) gets a line.
type positions struct {
	rows   map[int]int    // row → line
	fields map[string]int // row/platform/field → line
	names  map[string]int // row/platform/name → line
	// inherited rows come first in the merged policy; problems there
	// point at the extends key.
	inherited   int
	extendsLine int
}

func newPositions() *positions {
	return &positions{rows: map[int]int{}, fields: map[string]int{}, names: map[string]int{}}
}

func posKey(row int, pl audit.Platform, s string) string {
	return fmt.Sprintf("%d\x00%s\x00%s", row, pl, s)
}

func (p *positions) field(row int, pl audit.Platform, f string, line int) {
	if _, ok := p.fields[posKey(row, pl, f)]; !ok {
		p.fields[posKey(row, pl, f)] = line
	}
}

func (p *positions) name(row int, pl audit.Platform, n string, line int) {
	if _, ok := p.names[posKey(row, pl, n)]; !ok {
		p.names[posKey(row, pl, n)] = line
	}
}

// line finds the most precise line known for a problem: the name, the
// key, the platform, the row; 0 when only the file is known.
func (p *positions) line(pr audit.Problem) int {
	row := pr.Row
	if row > 0 {
		if row <= p.inherited {
			return p.extendsLine
		}
		row -= p.inherited
	}
	try := []map[string]int{}
	keys := []string{}
	if pr.Name != "" {
		try, keys = append(try, p.names), append(keys, posKey(row, pr.Platform, pr.Name))
	}
	if pr.Field != "" {
		try, keys = append(try, p.fields), append(keys, posKey(row, pr.Platform, pr.Field))
	}
	try, keys = append(try, p.fields), append(keys, posKey(row, pr.Platform, ""))
	for i, m := range try {
		if l, ok := m[keys[i]]; ok {
			return l
		}
	}
	if l, ok := p.rows[row]; ok {
		return l
	}
	return 0
}

// problemMessage drops the row number (the line says where) but keeps
// the platform when the message does not name it.
func problemMessage(pr audit.Problem) string {
	if pr.Platform != "" && !strings.Contains(pr.Message, string(pr.Platform)) {
		return string(pr.Platform) + ": " + pr.Message
	}
	return pr.Message
}
