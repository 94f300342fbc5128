package harmony

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/platforms/harmony/harmonytest"
)

type indexString = harmonytest.IndexString

var formats = []struct {
	name string
	f    harmonytest.IndexFormat
}{{"v1", harmonytest.IndexV1}, {"v2", harmonytest.IndexV2}}

func TestResourceIndexLookup(t *testing.T) {
	const color = 14 // ResType COLOR
	tests := []struct {
		name    string
		strs    []indexString
		lookup  string
		want    string
		wantOK  bool
		comment string
	}{
		{name: "base value", strs: []indexString{{Name: "cam", Value: "Photos you send"}}, lookup: "cam", want: "Photos you send", wantOK: true},
		{name: "base chosen over a qualifier written first",
			strs:   []indexString{{Name: "cam", Value: "Fotos", Qualifier: "de"}, {Name: "cam", Value: "Photos", Qualifier: "dark"}, {Name: "cam", Value: "Base"}},
			lookup: "cam", want: "Base", wantOK: true},
		{name: "only under a qualifier: no base value",
			strs:   []indexString{{Name: "app_name", Value: "x"}, {Name: "cam", Value: "相机", Qualifier: "zh"}},
			lookup: "cam"},
		{name: "empty value is found, empty", strs: []indexString{{Name: "cam", Value: ""}}, lookup: "cam", want: "", wantOK: true},
		{name: "unicode value", strs: []indexString{{Name: "loc", Value: "用于显示附近的朋友"}}, lookup: "loc", want: "用于显示附近的朋友", wantOK: true},
		{name: "a colour of that name is not a string",
			strs:   []indexString{{Name: "cam", Value: "#FF0000", Type: color}, {Name: "app_name", Value: "x"}},
			lookup: "cam"},
		{name: "reference to another string followed",
			strs:   []indexString{{Name: "target", Value: "Shared text"}, {Name: "cam", Value: "$string:16777216"}},
			lookup: "cam", want: "Shared text", wantOK: true},
		{name: "reference loop gives up",
			strs:   []indexString{{Name: "cam", Value: "$string:16777216"}},
			lookup: "cam"},
		{name: "unknown name", strs: []indexString{{Name: "cam", Value: "x"}}, lookup: "other"},
	}
	for _, f := range formats {
		for _, tt := range tests {
			t.Run(f.name+"/"+tt.name, func(t *testing.T) {
				data := harmonytest.ResourceIndex(f.f, tt.strs...)
				x, err := readResourceIndex(data, map[string]bool{tt.lookup: true})
				if err != nil {
					t.Fatal(err)
				}
				got, ok := x.lookup(tt.lookup)
				if got != tt.want || ok != tt.wantOK {
					t.Errorf("lookup(%q) = %q, %v; want %q, %v", tt.lookup, got, ok, tt.want, tt.wantOK)
				}
			})
		}
	}
}

func TestResourceIndexOnlyWantedNamesKept(t *testing.T) {
	data := harmonytest.ResourceIndex(harmonytest.IndexV1, indexString{Name: "a", Value: "1"}, indexString{Name: "b", Value: "2"})
	x, err := readResourceIndex(data, map[string]bool{"b": true})
	if err != nil {
		t.Fatal(err)
	}
	if len(x.found) != 1 {
		t.Errorf("kept %v, want only b", x.found)
	}
}

func TestResourceIndexMalformed(t *testing.T) {
	valid := func(f harmonytest.IndexFormat) []byte {
		return harmonytest.ResourceIndex(f, indexString{Name: "cam", Value: "x"}, indexString{Name: "cam", Value: "y", Qualifier: "en"})
	}
	put := func(b []byte, at int, v uint32) []byte {
		binary.LittleEndian.PutUint32(b[at:], v)
		return b
	}
	tests := []struct {
		name   string
		format harmonytest.IndexFormat
		mutate func([]byte) []byte
		err    string
	}{
		{"empty", harmonytest.IndexV1, func([]byte) []byte { return nil }, "shorter than the 136-byte header"},
		{"not restool", harmonytest.IndexV1, func(b []byte) []byte { copy(b, "PK\x03\x04"); return b }, "is not restool's"},
		{"longer than the file", harmonytest.IndexV1, func(b []byte) []byte { return put(b, 128, uint32(len(b)+1)) }, "the header gives"},
		{"no keys", harmonytest.IndexV1, func(b []byte) []byte { return put(b, 132, 0) }, "no qualifier keys"},
		{"huge key count", harmonytest.IndexV1, func(b []byte) []byte { return put(b, 132, 1<<31) }, "keys do not fit"},
		{"bad key tag", harmonytest.IndexV1, func(b []byte) []byte { copy(b[136:], "XXXX"); return b }, `does not start with "KEYS"`},
		{"huge param count", harmonytest.IndexV1, func(b []byte) []byte { return put(b, 144, 1<<30) }, "past the end"},
		{"id set offset out of range", harmonytest.IndexV1, func(b []byte) []byte { return put(b, 140, 1<<30) }, `does not start with "IDSS"`},
		{"v2 bad id set tag", harmonytest.IndexV2, func(b []byte) []byte {
			i := bytes.Index(b, []byte("IDSS"))
			copy(b[i:], "XXXX")
			return b
		}, `does not start with "IDSS"`},
		{"v2 huge type count", harmonytest.IndexV2, func(b []byte) []byte { return put(b, bytes.Index(b, []byte("IDSS"))+8, 1<<30) }, "past the end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readResourceIndex(tt.mutate(valid(tt.format)), map[string]bool{"cam": true})
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("err %v, want one containing %q", err, tt.err)
			}
		})
	}
}

// TestResourceIndexEveryTruncation cuts a valid table at every length,
// with the header's length fixed up so the cut is inside the records.
func TestResourceIndexEveryTruncation(t *testing.T) {
	for _, f := range formats {
		data := harmonytest.ResourceIndex(f.f, indexString{Name: "cam", Value: "x"}, indexString{Name: "mic", Value: "y", Qualifier: "en"})
		for n := range len(data) {
			cut := bytes.Clone(data[:n])
			if n >= 136 {
				binary.LittleEndian.PutUint32(cut[128:], uint32(n))
			}
			x, err := readResourceIndex(cut, map[string]bool{"cam": true, "mic": true})
			if err == nil {
				x.lookup("cam") // must not panic; may or may not find it
			}
		}
	}
}

func FuzzResourceIndex(f *testing.F) {
	for _, fm := range formats {
		f.Add(harmonytest.ResourceIndex(fm.f,
			indexString{Name: "cam", Value: "Photos"}, indexString{Name: "cam", Value: "Fotos", Qualifier: "de"},
			indexString{Name: "ref", Value: "$string:16777216"}, indexString{Name: "red", Value: "#f00", Type: 14}))
	}
	f.Add([]byte("Restool 5"))
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		x, err := readResourceIndex(data, map[string]bool{"cam": true, "ref": true, "red": true})
		if err == nil {
			for _, name := range []string{"cam", "ref", "red", "none"} {
				v1, ok1 := x.lookup(name)
				v2, ok2 := x.lookup(name)
				if v1 != v2 || ok1 != ok2 {
					t.Fatalf("two lookups of %q differ", name)
				}
			}
		}
		if !bytes.Equal(data, orig) {
			t.Fatal("input was modified")
		}
	})
}
