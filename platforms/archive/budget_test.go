package archive

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive/ziptest"
)

// TestBudgetCountsEverythingNested: one budget covers the top archive
// and every archive inside it, and running out names the limit and the
// flag that raises it.
func TestBudgetCountsEverythingNested(t *testing.T) {
	inner := ziptest.Write(nil, ziptest.File{Name: "m", Data: bytes.Repeat([]byte("z"), 3000)}, ziptest.File{Name: "n", Data: []byte("n")})
	outer := ziptest.Write(nil,
		ziptest.File{Name: "one.hap", Data: inner}, ziptest.File{Name: "two.hap", Data: inner, Store: true},
		ziptest.File{Name: "three.hap", Data: inner})
	var b *Budget
	readAll := func(l Limits) error {
		b = NewBudget(l)
		z, err := OpenWithin(bytes.NewReader(outer), int64(len(outer)), b)
		if err != nil {
			return err
		}
		for _, name := range []string{"one.hap", "two.hap", "three.hap"} {
			n, err := z.OpenNested(z.File(name))
			if err != nil {
				return err
			}
			if _, err := n.Read(n.File("m"), MaxEntry); err != nil {
				return err
			}
		}
		return nil
	}
	roomy := Limits{Inflate: 1 << 20, Entries: 100, Packages: 10, InflateTime: time.Minute}
	if err := readAll(roomy); err != nil {
		t.Fatalf("within limits: %v", err)
	}
	deflatedInner := int64(len(inner))
	tests := []struct {
		name  string
		edit  func(*Limits)
		flag  string
		entry string // where the input's error points
	}{
		// Two deflated .hap inflate 2×len(inner); three m entries 9000 bytes.
		{"bytes", func(l *Limits) { l.Inflate = 2*deflatedInner + 8000 }, "--max-inflate", "three.hap!/m"},
		{"entries", func(l *Limits) { l.Entries = 3 + 2*2 }, "--max-entries", "three.hap"},
		{"packages", func(l *Limits) { l.Packages = 2 }, "--max-packages", "three.hap"},
		{"time", func(l *Limits) { l.InflateTime = time.Nanosecond }, "--max-inflate-time", "one.hap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := roomy
			tt.edit(&l)
			err := readAll(l)
			var le *LimitError
			if !errors.As(err, &le) || !strings.Contains(err.Error(), tt.flag) {
				t.Fatalf("err = %v, want a LimitError naming %s", err, tt.flag)
			}
			var pe *audit.ParseError
			if berr := b.Err(); !errors.As(berr, &pe) || pe.Entry != tt.entry || !errors.As(berr, &le) {
				t.Errorf("Budget.Err() = %v, want the limit at entry %s", berr, tt.entry)
			}
		})
	}
}

// TestMeterStopsMidEntry: a budget smaller than one entry stops the read
// inside it, not after inflating the whole entry.
func TestMeterStopsMidEntry(t *testing.T) {
	data := ziptest.Write(nil, ziptest.File{Name: "bomb", Data: make([]byte, 64<<20)})
	b := NewBudget(Limits{Inflate: 1 << 20, Entries: 10, Packages: 1, InflateTime: time.Minute})
	z, err := OpenWithin(bytes.NewReader(data), int64(len(data)), b)
	if err != nil {
		t.Fatal(err)
	}
	_, err = z.Read(z.File("bomb"), 128<<20)
	if err == nil || !strings.Contains(err.Error(), "1MiB inflated bytes") {
		t.Fatalf("err = %v", err)
	}
	if b.inflated > 2<<20 {
		t.Errorf("inflated %d bytes before stopping, want about 1 MiB", b.inflated)
	}
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]int64{"1GiB": 1 << 30, "512MiB": 512 << 20, "64KiB": 64 << 10, "1000": 1000, "2gib": 2 << 30} {
		if got, err := ParseBytes(in); err != nil || got != want {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "-1", "1TB", "MiB", "1.5GiB"} {
		if _, err := ParseBytes(bad); err == nil {
			t.Errorf("ParseBytes(%q) accepted", bad)
		}
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{1 << 30: "1GiB", 512 << 20: "512MiB", 3 << 10: "3KiB", 1000: "1000 bytes"} {
		if got := FormatBytes(n); got != want {
			t.Errorf("FormatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}
