package archive

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/permaudit/permaudit/platforms/archive/ziptest"
)

// TestOpenAtReadsOnlyWhatIsAsked: a stored entry costs the bytes read; a
// deflated one costs what lies before the furthest byte read (rounded up
// to the inflate step), never the whole entry.
func TestOpenAtReadsOnlyWhatIsAsked(t *testing.T) {
	const size = 1 << 20
	data := make([]byte, size)
	for i := range data {
		data[i] = byte(i * 7 / 5)
	}
	for _, stored := range []bool{true, false} {
		z := open(t, ziptest.Write(nil, ziptest.File{Name: "e", Data: data, Store: stored}))
		e, err := z.OpenAt(z.File("e"), size)
		if err != nil {
			t.Fatal(err)
		}
		if e.Size() != size {
			t.Errorf("stored=%v: size %d", stored, e.Size())
		}
		for _, off := range []int64{100, 50_000, 10} {
			p := make([]byte, 16)
			if n, err := e.ReadAt(p, off); n != 16 || err != nil || !bytes.Equal(p, data[off:off+16]) {
				t.Errorf("stored=%v: ReadAt(%d) = %d, %v, %x", stored, off, n, err, p)
			}
		}
		p := make([]byte, 32)
		if n, err := e.ReadAt(p, size-16); n != 16 || err != io.EOF || !bytes.Equal(p[:n], data[size-16:]) {
			t.Errorf("stored=%v: read across the end = %d, %v", stored, n, err)
		}
		want := int64(3*16 + 16)
		if !stored {
			want = size // the last read needed everything before it
		}
		if got := z.Budget().Inflated(); got != want {
			t.Errorf("stored=%v: charged %d bytes, want %d", stored, got, want)
		}
		e.Close()
	}
}

func TestOpenAtDeflatedStopsAtFurthestOffset(t *testing.T) {
	data := bytes.Repeat([]byte("resources "), 100_000)
	z := open(t, ziptest.Write(nil, ziptest.File{Name: "e", Data: data}))
	e, err := z.OpenAt(z.File("e"), MaxEntry)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	p := make([]byte, 10)
	if _, err := e.ReadAt(p, 20_000); err != nil || string(p) != "resources " {
		t.Fatalf("ReadAt = %q, %v", p, err)
	}
	if got := z.Budget().Inflated(); got < 20_010 || got > 20_010+4<<10 {
		t.Errorf("inflated %d bytes to read byte 20,010 of %d", got, len(data))
	}
}

func TestOpenAtLimits(t *testing.T) {
	data := bytes.Repeat([]byte{1}, 100_000)
	archive := ziptest.Write(nil, ziptest.File{Name: "stored", Data: data, Store: true}, ziptest.File{Name: "deflated", Data: data})
	z := open(t, archive)
	if _, err := z.OpenAt(z.File("stored"), 1000); err == nil || !strings.Contains(err.Error(), "over the 1000-byte limit") {
		t.Errorf("over max: %v", err)
	}
	for _, name := range []string{"stored", "deflated"} {
		z, err := OpenWithin(bytes.NewReader(archive), int64(len(archive)), NewBudget(Limits{Inflate: 50_000, Entries: 10, Packages: 1, InflateTime: time.Minute}))
		if err != nil {
			t.Fatal(err)
		}
		e, err := z.OpenAt(z.File(name), MaxEntry)
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.ReadAt(make([]byte, 60_000), 0)
		var le *LimitError
		if !errors.As(err, &le) || !errors.As(z.Budget().Err(), &le) {
			t.Errorf("%s: reading past the budget: %v, budget %v", name, err, z.Budget().Err())
		}
		e.Close()
	}
}
