// Package golden compares test output with files under testdata/golden.
// UPDATE_GOLDEN=1 rewrites them, in whichever package the test runs, so
// `UPDATE_GOLDEN=1 go test ./...` refreshes every golden file at once.
package golden

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir is the repository's testdata/golden directory.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "golden")
}

// Check compares got with testdata/golden/name, or rewrites the file.
func Check(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join(Dir(), name)
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (UPDATE_GOLDEN=1 rewrites it)\n--- got ---\n%s", path, got)
	}
}
