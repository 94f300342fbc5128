package archive

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/permaudit/permaudit/platforms/archive/ziptest"
)

// nestedOuter is an archive holding one deflated archive, inner.zip,
// whose entry "pad" has padding bytes (stored, so the outer deflate
// squeezes them) and whose entry "m" is a small manifest.
func nestedOuter(padding int) []byte {
	inner := ziptest.Write(nil,
		ziptest.File{Name: "pad", Data: make([]byte, padding), Store: true},
		ziptest.File{Name: "m", Data: []byte("manifest")})
	return ziptest.Write(nil, ziptest.File{Name: "inner.zip", Data: inner})
}

// TestNestedSpool: a compressed nested archive is read whole whether it
// stays in memory or goes to a temporary file, the temporary file never
// shows in the temporary directory (it is unlinked at once), and a
// directory that cannot take it falls back to memory.
func TestNestedSpool(t *testing.T) {
	for _, tc := range []struct {
		name     string
		padding  int
		tmpdir   func(t *testing.T) string
		wantFile bool
	}{
		{"small stays in memory", 1 << 10, func(t *testing.T) string { return t.TempDir() }, false},
		{"large goes to a file", spoolInMemory + 1<<20, func(t *testing.T) string { return t.TempDir() }, true},
		{"no temporary directory", spoolInMemory + 1<<20, func(t *testing.T) string { return filepath.Join(t.TempDir(), "missing") }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.tmpdir(t)
			t.Setenv("TMPDIR", dir)
			outer := nestedOuter(tc.padding)
			z, err := Open(bytes.NewReader(outer), int64(len(outer)))
			if err != nil {
				t.Fatal(err)
			}
			inner, err := z.OpenNested(z.File("inner.zip"))
			if err != nil {
				t.Fatal(err)
			}
			if _, isFile := inner.ra.(*os.File); isFile != tc.wantFile {
				t.Errorf("spooled to a file: %v, want %v", isFile, tc.wantFile)
			}
			got, err := inner.Read(inner.File("m"), MaxEntry)
			if err != nil || string(got) != "manifest" {
				t.Fatalf("read m = %q, %v", got, err)
			}
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Errorf("temporary directory holds %d file(s) while the archive is open; want none (unlinked)", len(left))
			}
			if err := inner.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
			if f, isFile := inner.ra.(*os.File); isFile {
				if _, err := f.Stat(); err == nil {
					t.Error("the spool file is still open after Close")
				}
			}
		})
	}
}

// TestNestedSpoolBudget: spooling is charged to the input's budget, and
// running out names the nested entry and the flag.
func TestNestedSpoolBudget(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	outer := nestedOuter(spoolInMemory + 1<<20)
	z, err := OpenWithin(bytes.NewReader(outer), int64(len(outer)),
		NewBudget(Limits{Inflate: spoolInMemory + 1<<19, Entries: 100, Packages: 10, InflateTime: time.Minute}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = z.OpenNested(z.File("inner.zip"))
	var le *LimitError
	if !errors.As(err, &le) || le.Flag != "max-inflate" {
		t.Fatalf("err = %v, want the max-inflate limit", err)
	}
	if !strings.Contains(err.Error(), "inner.zip") {
		t.Errorf("error %q does not name the nested entry", err)
	}
}
