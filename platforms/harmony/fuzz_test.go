package harmony_test

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
	"github.com/permaudit/permaudit/platforms/harmony"
	"github.com/permaudit/permaudit/platforms/harmony/harmonytest"
)

func FuzzParseModule(f *testing.F) {
	text, _ := harmonytest.ModuleJSON5(entryMod)
	for _, seed := range [][]byte{
		[]byte(happyJSON5), text,
		harmonytest.ModuleJSON(testApp, entryMod),
		harmonytest.ConfigJSON(testApp, entryMod),
		harmonytest.AppJSON5(testApp),
		harmonytest.PackInfo(testApp, entryMod),
		[]byte("{module: {requestPermissions: [{name: 'a', usedScene: {abilities: ['x'], when: 'inuse'}}]}}"),
		[]byte("{\r\nmodule: {'n\\u0061me': \"x\\\ny\"}} /* *x/"),
		[]byte("{a: 0x1F, b: +Infinity, c: .5e3, d: NaN}"),
		[]byte("[[[[[]]]]]"), []byte(""), []byte("\ufeff"),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		d, err := harmony.ParseModule(data)
		checkResult(t, data, d, err)
		again, err2 := harmony.ParseModule(data)
		if !reflect.DeepEqual(d, again) || (err == nil) != (err2 == nil) {
			t.Fatalf("two parses differ")
		}
		d, err = harmony.ParseConfigJSON(data)
		checkResult(t, data, d, err)
		if _, err := harmony.ParseAppJSON(data); err != nil {
			checkError(t, err)
		}
		harmony.SniffJSON(data)
		if !bytes.Equal(data, orig) {
			t.Fatalf("input was modified")
		}
	})
}

func FuzzParseHAP(f *testing.F) {
	entry := harmonytest.HAP(testApp, entryMod)
	for _, seed := range [][]byte{
		entry,
		harmonytest.HAP(testApp, sharedMod),
		harmonytest.FAHAP(testApp, entryMod),
		harmonytest.AppPack(testApp, []harmonytest.Module{entryMod}, harmonytest.File{Name: "entry-default.hap", Data: entry}),
		harmonytest.Zip(harmonytest.File{Name: "module.json", Data: []byte("{")}),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		z, err := archive.Open(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		harmony.DetectPackage(z)
		d, err := harmony.ParseHAP(z)
		checkResult(t, nil, d, err)
		d, err = harmony.ParseAppPack(z)
		checkResult(t, nil, d, err)
	})
}

// checkResult holds every parse to its contract: a ParseError or a
// declaration whose permissions have names, the request form and, for
// text input, lines inside the text.
func checkResult(t *testing.T, text []byte, d audit.Declaration, err error) {
	t.Helper()
	if err != nil {
		checkError(t, err)
		return
	}
	if d.Platform != audit.HarmonyOS || d.Artifact.Kind == "" || d.Permissions == nil {
		t.Fatalf("incomplete declaration: %+v", d)
	}
	lines := bytes.Count(text, []byte("\n")) + bytes.Count(text, []byte("\r")) + 1
	for _, p := range d.Permissions {
		if p.Form != audit.FormRequestPermission || p.Line < 1 || (text != nil && p.Line > lines) {
			t.Fatalf("bad permission %+v (text has %d lines)", p, lines)
		}
	}
}

func checkError(t *testing.T, err error) {
	t.Helper()
	var pe *audit.ParseError
	if !errors.As(err, &pe) || pe.Err == nil || pe.Line < 0 {
		t.Fatalf("error %v (%T) is not a usable *audit.ParseError", err, err)
	}
}
