package harmony

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/permaudit/permaudit/platforms/harmony/harmonytest"
)

// libraryDecode is the path decode takes for text the walk does not vouch
// for: comments blanked, then the json5 library.
func libraryDecode(data []byte) (any, error) { return unmarshalJSON5(blankComments(data)) }

// checkWalkAgrees fails when the one-pass walk vouches for a text but the
// library reads it otherwise, or the walk calls plain JSON what
// encoding/json does not (and the reverse).
func checkWalkAgrees(t *testing.T, data []byte) {
	t.Helper()
	s := scanPositions(data, newLineIndex(data))
	if !s.exact {
		return
	}
	want, err := libraryDecode(data)
	if err != nil {
		t.Fatalf("walk accepted %q, the json5 library says %v", data, err)
	}
	if !reflect.DeepEqual(s.value, want) {
		t.Fatalf("walk decoded %q as %#v, the json5 library as %#v", data, s.value, want)
	}
	if s.json != json.Valid(data) {
		t.Fatalf("walk says plain JSON %v for %q, encoding/json %v", s.json, data, json.Valid(data))
	}
}

// FuzzScanMatchesLibrary: whatever the one-pass walk decodes by itself,
// it decodes as the json5 library does; the rest it leaves to the library.
func FuzzScanMatchesLibrary(f *testing.F) {
	text, _ := harmonytest.ModuleJSON5(harmonytest.Module{Name: "entry", Type: "entry",
		Permissions: []harmonytest.Permission{{Name: "ohos.permission.CAMERA", Reason: "$string:r"}}})
	for _, seed := range []string{
		string(text), `{"a":[1,-2.5e3,true,false,null,{}],"b":{"c":"\u00e9\n"}}`,
		"{a: 'x', $b_1: \"y\", /* c */ d: [1,], e: {f: 2,},}", "{a: '\\'', b: \"\\x41\", c: 0x1F, d: +1, e: .5}",
		"{a: 'line\\\ncont', b: '\t', c: '\xff', d: \"\\ud83d\\ude00\"}", "{a:\f1,\vb:2}", "{1a: 2}", "{a: 01}", "{a: 1e999}",
		`{"a":1,"a":{"b":2}}`, "[1, 2]", "{a: NaN, b: -Infinity}", "{\"\\/\":\"\\b\\f\\r\\t\"}",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkWalkAgrees(t, data) })
}

// TestOrdinaryTextTakesOnePass: the files permaudit meets — generated
// fixtures, the repository's cases, the shared corpus when present — are
// decoded by the walk alone, agreeing with the library.
func TestOrdinaryTextTakesOnePass(t *testing.T) {
	mod := harmonytest.Module{Name: "entry", Type: "entry", Permissions: []harmonytest.Permission{{Name: "ohos.permission.INTERNET"}}}
	text, _ := harmonytest.ModuleJSON5(mod)
	app := harmonytest.App{BundleName: "com.example.app"}
	inputs := map[string][]byte{
		"module.json5": text, "module.json": harmonytest.ModuleJSON(app, mod), "config.json": harmonytest.ConfigJSON(app, mod),
		"app.json5": harmonytest.AppJSON5(app), "pack.info": harmonytest.PackInfo(app, mod),
	}
	for _, pattern := range []string{"../../testdata/cases/harmony/missing-reason.json5", "../../../shared/corpus/harmony/module-json5/*", "../../../shared/corpus/harmony/app-json5/*"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			inputs[f] = data
		}
	}
	for name, data := range inputs {
		if !scanPositions(data, newLineIndex(data)).exact {
			t.Errorf("%s: the walk left it to the library", name)
			continue
		}
		checkWalkAgrees(t, data)
	}
}
