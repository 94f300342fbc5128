package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// stdIndented is what the JSON report used to be written with.
func stdIndented(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func oneIndented(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := encodeIndented(&b, v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestIndentEncoderMatchesEncodingJSON: the one-pass writer gives the
// bytes encoding/json gives, for every report scenario and for the kinds
// a document type might grow (maps, floats, bytes, nil and empty slices).
func TestIndentEncoderMatchesEncodingJSON(t *testing.T) {
	type odd struct {
		M       map[string][]int   `json:"m"`
		Nil     map[string]int     `json:"nil"`
		Empty   map[string]int     `json:"empty"`
		F       float64            `json:"f"`
		B       []byte             `json:"b"`
		S       []string           `json:"s"`
		E       []string           `json:"e"`
		Skip    string             `json:"-"`
		Plain   string             // no tag: named after the field
		Omitted int                `json:"omitted,omitempty"`
		P       *struct{ X int }   `json:"p,omitempty"`
		Nested  map[string]any     `json:"nested"`
		Q       string             `json:"q\u00e9\"<>"`
		I       any                `json:"i"`
		U       uint16             `json:"u,omitempty"`
		Deep    [][]map[string]int `json:"deep"`
	}
	values := map[string]any{
		"odd": odd{M: map[string][]int{"b": {1, 2}, "a": nil, "c": {}}, Empty: map[string]int{}, F: 1.5e-7,
			B: []byte("hi\x00"), E: []string{}, Plain: "x", P: &struct{ X int }{3},
			Nested: map[string]any{"z": []any{1.0, "two", nil, map[string]any{}}, "y": map[string]any{"k": true}},
			I:      []int{1}, U: 7, Deep: [][]map[string]int{{{"x": 1}, {}}, {}}},
		"zero odd":     odd{},
		"hand":         NewDocument(handResult(t)),
		"big batch":    NewDocument(bigBatch(t, 40)),
		"empty result": NewDocument((&scenario{}).run(t)),
	}
	for _, s := range scenarios {
		values["scenario "+s.name] = NewDocument(s.run(t))
	}
	for name, v := range values {
		t.Run(name, func(t *testing.T) {
			want, got := stdIndented(t, v), oneIndented(t, v)
			if !bytes.Equal(got, want) {
				t.Errorf("one-pass JSON differs from encoding/json at byte %d:\ngot:  %q\nwant: %q",
					firstDiff(got, want), around(got, firstDiff(got, want)), around(want, firstDiff(got, want)))
			}
		})
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func around(b []byte, i int) string { return string(b[max(0, i-40):min(len(b), i+40)]) }

// FuzzJSONString: any string is quoted as encoding/json quotes it.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "\"\\/\b\f\n\r\t\x00\x1f\x7f", "<&>", "\u2028\u2029é😀", "\xff\xfe bad \xc3", "\ufffd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got strings.Builder
		writeJSONString(&got, s)
		want := stdIndented(t, s)
		if got.String()+"\n" != string(want) {
			t.Fatalf("quoted %q as %s, encoding/json as %s", s, got.String(), want)
		}
	})
}
