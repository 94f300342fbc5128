package report

import (
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// ANSI SGR colours (ECMA-48 §8.3.117) for the table on a terminal: red
// for what fails, yellow for what needs a look, green for what is fine,
// dim for what does not count.
const (
	sgrRed    = "\x1b[31m"
	sgrBold   = "\x1b[1;31m"
	sgrYellow = "\x1b[33m"
	sgrGreen  = "\x1b[32m"
	sgrBlue   = "\x1b[34m"
	sgrCyan   = "\x1b[36m"
	sgrDim    = "\x1b[2m"
	sgrReset  = "\x1b[0m"
)

func paint(sgr, s string) string {
	if s == "" || sgr == "" {
		return s
	}
	return sgr + s + sgrReset
}

// paintColumn paints one column's lines with paint, the others plain.
func paintColumn(col int, paint func(string) string) func(int, string) string {
	return func(c int, line string) string {
		if c == col {
			return paint(line)
		}
		return line
	}
}

// paintSeverity colours a severity cell's line; a waived or baselined
// finding does not count, so it stays dim whatever its severity.
func paintSeverity(line string) string {
	if strings.Contains(line, "(") || strings.HasSuffix(line, ")") {
		return paint(sgrDim, line)
	}
	switch audit.Severity(strings.TrimSpace(line)) {
	case audit.SeverityError:
		return paint(sgrRed, line)
	case audit.SeverityWarning:
		return paint(sgrYellow, line)
	case audit.SeverityNote:
		return paint(sgrBlue, line)
	}
	return line
}

// paintVerdict colours a matrix verdict's line by the verdict it starts
// with; a wrapped note keeps the plain colour.
func paintVerdict(line string) string {
	verdicts := []struct{ word, sgr string }{
		{audit.VerdictViolation, sgrBold},
		{audit.VerdictMissing, sgrRed},
		{audit.VerdictLimited, sgrYellow},
		{audit.VerdictSatisfied, sgrGreen},
		{audit.VerdictDeclared, sgrCyan},
		{audit.VerdictAbsent, sgrDim},
		{audit.VerdictNotApplicable, sgrDim},
	}
	for _, v := range verdicts {
		if strings.HasPrefix(line, v.word) {
			return paint(v.sgr, v.word) + line[len(v.word):]
		}
	}
	return line
}

// paintGate colours the summary's gate verdict.
func paintGate(line string, failed bool) string {
	if failed {
		return paint(sgrBold, line)
	}
	return paint(sgrGreen, line)
}
