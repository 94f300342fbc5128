package audit

import "fmt"

// ParseError is an input that could not be read, with where it broke.
// The caller adds the path; Entry names the archive member, Line the line.
type ParseError struct {
	Entry string
	Line  int
	Err   error
}

func (e *ParseError) Error() string {
	s := ""
	if e.Entry != "" {
		s += e.Entry + ": "
	}
	if e.Line > 0 {
		s += fmt.Sprintf("line %d: ", e.Line)
	}
	return s + e.Err.Error()
}

func (e *ParseError) Unwrap() error { return e.Err }
