package report

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseOutput(t *testing.T) {
	tests := []struct {
		spec, format, path, err string
	}{
		{"table", "table", "", ""},
		{"sarif=out/x.sarif", "sarif", "out/x.sarif", ""},
		{"json=-", "json", "-", ""},
		{"xml", "", "", `unsupported format "xml"`},
		{"json=", "", "", "empty path"},
	}
	for _, tt := range tests {
		o, err := ParseOutput(tt.spec)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err %v, want %q", tt.spec, err, tt.err)
			}
			continue
		}
		if err != nil || o.Format.Name != tt.format || o.Path != tt.path {
			t.Errorf("%s: got %+v %v", tt.spec, o, err)
		}
	}
}

// TestAtomicWriteKeepsOldFileOnFailure: a report that fails halfway
// leaves the previous file as it was and no temporary file behind.
func TestAtomicWriteKeepsOldFileOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "half a rep")
		return errors.New("boom")
	})
	if err == nil {
		t.Fatal("want the writer's error")
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("file = %q, want the old content", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if err := writeFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Errorf("file = %q, want new", got)
	}
}
