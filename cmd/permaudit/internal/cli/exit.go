package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// Exit codes: a contract with CI systems. When several apply, the first
// in this order wins: 3, then 1 (or --exit-code), then 4 — so a report
// that could not be written never hides an unread input or a failed gate,
// and the error naming the file is on stderr either way.
const (
	ExitPassed      = 0 // the gate passed
	ExitFindings    = 1 // a finding that counts reaches --fail-on (--exit-code replaces 1)
	ExitUsage       = 2 // bad flag or argument, invalid policy, config file or baseline
	ExitInputError  = 3 // an input could not be read; the others were still audited
	ExitOutputError = 4 // a report (or other output file) could not be written; the others were
	ExitNothing     = 5 // nothing to audit: no path held a manifest or package (and none failed to read)
)

// exitCodesHelp is the exit-code table of the root command's help; the
// README carries the same table (a test keeps the two in step).
const exitCodesHelp = `Exit codes:
  0  passed: every input was audited and no finding that counts reaches --fail-on
  1  the gate failed: a finding that is neither waived nor in the baseline reaches --fail-on
     (--exit-code N replaces 1)
  2  usage or config error: bad flag or argument, invalid policy, config file or baseline
  3  an input could not be read (the others were still audited and reported); wins over 1
  4  a report could not be written (the others were); 3 and 1 win over it
  5  nothing to audit: the paths hold no manifest or package (an empty directory, or all excluded)`

// usageError is a mistake in how the command was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// configError is an invalid policy, config file or baseline: exit 2, but
// the fix is in the file the message names, not in the command line.
type configError struct{ err error }

func (e configError) Error() string { return e.err.Error() }

// outputError is output that could not be written; the message names the
// file.
type outputError struct{ err error }

func (e outputError) Error() string { return e.err.Error() }

// exitCode carries a run's outcome when it is not an error to print.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit %d", int(c)) }

// code maps what a command returned to the process exit code, printing
// any message once, here. Only a usage error points at --help.
func code(err error, stderr io.Writer) int {
	var (
		ec exitCode
		ue usageError
		ce configError
		oe outputError
	)
	switch {
	case err == nil:
		return ExitPassed
	case errors.As(err, &ec):
		return int(ec)
	case errors.As(err, &ce):
		fmt.Fprintf(stderr, "permaudit: %s\n", visibleLines(ce.err.Error()))
		return ExitUsage
	case errors.As(err, &oe):
		fmt.Fprintf(stderr, "permaudit: %s\n", audit.Visible(oe.err.Error()))
		return ExitOutputError
	case errors.As(err, &ue):
		err = ue.err
	}
	// cobra's own errors (unknown command, bad flag) are usage errors too.
	// A policy file's text can reach the message: escape it for the terminal.
	fmt.Fprintf(stderr, "permaudit: %s\nRun 'permaudit --help' for usage.\n", visibleLines(err.Error()))
	return ExitUsage
}

// visibleLines escapes each line of a message that joins several errors
// (a policy or config file with many problems), keeping its line breaks:
// those are the message's own, the rest quotes an input.
func visibleLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = audit.Visible(l)
	}
	return strings.Join(lines, "\n")
}
