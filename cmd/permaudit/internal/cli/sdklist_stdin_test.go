package cli

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

// TestSDKListReadsStdin: "-" reads a manifest piped in, as audit does —
// its SDKs are listed — and a package on stdin is refused with audit's
// "name its file instead" (exit 3).
func TestSDKListReadsStdin(t *testing.T) {
	manifest := `<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.example.piped">
  <uses-permission android:name="android.permission.INTERNET"/>
  <application>
    <meta-data android:name="EASEMOB_APPKEY" android:value="demo#chat"/>
  </application>
</manifest>
`
	for _, tc := range []struct {
		name  string
		stdin io.Reader
		code  int
		out   []string
		err   string
	}{
		{"manifest", strings.NewReader(manifest), 0, []string{`"path": "-"`, `"app": "com.example.piped"`, `"id": "easemob-im"`}, ""},
		{"package", strings.NewReader("PK\x03\x04 not really"), ExitInputError, []string{`"errors": [`, `"path": "-"`, "name its file instead"}, "name its file instead"},
		{"no stdin", nil, ExitInputError, []string{"standard input is not available"}, "standard input is not available"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			e := env{stdout: &out, stderr: &errb, now: time.Now, getenv: wideTerminal, stdin: tc.stdin}
			if code := run([]string{"sdk-list", "-f", "json", "-"}, e); code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, errb.String())
			}
			for _, w := range tc.out {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			if !strings.Contains(errb.String(), tc.err) {
				t.Errorf("stderr %q lacks %q", errb.String(), tc.err)
			}
		})
	}
}
