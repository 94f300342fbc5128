package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/term"

	"github.com/permaudit/permaudit/audit/report"
)

// colorModes are --color's values.
var colorModes = []string{"auto", "always", "never"}

// terminal is what the table on stdout is laid out for.
type terminal struct {
	tty   bool
	width int // 0 when unknown
}

// stdoutTerminal asks whether w is a terminal and how wide it is.
func stdoutTerminal(w io.Writer) terminal {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return terminal{}
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return terminal{tty: true}
	}
	return terminal{tty: true, width: width}
}

// tableWidth is COLUMNS when it is a number (a user or a CI system that
// knows better), else the terminal's width, else 80.
func tableWidth(e env, t terminal) int {
	if n, err := strconv.Atoi(strings.TrimSpace(e.getenv("COLUMNS"))); err == nil && n > 0 {
		return n
	}
	if t.width > 0 {
		return t.width
	}
	return report.DefaultWidth
}

// useColor follows --color; auto colours a terminal unless NO_COLOR is
// set to anything (https://no-color.org).
func useColor(mode string, e env, t terminal) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		return t.tty && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb", nil
	}
	return false, usagef("--color %q: use %s", mode, strings.Join(colorModes, ", "))
}

// layoutOutputs gives the report on stdout the terminal's layout and every
// report SARIF's roots; files get the plain 80-column table.
func layoutOutputs(outs []report.Output, e env, colorMode, sourceRoot string) error {
	var t terminal
	if e.terminal != nil {
		t = e.terminal(e.stdout)
	}
	color, err := useColor(colorMode, e, t)
	if err != nil {
		return err
	}
	// Input paths are relative to the process's directory, so SARIF's
	// are too (e.wd is only where the config search starts).
	wd, err := absDir(".")
	if err != nil {
		return fmt.Errorf("working directory: %w", err)
	}
	root := wd
	if sourceRoot != "" {
		if root, err = absDir(sourceRoot); err != nil {
			return usagef("--source-root: %v", err)
		}
	}
	for i := range outs {
		o := report.Options{SourceRoot: root, WorkDir: wd, Width: report.DefaultWidth}
		if outs[i].Path == "" || outs[i].Path == "-" {
			o.Width, o.Color = tableWidth(e, t), color
		}
		outs[i].Options = o
	}
	return nil
}

// absDir is dir made absolute, which must be a directory.
func absDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return "", err
	}
	if !st.IsDir() {
		return "", fmt.Errorf("%s is not a directory", dir)
	}
	return abs, nil
}
