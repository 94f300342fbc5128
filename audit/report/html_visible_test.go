package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// TestHTMLControlCharactersVisible: a control character or a bidi
// override read from an input reaches the HTML report as visible text,
// never raw; the template's own line breaks and tabs stay.
func TestHTMLControlCharactersVisible(t *testing.T) {
	r := &audit.Result{Tool: audit.Tool{Name: "permaudit", Version: "test"}, Artifacts: []audit.ArtifactResult{{
		Declaration: audit.Declaration{Platform: audit.Android,
			Artifact: audit.Artifact{Path: "evil\x1a\x1b[2J\u202ename.xml", Kind: "android-manifest"},
			App:      audit.App{ID: "com.example\x07bell\u0085"}},
	}}}
	var buf bytes.Buffer
	if err := (htmlWriter{}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, raw := range []string{"\x1a", "\x1b", "\x07", "\u202e", "\u0085"} {
		if strings.Contains(out, raw) {
			t.Errorf("raw %q reached the HTML", raw)
		}
	}
	for _, shown := range []string{`evil\x1a\x1b[2J\u202ename.xml`, `com.example\x07bell\u0085`} {
		if !strings.Contains(out, shown) {
			t.Errorf("HTML lacks the visible form %s", shown)
		}
	}
	if !strings.Contains(out, "\n") {
		t.Error("the template's own line breaks were escaped")
	}
}
