package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/permaudit/permaudit/audit/report"
)

// batchCases are the inputs a generated batch repeats: passing, failing
// and unreadable ones (a garbled plist, a JSON5 syntax error).
var batchCases = []string{
	"testdata/cases/android/compliant.xml", "testdata/cases/android/misplaced.xml",
	"testdata/cases/android/no-internet.xml", "testdata/cases/harmony/missing-reason.json5",
	"testdata/cases/harmony/syntax-error.json5", "testdata/cases/ios/Info.plist",
	"testdata/cases/ios/empty-purpose.plist",
}

// canonicalName is the file name a project gives each platform's
// manifest, so a walk reports a broken one instead of passing it over.
var canonicalName = map[string]string{".xml": "AndroidManifest.xml", ".json5": "module.json5", ".plist": "Info.plist"}

// batchDir writes n inputs, one per directory, cycling through batchCases.
func batchDir(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		src := batchCases[i%len(batchCases)]
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, fmt.Sprintf("app%03d", i), canonicalName[filepath.Ext(src)])
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runWithStdin is runCLI with stdin and a stderr the test chooses.
func runWithStdin(stdin io.Reader, stderr io.Writer, args ...string) (int, string) {
	var out bytes.Buffer
	e := env{stdin: stdin, stdout: &out, stderr: stderr,
		now:    func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) },
		getenv: wideTerminal}
	return run(args, e), out.String()
}

// TestJobsDeterministic: every format is byte for byte the same whether
// one worker reads the batch or eight do.
func TestJobsDeterministic(t *testing.T) {
	dir := batchDir(t, 70)
	for _, format := range []string{"json", "table", "sarif", "csv", "junit"} {
		t.Run(format, func(t *testing.T) {
			code1, out1, err1 := runCLI("audit", "-j", "1", "--format", format, dir)
			code8, out8, err8 := runCLI("audit", "-j", "8", "--format", format, dir)
			if code1 != ExitInputError || code8 != code1 {
				t.Fatalf("exit %d with -j 1, %d with -j 8; want %d", code1, code8, ExitInputError)
			}
			if out1 != out8 {
				t.Errorf("-j 1 and -j 8 reports differ:\n%.600s\n---\n%.600s", out1, out8)
			}
			if err1 != err8 {
				t.Errorf("-j 1 and -j 8 stderr differ:\n%s\n---\n%s", err1, err8)
			}
		})
	}
}

// TestBadFileInBatch: unreadable inputs are listed, every other input is
// still reported, and the exit code is 3.
func TestBadFileInBatch(t *testing.T) {
	dir := batchDir(t, 21)
	code, out, errs := runCLI("audit", "-j", "4", "--format", "json", "--fail-on", "never", dir)
	if code != ExitInputError {
		t.Fatalf("exit %d, want %d: %s", code, ExitInputError, errs)
	}
	doc, err := report.ReadDocument(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Artifacts) != 15 || len(doc.Errors) != 6 {
		t.Errorf("%d artifacts and %d errors, want 15 and 6", len(doc.Artifacts), len(doc.Errors))
	}
	for _, e := range doc.Errors {
		if !strings.Contains(errs, e.Path) {
			t.Errorf("stderr does not name %s:\n%s", e.Path, errs)
		}
	}
}

// TestFromFile: paths from a list file or stdin, blank lines and comments
// skipped, after the paths on the command line.
func TestFromFile(t *testing.T) {
	list := "# inputs\n\n  testdata/cases/android/misplaced.xml  \ntestdata/cases/ios/empty-purpose.plist\r\n"
	file := filepath.Join(t.TempDir(), "paths.txt")
	if err := os.WriteFile(file, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []string{"testdata/cases/android/compliant.xml", "testdata/cases/android/misplaced.xml", "testdata/cases/ios/empty-purpose.plist"}
	for _, from := range []string{file, "-"} {
		t.Run(from, func(t *testing.T) {
			code, out := runWithStdin(strings.NewReader(list), io.Discard,
				"audit", "--from-file", from, "--format", "json", "--fail-on", "never", want[0])
			if code != 0 {
				t.Fatalf("exit %d", code)
			}
			doc, err := report.ReadDocument(strings.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range doc.Artifacts {
				got = append(got, a.Path)
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("audited %v, want %v", got, want)
			}
		})
	}
	if code, _, errs := runCLI("audit", "--from-file", filepath.Join(t.TempDir(), "none.txt")); code != ExitUsage || !strings.Contains(errs, "--from-file") {
		t.Errorf("missing list: exit %d, %s", code, errs)
	}
	if code, _ := runWithStdin(strings.NewReader("# nothing\n"), io.Discard, "audit", "--from-file", "-"); code != 0 {
		t.Errorf("empty list (an empty shard): exit %d, want 0", code)
	}
	if code, _, errs := runCLI("audit", "-j", "0", "testdata/cases/android/compliant.xml"); code != ExitUsage {
		t.Errorf("-j 0: exit %d, %s", code, errs)
	}
}

// TestJSONLLines: each line parses alone and carries the tool, the
// policies with their digest, and one artifact or one input error.
func TestJSONLLines(t *testing.T) {
	code, out, _ := runCLI("audit", "-j", "4", "--format", "jsonl", batchDir(t, 14))
	if code != ExitInputError {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 14 {
		t.Fatalf("%d lines, want 14", len(lines))
	}
	types := map[string]int{}
	for _, text := range lines {
		var l report.Line
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			t.Fatalf("line does not parse alone: %v\n%s", err, text)
		}
		types[l.Type]++
		if l.SchemaVersion != report.LineSchemaVersion || l.Tool.Name != "permaudit" || len(l.Policies) != 1 ||
			l.Policies[0].ID != "easemob-im" || !strings.HasPrefix(l.Policies[0].Digest, "sha256:") || l.AuditedAt == "" {
			t.Errorf("line lacks its identity: %.300s", text)
		}
		if (l.Type == report.LineArtifact) != (l.Artifact != nil) || (l.Type == report.LineError) != (l.Error != nil) {
			t.Errorf("type %q does not match its content: %.300s", l.Type, text)
		}
	}
	if types[report.LineArtifact] != 10 || types[report.LineError] != 4 {
		t.Errorf("line types %v, want 10 artifacts and 4 errors", types)
	}
}

// TestMergeRoundTrip: lines from two runs (concatenated, one of them on
// stdin) merge into the same JSON report, table and exit code as one
// direct run over both.
func TestMergeRoundTrip(t *testing.T) {
	a, b := batchDir(t, 9), batchDir(t, 5)
	_, linesA, _ := runCLI("audit", "-j", "3", "--format", "jsonl", a)
	_, linesB, _ := runCLI("audit", "-j", "2", "--format", "jsonl", b)
	fileA := filepath.Join(t.TempDir(), "a.jsonl")
	if err := os.WriteFile(fileA, []byte(linesA+linesA), 0o644); err != nil { // a shard retried
		t.Fatal(err)
	}
	for _, format := range []string{"json", "table"} {
		wantCode, want, _ := runCLI("audit", "--format", format, b, a)
		code, got := runWithStdin(strings.NewReader(linesB), io.Discard, "merge", "--format", format, fileA, "-")
		if code != wantCode || got != want {
			t.Errorf("%s: merge exit %d, direct %d; same report %t\n%.800s\n---\n%.800s", format, code, wantCode, got == want, got, want)
		}
	}
	if code, _ := runWithStdin(strings.NewReader(linesB), io.Discard, "merge", "--fail-on", "never", "-"); code != ExitInputError {
		t.Errorf("merge of lines with an unread input: exit %d, want 3", code)
	}
}

// TestMergeRefuses: a stream merge cannot trust is exit 2 and no report.
func TestMergeRefuses(t *testing.T) {
	_, lines, _ := runCLI("audit", "--format", "jsonl", "testdata/cases/android/compliant.xml")
	otherPolicy := strings.Replace(lines, `"digest":"sha256:`, `"digest":"sha256:0`, 1)
	otherTool := strings.Replace(lines, `"tool":{"name":"permaudit","version":"`, `"tool":{"name":"permaudit","version":"v9-`, 1)
	changed := strings.Replace(lines, `"size":`, `"size":1`, 1)
	tests := []struct {
		name, stream, stderr string
		code                 int
	}{
		{"not jsonl", "{\"schemaVersion\": 1}\nhello\n", "not a permaudit jsonl line", ExitUsage},
		{"later schema", strings.Replace(lines, `"schemaVersion":1`, `"schemaVersion":2`, 1), "schemaVersion 2", ExitUsage},
		{"edited policy", otherPolicy, "merge loaded", ExitUsage},
		{"two versions", lines + otherTool, "one version", ExitUsage},
		{"same path, different results", lines + changed, "audited more than once", ExitInputError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errb bytes.Buffer
			code, out := runWithStdin(strings.NewReader(tt.stream), &errb, "merge", "--format", "json", "-")
			if code != tt.code || !strings.Contains(errb.String(), tt.stderr) {
				t.Errorf("exit %d (want %d), stderr %q lacks %q", code, tt.code, errb.String(), tt.stderr)
			}
			if tt.code == ExitUsage && out != "" {
				t.Errorf("a report was written: %.200s", out)
			}
		})
	}
}

// TestProgressNotOnPipes: stderr that is not a terminal (a file, a
// buffer) gets no bar: a clean batch leaves it empty.
func TestProgressNotOnPipes(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if code, _ := runWithStdin(nil, f, "audit", "-j", "2", "testdata/examples/im-app"); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if st, _ := f.Stat(); st.Size() != 0 {
		data, _ := os.ReadFile(f.Name())
		t.Errorf("stderr to a file got %q", data)
	}
}

// TestQuiet: the table keeps only unread inputs and the summary.
func TestQuiet(t *testing.T) {
	code, out, _ := runCLI("audit", "--quiet", "testdata/examples/im-app", "testdata/cases/ios/Info.plist")
	if code != ExitInputError {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"UNREAD testdata/cases/ios/Info.plist", "3 artifact(s)", "input(s) unreadable"} {
		if !strings.Contains(out, want) {
			t.Errorf("quiet table lacks %q:\n%s", want, out)
		}
	}
	for _, not := range []string{"Policy:", "==", "SEVERITY", "CATEGORY"} {
		if strings.Contains(out, not) {
			t.Errorf("quiet table has %q:\n%s", not, out)
		}
	}
}
