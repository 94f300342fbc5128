package archive

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive/ziptest"
)

type entry = ziptest.File

func makeZip(_ testing.TB, entries ...entry) []byte { return ziptest.Write(nil, entries...) }

func open(t testing.TB, data []byte) *Zip {
	t.Helper()
	z, err := Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return z
}

func TestReadCaps(t *testing.T) {
	bomb := bytes.Repeat([]byte{0}, 4<<20) // deflates to a few KiB
	z := open(t, makeZip(t, entry{Name: "small", Data: []byte("hello")}, entry{Name: "bomb", Data: bomb}))
	tests := []struct {
		name    string
		max     int64
		wantErr string
	}{
		{"small", 16, ""},
		{"small", 4, "over the 4-byte limit"},
		{"bomb", 1 << 20, "over the 1048576-byte limit"},
	}
	for _, tt := range tests {
		data, err := z.Read(z.File(tt.name), tt.max)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%s: err %v, want %q", tt.name, err, tt.wantErr)
		case tt.wantErr == "" && string(data) != "hello":
			t.Errorf("%s: got %q", tt.name, data)
		}
		var pe *audit.ParseError
		if err != nil && (!errors.As(err, &pe) || pe.Entry != tt.name) {
			t.Errorf("%s: error does not name the entry: %v", tt.name, err)
		}
	}
}

// TestReadLyingHeader: a central directory that understates the size
// must still stop at the cap, not trust the header.
func TestReadLyingHeader(t *testing.T) {
	data := makeZip(t, entry{Name: "m", Data: bytes.Repeat([]byte("x"), 1000)})
	z := open(t, data)
	f := z.File("m")
	f.UncompressedSize64 = 10
	if _, err := z.Read(f, 100); err == nil {
		t.Fatal("read past the cap")
	}
}

func TestNestedStoredAndDeflated(t *testing.T) {
	inner := makeZip(t, entry{Name: "module.json", Data: []byte(`{"module":{}}`)})
	for _, store := range []bool{true, false} {
		z := open(t, makeZip(t, entry{Name: "entry.hap", Data: inner, Store: store}))
		n, err := z.OpenNested(z.File("entry.hap"))
		if err != nil {
			t.Fatalf("store=%v: %v", store, err)
		}
		got, err := n.Read(n.File("module.json"), MaxEntry)
		if err != nil || string(got) != `{"module":{}}` {
			t.Errorf("store=%v: %q %v", store, got, err)
		}
		if name := n.EntryName(n.File("module.json")); name != "entry.hap!/module.json" {
			t.Errorf("nested entry name %q", name)
		}
	}
	z := open(t, makeZip(t, entry{Name: "bad.hap", Data: []byte("not a zip"), Store: true}))
	if _, err := z.OpenNested(z.File("bad.hap")); err == nil || !strings.Contains(err.Error(), "bad.hap") {
		t.Errorf("nested non-zip: %v", err)
	}
}

func TestMatchSortedAndFirstDuplicateWins(t *testing.T) {
	z := open(t, makeZip(t,
		entry{Name: "b/Info.plist", Data: []byte("b")}, entry{Name: "a/Info.plist", Data: []byte("a")},
		entry{Name: "a/Info.plist", Data: []byte("second")}))
	got := z.Match("*/Info.plist")
	if len(got) != 2 || got[0].Name != "a/Info.plist" || got[1].Name != "b/Info.plist" {
		t.Fatalf("Match = %v", got)
	}
	if data, _ := z.Read(z.File("a/Info.plist"), 10); string(data) != "a" {
		t.Errorf("duplicate: got %q, want the first", data)
	}
}

func TestOpenRefusesNonZip(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("PK\x03\x04"), []byte("plain text")} {
		if _, err := Open(bytes.NewReader(data), int64(len(data))); err == nil {
			t.Errorf("%q opened", data)
		}
	}
}

func FuzzOpenAndRead(f *testing.F) {
	f.Add(makeZip(f, entry{Name: "AndroidManifest.xml", Data: []byte("x")}))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Fuzz(func(t *testing.T, data []byte) {
		z, err := Open(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		for _, e := range z.Files() {
			_, _ = z.Read(e, 1<<16)
			if strings.HasSuffix(e.Name, ".hap") {
				_, _ = z.OpenNested(e)
			}
		}
	})
}

func TestPrependedBytes(t *testing.T) {
	files := []entry{{Name: "AndroidManifest.xml", Data: []byte("x")}}
	tests := []struct {
		prefix []byte
		lead   int64
		found  bool
	}{
		{nil, 0, false},
		{[]byte("dex\n035\x00 hidden code"), 20, true},
	}
	for _, tt := range tests {
		data := ziptest.Write(tt.prefix, files...)
		lead, found := open(t, data).PrependedBytes()
		if lead != tt.lead || found != tt.found {
			t.Errorf("prefix %q: got %d %v, want %d %v", tt.prefix, lead, found, tt.lead, tt.found)
		}
	}
}
