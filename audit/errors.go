package audit

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

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

// NewInputError records an input that could not be read, keeping the
// archive entry and line a ParseError carries.
func NewInputError(path string, err error) InputError {
	ie := InputError{Path: path, Message: err.Error()}
	var pe *ParseError
	if errors.As(err, &pe) {
		ie.Entry, ie.Line, ie.Message = pe.Entry, pe.Line, pe.Err.Error()
	}
	// "open PATH: …" repeats the path the error is filed under; a path
	// error about another file (a link's target) keeps its name, and any
	// words wrapped around it stay.
	var pathErr *os.PathError
	if errors.As(err, &pathErr) && pathErr.Path == path {
		ie.Message = strings.Replace(ie.Message, pathErr.Op+" "+pathErr.Path+": ", "", 1)
	}
	return ie
}

// String is the error as users read it: PATH[!ENTRY][:LINE]: message.
func (e InputError) String() string {
	loc := e.Path
	if e.Entry != "" {
		loc += "!" + e.Entry
	}
	if e.Line > 0 {
		loc += ":" + strconv.Itoa(e.Line)
	}
	return loc + ": " + e.Message
}
