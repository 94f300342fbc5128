package android

import (
	"testing"

	"github.com/permaudit/permaudit/platforms/android/axmltest"
)

func TestResourceTableEncodings(t *testing.T) {
	values := map[uint32]axmltest.Value{
		0x7f0c0000: {Type: axmltest.TypeString, Str: "zero"},
		0x7f0c0005: {Type: axmltest.TypeString, Str: "five"},
		0x7f0c0006: {Type: axmltest.TypeReference, Data: 0x7f0c0005},
		0x7f0d0002: {Type: axmltest.TypeIntDec, Data: 33},
		0x7f0e0000: {Type: axmltest.TypeBoolean},
		0x7f0e0001: {Type: axmltest.TypeReference, Data: 0x7f0e0001}, // a loop
	}
	want := map[uint32]string{0x7f0c0000: "zero", 0x7f0c0005: "five", 0x7f0c0006: "five", 0x7f0d0002: "33", 0x7f0e0000: "false"}
	missing := []uint32{0x7f0c0001, 0x7f0c0007, 0x7f0f0000, 0x7e0c0000, 0x7f000000, 0x7f0e0001}
	for _, opt := range []axmltest.TableOptions{{}, {Sparse: true}, {Offset16: true}, {Compact: true}, {Sparse: true, Compact: true}, {Locale: "fr"}} {
		table := newResourceTable(axmltest.Table(values, opt))
		if table == nil {
			t.Fatalf("%+v: table not read", opt)
		}
		for id, w := range want {
			if got, ok := table.value(id); !ok || got != w {
				t.Errorf("%+v: 0x%08x = %q, %v; want %q", opt, id, got, ok, w)
			}
		}
		for _, id := range missing {
			if got, ok := table.value(id); ok {
				t.Errorf("%+v: 0x%08x = %q, want nothing", opt, id, got)
			}
		}
	}
}

func TestResourceTablePrefersDefaultConfig(t *testing.T) {
	id := uint32(0x7f0c0000)
	fr := axmltest.Table(map[uint32]axmltest.Value{id: {Type: axmltest.TypeString, Str: "bonjour"}}, axmltest.TableOptions{Locale: "fr"})
	// In the default table "hello" is string 1; the French entry points at string 0.
	def := axmltest.Table(map[uint32]axmltest.Value{0x7f0b0000: {Type: axmltest.TypeString, Str: "first"}, id: {Type: axmltest.TypeString, Str: "hello"}})
	// Graft the default type chunk into the French table's package.
	table := newResourceTable(fr)
	other := newResourceTable(def)
	key := uint32(0x7f<<8 | 0x0c)
	table.types[key] = append(table.types[key], other.types[key]...)
	table.strings = other.strings
	if got, _ := table.value(id); got != "hello" {
		t.Errorf("value = %q, want the default configuration's", got)
	}
}

func TestResourceTableHostile(t *testing.T) {
	good := axmltest.Table(map[uint32]axmltest.Value{0x7f0c0000: {Type: axmltest.TypeString, Str: "x"}})
	for n := 0; n < len(good); n++ {
		table := newResourceTable(good[:n])
		table.value(0x7f0c0000) // must not panic
	}
	for i := 0; i < len(good); i++ {
		b := append([]byte(nil), good...)
		b[i] ^= 0xff
		newResourceTable(b).value(0x7f0c0000)
	}
}
