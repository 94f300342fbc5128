package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/permaudit/permaudit/audit"
)

// Exit codes: a contract with CI systems.
const (
	ExitPassed     = 0 // the gate passed
	ExitFindings   = 1 // a finding at or above --fail-on
	ExitUsage      = 2 // bad flag, bad argument, unknown or invalid policy
	ExitInputError = 3 // an input could not be read; the others were still audited
)

// usageError is a mistake in how the command was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// exitCode carries a run's outcome when it is not an error to print.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit %d", int(c)) }

// code maps what a command returned to the process exit code, printing
// any message once, here.
func code(err error, stderr io.Writer) int {
	var ec exitCode
	var ue usageError
	switch {
	case err == nil:
		return ExitPassed
	case errors.As(err, &ec):
		return int(ec)
	case errors.As(err, &ue):
		err = ue.err
	}
	// cobra's own errors (unknown command, bad flag) are usage errors too.
	// A policy file's text can reach the message: escape it for the terminal.
	fmt.Fprintf(stderr, "permaudit: %s\nRun 'permaudit --help' for usage.\n", audit.Visible(err.Error()))
	return ExitUsage
}
