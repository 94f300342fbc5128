package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit/golden"
)

// TestReadDocumentRoundTrip: every golden JSON reads back into the
// Document the writer made, and writes out byte for byte the same.
func TestReadDocumentRoundTrip(t *testing.T) {
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(golden.Dir(), goldenName(s.name, "json")))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ReadDocument(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			want := NewDocument(s.run(t))
			if !reflect.DeepEqual(normalise(t, doc), normalise(t, want)) {
				t.Error("read document differs from the one written")
			}
			var again bytes.Buffer
			enc := json.NewEncoder(&again)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(doc); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Bytes(), data) {
				t.Error("re-encoding the read document does not reproduce the file")
			}
		})
	}
}

// normalise compares documents through JSON, where nil and empty slices
// of omitempty fields look the same.
func normalise(t *testing.T, d Document) any {
	t.Helper()
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return decodeAny(t, raw)
}

func TestReadDocument(t *testing.T) {
	tests := []struct {
		name, in, wantErr string
	}{
		{"minimal", `{"schemaVersion":1,"tool":{"name":"permaudit","version":"1"},"summary":{},"gate":{"failOn":"never","passed":true}}`, ""},
		{"later fields", `{"schemaVersion":1,"tool":{"name":"permaudit","version":"2"},"newThing":[1,2],"summary":{},"gate":{}}`, ""},
		{"empty", ``, "empty input"},
		{"not json", `<sarif/>`, "not a permaudit JSON report"},
		{"no version", `{"tool":{"name":"x"}}`, "no schemaVersion"},
		{"newer version", `{"schemaVersion":2}`, "schemaVersion 2"},
		{"a sarif file", `{"version":"2.1.0","runs":[]}`, "no schemaVersion"},
		{"trailing data", `{"schemaVersion":1} {"schemaVersion":1}`, "data after"},
		{"wrong type", `{"schemaVersion":"1"}`, "not a permaudit JSON report"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadDocument(strings.NewReader(tt.in))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if doc.Artifacts == nil || doc.Errors == nil || doc.Policies == nil {
					t.Error("lists should read as empty, not nil")
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}
