package report

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
)

func TestCSV(t *testing.T) {
	r := handResult(t)
	f, _ := Lookup("csv")
	out := render(t, *f, r)
	if bytes.Count(out, []byte("\n")) != bytes.Count(out, []byte("\r\n")) {
		t.Error("RFC 4180 wants CRLF line ends")
	}
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v", err)
	}
	if !reflect.DeepEqual(rows[0], CSVHeader) {
		t.Fatalf("header %v", rows[0])
	}
	findings := 0
	for _, a := range r.Artifacts {
		findings += len(a.Findings)
	}
	if got := len(rows) - 1; got != findings+len(r.Errors) {
		t.Fatalf("%d rows for %d findings and %d unreadable inputs", got, findings, len(r.Errors))
	}
	col := map[string]int{}
	for i, h := range CSVHeader {
		col[h] = i
	}
	var sawLine, sawInjection, sawError bool
	for _, row := range rows[1:] {
		if len(row) != len(CSVHeader) {
			t.Fatalf("row has %d fields", len(row))
		}
		switch {
		case row[col["rule"]] == inputErrorRule:
			sawError = row[col["path"]] == "dist/broken.ipa" && row[col["line"]] == "3"
		case row[col["rule"]] == "permission-misplaced":
			sawLine = row[col["line"]] == "9" && row[col["permission"]] == "android.permission.CAMERA"
		case row[col["rule"]] == "package-prepended-data":
			sawInjection = strings.HasPrefix(row[col["message"]], "'=HYPERLINK")
		}
		if row[col["rule"]] != inputErrorRule && (row[col["fingerprint"]] == "" || row[col["sha256"]] == "") {
			t.Errorf("finding row lacks fingerprint or digest: %v", row)
		}
		if row[col["tool"]] != "permaudit v0.9.0" || !strings.HasPrefix(row[col["policy"]], "easemob-im 2024-11-01") {
			t.Errorf("audit trail columns: %v", row)
		}
	}
	if !sawLine || !sawInjection || !sawError {
		t.Errorf("line column %v, formula neutralised %v, input error row %v", sawLine, sawInjection, sawError)
	}
}

func TestCSVSafe(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+cmd": "'+cmd", "-x": "'-x", "@SUM": "'@SUM", "plain": "plain", "": "",
		"com.x\x1b[2J\x07": `com.x\x1b[2J\x07`, "\x1b=1": `\x1b=1`} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
}
