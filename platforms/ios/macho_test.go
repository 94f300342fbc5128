package ios_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"

	"github.com/permaudit/permaudit/platforms/ios"
	"github.com/permaudit/permaudit/platforms/ios/iostest"
)

var entsXML = iostest.XMLPlist(map[string]any{"aps-environment": "production"})

// bothWays runs the random-access and the forward-only reader and insists
// they agree.
func bothWays(t *testing.T, data []byte) ([]byte, error) {
	t.Helper()
	a, errA := ios.MachOEntitlements(bytes.NewReader(data), int64(len(data)))
	b, errB := ios.MachOEntitlementsStream(onlyReader{bytes.NewReader(data)}, int64(len(data)))
	if !bytes.Equal(a, b) || (errA == nil) != (errB == nil) {
		t.Errorf("random access gave %q, %v; stream gave %q, %v", a, errA, b, errB)
	}
	return a, errA
}

// onlyReader hides every method but Read.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

func TestMachOEntitlements(t *testing.T) {
	thin64 := iostest.MachO{Entitlements: entsXML, CodeSize: 5000}.Bytes()
	thin32 := iostest.MachO{Entitlements: entsXML, Bits32: true}.Bytes()
	tests := []struct {
		name string
		data []byte
		want []byte
		err  error
	}{
		{"thin 64", thin64, entsXML, nil},
		{"thin 32", thin32, entsXML, nil},
		{"big-endian", iostest.MachO{Entitlements: entsXML, BigEndian: true}.Bytes(), entsXML, nil},
		{"with DER too", iostest.MachO{Entitlements: entsXML, DEREntitlements: []byte{0x70, 0}}.Bytes(), entsXML, nil},
		{"fat", iostest.Fat(false, thin32, thin64), entsXML, nil},
		{"fat 64", iostest.Fat(true, thin64), entsXML, nil},
		{"fat, first slice unsigned", iostest.Fat(false, iostest.MachO{Unsigned: true}.Bytes(), thin64), entsXML, nil},
		{"signed, no entitlements", iostest.MachO{}.Bytes(), nil, nil},
		{"unsigned", iostest.MachO{Unsigned: true, CodeSize: 100}.Bytes(), nil, ios.ErrNotSigned},
		{"fat unsigned", iostest.Fat(false, iostest.MachO{Unsigned: true}.Bytes()), nil, ios.ErrNotSigned},
		{"empty", nil, nil, ios.ErrNotMachO},
		{"text", []byte("#!/bin/sh\necho hi\n"), nil, ios.ErrNotMachO},
		{"java class", []byte{0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52, 1, 2, 3}, nil, ios.ErrNotMachO},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := bothWays(t, tt.data)
			if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if !bytes.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMachOBroken(t *testing.T) {
	good := iostest.MachO{Entitlements: entsXML, CodeSize: 64}.Bytes()
	sigOff := int(binary.LittleEndian.Uint32(good[32+24+8:]))
	patch := func(at int, v uint32, bigEndian bool) []byte {
		b := bytes.Clone(good)
		if bigEndian {
			binary.BigEndian.PutUint32(b[at:], v)
		} else {
			binary.LittleEndian.PutUint32(b[at:], v)
		}
		return b
	}
	tests := map[string][]byte{
		"truncated in header":        good[:20],
		"truncated in signature":     good[:sigOff+20],
		"load commands too large":    patch(20, 1<<30, false),
		"signature past the end":     patch(32+24+8, 1<<30, false),
		"bad superblob magic":        patch(sigOff, 0x12345678, true),
		"superblob counts too many":  patch(sigOff+8, 100000, true),
		"entitlements blob overruns": patch(sigOff+12+8*2+4, 0, true), // slot 5 offset → 0, inside the index
		"fat slice outside the file": func() []byte {
			b := iostest.Fat(false, good)
			binary.BigEndian.PutUint32(b[8+8:], 1<<30)
			return b
		}(),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := bothWays(t, data)
			if got != nil {
				t.Errorf("got entitlements %q from a broken file", got)
			}
			_ = err // some breakages only hide the blob; none may panic
		})
	}
}

func TestMachOStreamSkipsWithoutBuffering(t *testing.T) {
	// A 16 MiB stand-in executable read through a counting reader: the
	// stream must reach the signature at the end without an io.ReaderAt.
	data := iostest.MachO{Entitlements: entsXML, CodeSize: 16 << 20}.Bytes()
	cr := &countingReader{r: bytes.NewReader(data)}
	got, err := ios.MachOEntitlementsStream(cr, int64(len(data)))
	if err != nil || !bytes.Equal(got, entsXML) {
		t.Fatalf("got %q, %v", got, err)
	}
	if cr.largest > 64<<10 {
		t.Errorf("largest single read was %d bytes; skipping should go in small pieces", cr.largest)
	}
}

type countingReader struct {
	r       io.Reader
	largest int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.largest = max(c.largest, n)
	return n, err
}
