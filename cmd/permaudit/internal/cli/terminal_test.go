package cli

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// TestTerminalLayout: the table fits COLUMNS, else the terminal's width,
// else 80; colour only on a terminal without NO_COLOR, or with --color
// always; never with --color never.
func TestTerminalLayout(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		tty     terminal
		args    []string
		width   int
		colored bool
	}{
		{"not a terminal: 80, plain", nil, terminal{}, nil, 80, false},
		{"a terminal: its width, colour", nil, terminal{tty: true, width: 100}, nil, 100, true},
		{"COLUMNS wins over the terminal", map[string]string{"COLUMNS": "70"}, terminal{tty: true, width: 100}, nil, 70, true},
		{"NO_COLOR", map[string]string{"NO_COLOR": "1"}, terminal{tty: true, width: 90}, nil, 90, false},
		{"--color always in a pipe", nil, terminal{}, []string{"--color", "always"}, 80, true},
		{"--color never on a terminal", nil, terminal{tty: true, width: 120}, []string{"--color", "never"}, 120, false},
		{"a terminal of unknown size", nil, terminal{tty: true}, nil, 80, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			e := env{stdout: &out, stderr: &errb, now: time.Now,
				getenv:   func(k string) string { return tt.env[k] },
				terminal: func(io.Writer) terminal { return tt.tty }}
			args := append([]string{"audit", "--fail-on", "never"}, tt.args...)
			if code := run(append(args, "testdata/examples/im-app"), e); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			widest := 0
			for _, line := range strings.Split(out.String(), "\n") {
				if strings.HasPrefix(line, "│") || strings.HasPrefix(line, "┌") || strings.HasPrefix(line, "\x1b") {
					widest = max(widest, twwidth.Width(line))
				}
			}
			if widest > tt.width || widest < tt.width-12 {
				t.Errorf("widest table line %d, want about %d", widest, tt.width)
			}
			if got := strings.Contains(out.String(), "\x1b["); got != tt.colored {
				t.Errorf("colour %v, want %v", got, tt.colored)
			}
		})
	}
	if code, _, stderr := runCLI("audit", "--color", "sometimes", "testdata/examples/im-app"); code != ExitUsage || !strings.Contains(stderr, "auto, always, never") {
		t.Errorf("--color sometimes: exit %d, %s", code, stderr)
	}
}

// TestVerboseListsSkipped: --verbose names each file and directory a
// walk passed over, with the reason; without it, nothing is said.
func TestVerboseListsSkipped(t *testing.T) {
	_, _, quiet := runCLI("audit", "--fail-on", "never", "--exclude", "**/ios/**", "testdata/examples/im-app")
	if strings.Contains(quiet, "skipped") {
		t.Errorf("skips listed without --verbose:\n%s", quiet)
	}
	_, _, stderr := runCLI("audit", "--verbose", "--fail-on", "never", "--exclude", "**/ios/**", "testdata/examples/im-app")
	for _, want := range []string{
		"skipped testdata/examples/im-app/ios: excluded by **/ios/**",
		"skipped testdata/examples/im-app/harmony/AppScope/app.json5: ",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// TestMalformedGlobIsUsageError: a glob that cannot match anything as
// written is a mistake to point out, not an exclusion to ignore.
func TestMalformedGlobIsUsageError(t *testing.T) {
	// Every command that searches a directory checks its globs alike.
	for _, args := range [][]string{
		{"audit", "--exclude", "[", "testdata/examples/im-app"},
		{"diff", "--exclude", "[", "testdata/examples/im-app", "testdata/examples/im-app"},
		{"sdk-list", "--exclude", "[", "testdata/examples/im-app"},
	} {
		code, _, stderr := runCLI(args...)
		if code != ExitUsage || !strings.Contains(stderr, `glob "[" is malformed`) {
			t.Errorf("%s: exit %d: %s", args[0], code, stderr)
		}
	}
	code, out, _ := runCLI("audit", "--fail-on", "never", "--exclude", "**/android/**", "--exclude", "**/harmony/**", "testdata/examples/im-app")
	if code != 0 || strings.Contains(out, "AndroidManifest.xml") || strings.Contains(out, "module.json5") || !strings.Contains(out, "Info.plist") {
		t.Errorf("** excludes: exit %d\n%s", code, out)
	}
}
