package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// FuzzReadDocument: any bytes give a document or an error, never a panic.
func FuzzReadDocument(f *testing.F) {
	// Small seeds: the fuzzer minimises every new input, and a whole golden
	// report would take the run's time doing that.
	f.Add([]byte(`{"schemaVersion":1}`))
	f.Add([]byte(`{"schemaVersion":1,"tool":{"name":"permaudit","version":"1"},"policies":[{"id":"p"}],` +
		`"artifacts":[{"path":"a","kind":"apk","platform":"android","app":{},"permissions":[{"name":"x","form":"implied"}],` +
		`"matrix":[],"findings":[{"ruleId":"r","severity":"error","message":"m","fingerprint":"v1:0"}]}],` +
		`"errors":[{"path":"b","message":"m"}],"summary":{"artifacts":1},"gate":{"failOn":"never","passed":true}}`))
	f.Add([]byte(`{"schemaVersion":1,"artifacts":[{"findings":[null]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadDocument(bytes.NewReader(data))
		if err == nil && doc.SchemaVersion != SchemaVersion {
			t.Fatalf("accepted schemaVersion %d", doc.SchemaVersion)
		}
	})
}

// FuzzWriters puts arbitrary text where inputs reach the reports (paths,
// app ids, messages, entries) and checks every format still parses as
// what it claims to be.
func FuzzWriters(f *testing.F) {
	f.Add("app/src/main/AndroidManifest.xml", "com.example", "<b>&\"'|`*_[x]\n=cmd", "AndroidManifest.xml", 3)
	f.Add("/abs/päth with space/a.apk", "", "\x00\x07\ufffe\U0001F600", "lib/x.apk!AndroidManifest.xml", 0)
	f.Add(`C:\w\x.ipa`, "$(ID)", "]]><!--", "", -1)
	f.Fuzz(func(t *testing.T, path, appID, message, entry string, line int) {
		r := &audit.Result{Tool: testTool, FailOn: audit.SeverityError,
			Artifacts: []audit.ArtifactResult{{
				Declaration: audit.Declaration{Platform: audit.Android,
					Artifact: audit.Artifact{Path: path, Kind: "apk", SHA256: strings.Repeat("a", 64)},
					App:      audit.App{ID: appID}},
				Matrix: []audit.MatrixRow{{Policy: "p", Row: 1, Label: message, Category: "network",
					Level: audit.LevelRequired, Declared: []string{entry}, Verdict: audit.VerdictMissing}},
				Findings: []audit.Finding{{RuleID: "parser-" + strings.ToLower(strings.Map(keepAlnum, appID)), Severity: audit.SeverityWarning,
					Platform: audit.Android, Message: message, Remediation: message, Category: "network",
					Location: audit.Location{File: path, Entry: entry, Line: line}, Fingerprint: "v1:0000000000000000"}},
			}},
			Errors: []audit.InputError{{Path: path, Entry: entry, Line: line, Message: message}},
		}
		for _, fm := range Formats {
			var b bytes.Buffer
			if err := fm.Writer.Write(&b, r); err != nil {
				t.Fatalf("%s: %v", fm.Name, err)
			}
			out := b.Bytes()
			switch fm.Name {
			case "json", "sarif":
				if !json.Valid(out) {
					t.Fatalf("%s: invalid JSON", fm.Name)
				}
			case "junit":
				var v struct{}
				if err := xml.Unmarshal(out, &v); err != nil {
					t.Fatalf("junit: invalid XML: %v\n%s", err, out)
				}
			case "csv":
				rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
				if err != nil || len(rows) != 3 {
					t.Fatalf("csv: %d rows, %v", len(rows), err)
				}
			case "markdown":
				if len(out) > MarkdownLimit {
					t.Fatalf("markdown: %d bytes", len(out))
				}
			}
		}
	})
}

func keepAlnum(r rune) rune {
	if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
		return r
	}
	return -1
}
