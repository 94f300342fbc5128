package progress

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNotATerminal: no bar for a buffer or a file, and a nil bar is safe.
func TestNotATerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []any{&bytes.Buffer{}, f} {
		if b := New(w.(interface{ Write([]byte) (int, error) })); b != nil {
			t.Errorf("%T got a bar", w)
		}
	}
	var b *Bar
	b.Estimate(3)
	b.Found()
	b.AllFound()
	b.Done()
	b.Finish()
}

// TestBarShowsCountRateAndTotal: the bar counts done inputs against the
// estimate, then against the inputs found once the scan is over, and
// clears its line when the last one is done.
func TestBarShowsCountRateAndTotal(t *testing.T) {
	var out bytes.Buffer
	b := newBar(&out, 0)
	b.Estimate(40)
	b.Found()
	b.Found()
	b.Done()
	if !strings.Contains(out.String(), "1/40") || !strings.Contains(out.String(), "inputs/s") {
		t.Errorf("bar before the scan ends: %q", out.String())
	}
	b.AllFound()
	if !strings.Contains(out.String(), "(1/2,") || !strings.Contains(out.String(), "50%") {
		t.Errorf("bar once the scan is over: %q", out.String())
	}
	b.Done()
	if !strings.HasSuffix(out.String(), "     \r") {
		t.Errorf("bar not cleared at the end: %q", out.String())
	}
}
