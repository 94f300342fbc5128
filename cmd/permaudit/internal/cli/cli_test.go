package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/permaudit/permaudit/audit/golden"
)

// TestMain runs from the repository root so paths in reports read as a
// user would type them.
func TestMain(m *testing.M) {
	_, file, _, _ := runtime.Caller(0)
	if err := os.Chdir(filepath.Join(filepath.Dir(file), "..", "..", "..", "..")); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// wideTerminal is an environment with nothing set but COLUMNS, wide
// enough that a test reads each table row on one line; terminal_test.go
// checks the layout itself.
func wideTerminal(k string) string {
	if k == "COLUMNS" {
		return "1000"
	}
	return ""
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	e := env{stdout: &out, stderr: &errb,
		now:    func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) },
		getenv: wideTerminal}
	code = run(args, e)
	return code, out.String(), errb.String()
}

func TestAuditExitCodes(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		code      int
		stdout    []string // substrings
		stderr    []string
		notStdout []string
	}{
		{"compliant manifest passes", []string{"audit", "testdata/cases/android/compliant.xml"}, 0,
			[]string{"com.example.ok", "Gate (fail on error): passed"}, nil, []string{"required-missing", "UNREAD"}},
		{"missing INTERNET fails", []string{"audit", "testdata/cases/android/no-internet.xml"}, 1,
			[]string{"required-missing", "android.permission.INTERNET is required"}, nil, nil},
		{"fail-on never", []string{"audit", "--fail-on", "never", "testdata/cases/android/no-internet.xml"}, 0,
			[]string{"Gate: never fails"}, nil, nil},
		{"fail-on warning", []string{"audit", "--fail-on", "warning", "testdata/cases/android/misplaced.xml"}, 1,
			[]string{"permission-misplaced"}, nil, nil},
		{"garbled plist is exit 3, the rest still reported",
			[]string{"audit", "testdata/cases/ios/Info.plist", "testdata/cases/android/compliant.xml"}, 3,
			[]string{"com.example.ok", "UNREAD testdata/cases/ios/Info.plist"},
			[]string{"permaudit: testdata/cases/ios/Info.plist"}, nil},
		{"json5 syntax error names file and line", []string{"audit", "testdata/cases/harmony/syntax-error.json5"}, 3,
			nil, []string{"permaudit: testdata/cases/harmony/syntax-error.json5:"}, nil},
		{"missing path", []string{"audit", "testdata/cases/nope.xml"}, 3, nil, []string{"testdata/cases/nope.xml"}, nil},
		{"bad flag", []string{"audit", "--bogus", "x"}, 2, nil, []string{"unknown flag"}, nil},
		{"unknown policy", []string{"audit", "--policy", "nope", "testdata/cases/android/compliant.xml"}, 2, nil, []string{`unknown policy "nope"`}, nil},
		{"unknown format", []string{"audit", "--format", "xml", "testdata/cases/android/compliant.xml"}, 2, nil, []string{`unsupported format "xml"`}, nil},
		{"bad fail-on", []string{"audit", "--fail-on", "sometimes", "testdata/cases/android/compliant.xml"}, 2, nil, []string{"--fail-on"}, nil},
		{"no path", []string{"audit"}, 2, nil, []string{"at least one PATH"}, nil},
		{"version", []string{"version"}, 0, []string{"permaudit dev"}, nil, nil},
		{"unknown command", []string{"frobnicate"}, 2, nil, []string{"unknown command"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(tt.args...)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errs)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errs)
				}
			}
			for _, s := range tt.notStdout {
				if strings.Contains(out, s) {
					t.Errorf("stdout has %q:\n%s", s, out)
				}
			}
		})
	}
}

func TestAuditGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"examples.table", []string{"audit", "--no-digest", "testdata/examples/im-app"}, 0},
		{"examples.json", []string{"audit", "--format", "json", "testdata/examples/im-app"}, 0},
		{"cases.table", []string{"audit", "--no-digest", "testdata/cases"}, 3},
		{"cases.json", []string{"audit", "--format", "json", "--no-timestamp", "testdata/cases"}, 3},
		{"projects.table", []string{"audit", "--no-digest", "testdata/projects"}, 1},
		{"projects.json", []string{"audit", "--format", "json", "--no-timestamp", "testdata/projects"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(tt.args...)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d\n%s", code, tt.code, errs)
			}
			golden.Check(t, "cli/"+tt.name, []byte(out))
		})
	}
}

func TestAuditIsDeterministic(t *testing.T) {
	_, a, _ := runCLI("audit", "--format", "json", "testdata")
	_, b, _ := runCLI("audit", "--format", "json", "testdata")
	if a != b {
		t.Error("two runs on the same input differ")
	}
}

// TestAuditSeveralOutputs: one run, a table on stdout and files for CI.
func TestAuditSeveralOutputs(t *testing.T) {
	dir := t.TempDir()
	sarif, junit := filepath.Join(dir, "out.sarif"), filepath.Join(dir, "junit.xml")
	code, out, errs := runCLI("audit", "-o", "table", "-o", "sarif="+sarif, "-o", "junit="+junit,
		"testdata/cases/android/no-internet.xml")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "required-missing") {
		t.Errorf("stdout lacks the table:\n%s", out)
	}
	for _, p := range []string{sarif, junit} {
		data, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(data), "required-missing") {
			t.Errorf("%s: %v %.200s", p, err, data)
		}
	}
	if code, _, errs := runCLI("audit", "-o", "json", "-o", "table", "testdata/cases/android/compliant.xml"); code != 2 ||
		!strings.Contains(errs, "only one report can go to stdout") {
		t.Errorf("two stdout outputs: exit %d, %s", code, errs)
	}
	if code, _, _ := runCLI("audit", "-o", "json="+filepath.Join(dir, "no", "such", "dir", "r.json"), "testdata/cases/android/compliant.xml"); code != ExitOutputError {
		t.Errorf("unwritable output: exit %d, want %d", code, ExitOutputError)
	}
}

// TestSourceDateEpoch: reproducible builds get reproducible reports.
func TestSourceDateEpoch(t *testing.T) {
	var out bytes.Buffer
	e := env{stdout: &out, stderr: &out, now: time.Now,
		getenv: func(k string) string {
			if k == "SOURCE_DATE_EPOCH" {
				return "1700000000"
			}
			return ""
		}}
	if code := run([]string{"audit", "--format", "json", "testdata/cases/android/compliant.xml"}, e); code != 0 {
		t.Fatalf("exit %d: %s", code, out.String())
	}
	if !strings.Contains(out.String(), `"generatedAt": "2023-11-14T22:13:20Z"`) {
		t.Errorf("report does not carry SOURCE_DATE_EPOCH's time:\n%.400s", out.String())
	}
	_, noTime, _ := runCLI("audit", "--format", "json", "--no-timestamp", "testdata/cases/android/compliant.xml")
	if strings.Contains(noTime, "generatedAt") {
		t.Error("--no-timestamp report still has a time")
	}
}

// TestFormatWithOutputs: --format keeps stdout when -o only writes files.
func TestFormatWithOutputs(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCLI("audit", "--format", "json", "-o", "csv="+filepath.Join(dir, "f.csv"), "testdata/cases/android/compliant.xml")
	if code != 0 || !strings.HasPrefix(out, "{") {
		t.Errorf("exit %d, stdout %.80q, %s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "f.csv")); err != nil {
		t.Error(err)
	}
	if code, _, errs := runCLI("audit", "--format", "json", "-o", "table", "testdata/cases/android/compliant.xml"); code != 2 ||
		!strings.Contains(errs, "both want stdout") {
		t.Errorf("exit %d: %s", code, errs)
	}
}
