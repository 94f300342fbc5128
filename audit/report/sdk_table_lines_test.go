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
		{"sdk-list table", func(b *bytes.Buffer) error { return writeSDKTable(b, audit.SDKListing{SDKs: list}, 1000) }},
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
	if err := writeSDKCSV(&b, audit.SDKListing{SDKs: []audit.SDKListEntry{e}}); err != nil {
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

// TestSDKListMarkdownEscapesInput: an app id, class name, path or error
// message from the input stays text in the published SDK list, never a
// link, HTML or a cell break — in the table, the apps without SDKs and
// the inputs that could not be read alike.
func TestSDKListMarkdownEscapesInput(t *testing.T) {
	e := audit.SDKListEntry{Path: "a.apk", Platform: audit.Android, App: "[Verified](http://x.example)",
		DetectedSDK: audit.DetectedSDK{ID: "x", Name: "X", Evidence: []string{"dex-package <img src=x>|y"}}}
	l := audit.SDKListing{SDKs: []audit.SDKListEntry{e},
		Artifacts: []audit.ListedArtifact{{Path: "a.apk", Platform: audit.Android, App: e.App},
			{Path: "b.apk", Platform: audit.Android, App: "*[Claim](http://y.example)*"}},
		Errors: []audit.InputError{{Path: "c`|<i>.apk", Entry: "x<b>", Message: "bad <script> [z](http://z.example)"}}}
	var b bytes.Buffer
	if err := writeSDKMarkdown(&b, l); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// Paths and entries are code spans (literal text) with a fence longer
	// than any backtick run in them.
	if !strings.Contains(out, "- ``c`\\|<i>.apk`` entry `x<b>`: bad &lt;script&gt;") {
		t.Errorf("the unread input is not shown as code and escaped text:\n%s", out)
	}
	for _, raw := range []string{"[Verified]", "<img", ">|y", "[Claim]", "<script>", "[z]"} {
		if strings.Contains(out, raw) {
			t.Errorf("markdown carries %q unescaped:\n%s", raw, out)
		}
	}
}

// TestSDKListTableEscapesUnreadInputs: the "Incomplete" lines and the
// apps without SDKs show a control character from the input as text, as
// the rest of the table does.
func TestSDKListTableEscapesUnreadInputs(t *testing.T) {
	l := audit.SDKListing{Artifacts: []audit.ListedArtifact{{Path: "a\x1b.apk", Platform: audit.Android, App: "com.x\x1b[2J"}},
		Errors: []audit.InputError{{Path: "b\x1b[31m.apk", Message: "bad\rworse"}}}
	var b bytes.Buffer
	if err := writeSDKTable(&b, l, 80); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.ContainsAny(out, "\x1b\r") {
		t.Errorf("a control character reaches the terminal:\n%q", out)
	}
	for _, want := range []string{"Incomplete: 1 input could not be read:", `b\x1b[31m.apk: bad\x0dworse`, `found in com.x\x1b[2J (Android)`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestSDKListSaysNoSDKPerApp: "no SDK found" is said of each app read —
// one sentence for one app, a list for several — and "no app was read"
// when none was, in the table and in Markdown.
func TestSDKListSaysNoSDKPerApp(t *testing.T) {
	a := audit.ListedArtifact{Path: "a.apk", Platform: audit.Android, App: "com.a", CodeScanned: true}
	b := audit.ListedArtifact{Path: "b.ipa", Platform: audit.IOS, CodeScanned: true}
	unread := []audit.InputError{{Path: "c.apk", Message: "truncated"}}
	for _, tc := range []struct {
		name     string
		l        audit.SDKListing
		table    []string
		markdown []string
	}{
		{"one app", audit.SDKListing{Artifacts: []audit.ListedArtifact{a}},
			[]string{"No third-party SDK from permaudit's catalog was found in com.a (Android), read from a.apk\n"},
			[]string{"No third-party SDK from permaudit's catalog was found in com.a (Android).\n"}},
		{"two apps", audit.SDKListing{Artifacts: []audit.ListedArtifact{a, b}},
			[]string{"found in:\n  com.a (Android), read from a.apk\n  b.ipa (iOS)\n"},
			[]string{"found in:\n\n- com.a (Android)\n- `b.ipa` (iOS)\n"}},
		{"none read", audit.SDKListing{Errors: unread},
			[]string{"Incomplete: 1 input could not be read:\n  c.apk: truncated\n\nNo app was read.\n"},
			[]string{"**Incomplete: 1 input could not be read:**\n\n- `c.apk`: truncated\n\nNo app was read.\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var tb, md bytes.Buffer
			if err := writeSDKTable(&tb, tc.l, 200); err != nil {
				t.Fatal(err)
			}
			if err := writeSDKMarkdown(&md, tc.l); err != nil {
				t.Fatal(err)
			}
			for out, wants := range map[string][]string{tb.String(): tc.table, md.String(): tc.markdown} {
				for _, w := range wants {
					if !strings.Contains(out, w) {
						t.Errorf("output lacks %q:\n%s", w, out)
					}
				}
			}
		})
	}
}

// TestSDKListSaysWhenCodeWasNotSearched: "no SDK found" in a packed app
// or a lone manifest says its code could not be searched; in an app whose
// code was searched it says nothing more.
func TestSDKListSaysWhenCodeWasNotSearched(t *testing.T) {
	l := audit.SDKListing{Artifacts: []audit.ListedArtifact{
		{Path: "packed.apk", Platform: audit.Android, App: "com.p", Packed: "360 Jiagu (Qihoo 360)"},
		{Path: "AndroidManifest.xml", Platform: audit.Android, App: "com.m"},
		{Path: "plain.apk", Platform: audit.Android, App: "com.s", CodeScanned: true},
	}}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"table":    func(b *bytes.Buffer) error { return writeSDKTable(b, l, 1000) },
		"markdown": func(b *bytes.Buffer) error { return writeSDKMarkdown(b, l) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(b.String(), "\n") {
			switch {
			case strings.Contains(line, "com.p") && !strings.Contains(line, "packed by 360 Jiagu"),
				strings.Contains(line, "com.m") && !strings.Contains(line, "code was not searched"),
				strings.Contains(line, "com.s") && strings.Contains(line, "—"):
				t.Errorf("%s: %q", name, line)
			}
		}
	}
}
