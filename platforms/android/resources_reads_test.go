package android

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"testing"

	"github.com/permaudit/permaudit/platforms/android/axmltest"
	"github.com/permaudit/permaudit/platforms/archive"
)

// countingReaderAt counts the bytes read through it.
type countingReaderAt struct {
	r     io.ReaderAt
	bytes int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.bytes += int64(n)
	return n, err
}

// TestResourceTableReadsOnlyWhatLookupsNeed: resolving a string at each
// end of the table and an integer reads a few KiB (a window per chunk
// header jumped to), as much for a table fifteen times larger, in every
// entry encoding.
func TestResourceTableReadsOnlyWhatLookupsNeed(t *testing.T) {
	const most = 8 << 10
	for _, opt := range []axmltest.TableOptions{{}, {Sparse: true}, {Offset16: true}, {Compact: true}, {Sparse: true, Compact: true}} {
		var read []int64
		for _, n := range []int{1_000, 15_000} {
			data := largeTable(n, opt)
			ra := &countingReaderAt{r: bytes.NewReader(data)}
			table := openResourceTable(ra, int64(len(data)))
			for _, want := range []struct {
				id    uint32
				value string
			}{
				{0x7f0c0000, "android.permission.CAMERA"}, {0x7f0d0000, "28"},
				{0x7f0c0000 + uint32(n) - 1, fmt.Sprintf("string number %d of the table", n-1)},
			} {
				if got, ok := table.value(want.id); !ok || got != want.value {
					t.Errorf("%+v, %d strings: 0x%08x = %q, %v; want %q", opt, n, want.id, got, ok, want.value)
				}
			}
			if ra.bytes > most {
				t.Errorf("%+v, %d strings: read %d bytes of a %d-byte table, want at most %d", opt, n, ra.bytes, len(data), most)
			}
			read = append(read, ra.bytes)
		}
		// Dense encodings read the very same bytes; a sparse one adds the
		// binary search's few 4-byte probes.
		if read[1] > read[0]+16*4 {
			t.Errorf("%+v: bytes read grow with the table: %d, then %d", opt, read[0], read[1])
		}
	}
}

// TestParseAPKReadsTableInPlace: a stored resources.arsc costs the budget
// a few KiB beyond the manifest; a deflated one resolves the same values.
func TestParseAPKReadsTableInPlace(t *testing.T) {
	table := largeTable(largeTableStrings, axmltest.TableOptions{})
	manifest := referencingManifest(0x7f0c0000 + largeTableStrings - 1)
	for _, stored := range []bool{true, false} {
		apk := axmltest.Zip(nil, axmltest.File{Name: "AndroidManifest.xml", Data: manifest, Store: true},
			axmltest.File{Name: "resources.arsc", Data: table, Store: stored})
		z, err := archive.Open(bytes.NewReader(apk), int64(len(apk)))
		if err != nil {
			t.Fatal(err)
		}
		if err := checkLargeTableAudit(ParseAPK(z)); err != nil {
			t.Errorf("stored=%v: %v", stored, err)
		}
		if tableBytes := z.Budget().Inflated() - int64(len(manifest)); stored && tableBytes > 8<<10 {
			t.Errorf("read %d bytes of a %d-byte stored table", tableBytes, len(table))
		}
	}
}

// TestResourceTableChunkCap: chunks past maxTableChunks are not indexed,
// and the cap is not reached before.
func TestResourceTableChunkCap(t *testing.T) {
	good := axmltest.Table(map[uint32]axmltest.Value{0x7f0c0000: {Type: axmltest.TypeString, Str: "x"}})
	padded := func(fillers int) []byte {
		const headerSize = 12
		filler := []byte{0x77, 0x77, 8, 0, 8, 0, 0, 0} // an unknown 8-byte chunk
		b := append(append([]byte(nil), good[:headerSize]...), bytes.Repeat(filler, fillers)...)
		b = append(b, good[headerSize:]...)
		binary.LittleEndian.PutUint32(b[4:], uint32(len(b)))
		return b
	}
	// The table holds six chunks: the global pool, the package, and in it
	// the type and key pools, the type spec and, last, the type chunk.
	for _, tt := range []struct {
		fillers int
		found   bool
	}{{maxTableChunks - 6, true}, {maxTableChunks - 5, false}} {
		got, ok := newResourceTable(padded(tt.fillers)).value(0x7f0c0000)
		if ok != tt.found || (ok && got != "x") {
			t.Errorf("%d filler chunks: %q, %v; want found=%v", tt.fillers, got, ok, tt.found)
		}
	}
}
