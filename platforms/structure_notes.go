package platforms

import (
	"fmt"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// structureNotes turns what archive.Open found wrong in a package, at
// any depth, into findings: every platform's packages are zips.
func structureNotes(problems []archive.Problem) []audit.Note {
	var notes []audit.Note
	for _, p := range problems {
		notes = append(notes, audit.Note{RuleID: p.Rule, Severity: audit.SeverityError, Entry: p.Entry, Message: p.Message})
	}
	return notes
}

// recoverInput turns a panic while reading one input into its error.
// The parsers are fuzzed to have none; this keeps a batch going if one
// is left.
func recoverInput(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("internal error, please report: %v", r)
	}
}
