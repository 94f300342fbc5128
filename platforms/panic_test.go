package platforms

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// TestPanicBecomesInputError: a parser that panics costs its own input
// only — Read and Walk turn the panic into an error naming the file.
func TestPanicBecomesInputError(t *testing.T) {
	magic := []byte("{\"panic-please\":1}")
	saved := Formats
	t.Cleanup(func() { Formats = saved })
	Formats = append([]Format{{Kind: "panicky", Platform: audit.Android,
		sniff: func(data []byte) bool { return bytes.HasPrefix(data, magic) },
		parse: func(string, []byte) (audit.Declaration, error) { panic("index out of range [3] with length 2") },
	}}, saved...)
	path := writeInput(t, "module.json5", magic)
	_, err := Read(path, false)
	if err == nil || !strings.Contains(err.Error(), "internal error, please report: index out of range") {
		t.Fatalf("Read = %v, want an internal error", err)
	}
	Formats[0].sniff = func([]byte) bool { panic("sniffing blew up") }
	found := scanAll(filepath.Dir(path), WalkOptions{})
	if len(found) < 1 || found[0].Err == nil || !strings.Contains(found[0].Err.Error(), "internal error, please report") {
		t.Fatalf("Scan = %+v", found)
	}
	// A panic while parsing a file the walk detected is the file's error too.
	Formats[0].sniff = func(data []byte) bool { return bytes.HasPrefix(data, magic) }
	found = scanAll(filepath.Dir(path), WalkOptions{})
	if len(found) != 1 || found[0].Err == nil || !strings.Contains(found[0].Err.Error(), "internal error, please report: index out of range") {
		t.Fatalf("Scan = %+v", found)
	}
}
