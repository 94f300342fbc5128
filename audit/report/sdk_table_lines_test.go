package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// TestSDKTableCellsKeepTheirLineBreaks: a cell listing several permissions
// or evidence items shows one per line; the line break the writer puts
// between them is not escaped as input text (\x0a), while a control
// character inside an item still is.
func TestSDKTableCellsKeepTheirLineBreaks(t *testing.T) {
	sdk := audit.DetectedSDK{ID: "easemob-im", Name: "Easemob IM SDK", Vendor: "Easemob",
		Evidence:    []string{"pod Chat", "EM\x1b[31m"},
		Permissions: []string{"CAMERA", "INTERNET"}}
	audited := sdkResult(t)
	audited.Artifacts[0].SDKs = []audit.DetectedSDK{sdk}
	list := []audit.SDKListEntry{{Path: "im.apk", Platform: audit.Android, App: "com.example.chat", DetectedSDK: sdk}}
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"audit table", func(b *bytes.Buffer) error {
			f, _ := Lookup("table")
			return WriterFor(f, Options{Width: 1000}).Write(b, audited)
		}},
		{"sdk-list table", func(b *bytes.Buffer) error { return writeSDKTable(b, list, 1000) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if strings.Contains(out, `\x0a`) {
				t.Errorf("a cell's line break is shown escaped:\n%s", out)
			}
			if strings.Contains(out, "\x1b") || !strings.Contains(out, `EM\x1b[31m`) {
				t.Errorf("the ESC in the evidence is not escaped:\n%s", out)
			}
			for _, item := range []string{"CAMERA", "INTERNET", "pod Chat"} {
				if !lineHolds(out, item) {
					t.Errorf("%q is not on a line of its own in its cell:\n%s", item, out)
				}
			}
		})
	}
}

// lineHolds reports whether some line has item alone in a cell. The
// items are short, so that no width wraps them.
func lineHolds(out, item string) bool {
	for _, line := range strings.Split(out, "\n") {
		for _, cell := range strings.Split(line, "│") {
			if strings.TrimSpace(cell) == item {
				return true
			}
		}
	}
	return false
}

// TestSDKListCSVNoFormula: a spreadsheet opening the sdk-list CSV runs no
// formula an input smuggled into its app id, path or evidence.
func TestSDKListCSVNoFormula(t *testing.T) {
	e := audit.SDKListEntry{Path: "=HYPERLINK(\"http://x\")", Platform: audit.Android, App: "+cmd|' /C calc'!A0",
		DetectedSDK: audit.DetectedSDK{ID: "x", Name: "X", Evidence: []string{"@SUM(1)"}}}
	var b bytes.Buffer
	if err := writeSDKCSV(&b, []audit.SDKListEntry{e}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, cell := range rows[1] {
		if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
			t.Errorf("cell %q would run as a formula", cell)
		}
	}
}

// TestSDKListMarkdownEscapesInput: an app id or class name from the input
// stays text in the published SDK list, never a link, HTML or a cell
// break.
func TestSDKListMarkdownEscapesInput(t *testing.T) {
	e := audit.SDKListEntry{Path: "a.apk", Platform: audit.Android, App: "[Verified](http://x.example)",
		DetectedSDK: audit.DetectedSDK{ID: "x", Name: "X", Evidence: []string{"dex-package <img src=x>|y"}}}
	var b bytes.Buffer
	if err := writeSDKMarkdown(&b, []audit.SDKListEntry{e}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, raw := range []string{"[Verified]", "<img", ">|y"} {
		if strings.Contains(out, raw) {
			t.Errorf("markdown carries %q unescaped:\n%s", raw, out)
		}
	}
}
