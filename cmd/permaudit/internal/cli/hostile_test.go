package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/platforms/android/axmltest"
	"github.com/permaudit/permaudit/platforms/archive/ziptest"
)

// TestEscapesNeverReachTheTerminal: ESC, BEL and CR/LF from permission
// names, the package name and a file name come out escaped in the table,
// the Markdown and the stderr lines, so an input cannot clear the screen
// or forge a "passed" line.
func TestEscapesNeverReachTheTerminal(t *testing.T) {
	dir := t.TempDir()
	manifest := "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\" package=\"com.evil&#x1b;[2J\">\n" +
		"  <uses-permission android:name=\"android.permission.CAMERA&#x1b;[1A&#x07;\"/>\n" +
		"  <uses-permission android:name=\"x&#x0a;Gate (fail on error): passed.\"/>\n</manifest>\n"
	if err := os.WriteFile(filepath.Join(dir, "AndroidManifest.xml"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	evil := filepath.Join(dir, "evil\x1b]0;pwned\x07.apk")
	if err := os.WriteFile(evil, []byte("not a zip"), 0o644); err != nil {
		t.Skipf("file names with control characters unsupported: %v", err)
	}
	for _, format := range []string{"table", "markdown"} {
		code, out, errOut := runCLI("audit", "--no-timestamp", "--format", format, dir)
		if code != ExitInputError {
			t.Errorf("%s: exit %d, want %d (the broken .apk)", format, code, ExitInputError)
		}
		for name, s := range map[string]string{"stdout": out, "stderr": errOut} {
			if strings.ContainsAny(s, "\x1b\x07") {
				t.Errorf("%s %s carries a raw control character:\n%q", format, name, s)
			}
		}
		if !strings.Contains(out, `\x1b`) || !strings.Contains(errOut, `evil\x1b]0;pwned\x07.apk`) {
			t.Errorf("%s: escapes not shown visibly:\n%s\n%s", format, out, errOut)
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "Gate (fail on error): passed.") {
				t.Errorf("%s: a forged line made it out: %q", format, line)
			}
		}
	}
}

// TestLimitFlags: the budget flags reach the reader, and a bad value is a
// usage error.
func TestLimitFlags(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.apks")
	manifest := axmltest.Encode(&axmltest.Node{Name: "manifest", Attrs: []axmltest.Attr{axmltest.Plain("package", "com.example.big")}}, axmltest.Options{})
	apk := ziptest.Write(nil, ziptest.File{Name: "AndroidManifest.xml", Data: manifest},
		ziptest.File{Name: "assets/big.bin", Data: make([]byte, 4<<20), Store: true})
	if err := os.WriteFile(path, ziptest.Write(nil, ziptest.File{Name: "splits/base-master.apk", Data: apk}), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI("audit", "--no-digest", path); code == ExitInputError {
		t.Fatalf("default limits refused a 4 MiB split set: %s", errOut)
	}
	code, _, errOut := runCLI("audit", "--no-digest", "--max-inflate", "1MiB", path)
	if code != ExitInputError || !strings.Contains(errOut, "1MiB inflated bytes") || !strings.Contains(errOut, "--max-inflate") {
		t.Errorf("--max-inflate 1MiB: exit %d, %s", code, errOut)
	}
	for _, bad := range [][]string{{"--max-inflate", "lots"}, {"--max-entries", "0"}, {"--max-inflate-time", "0s"}} {
		if code, _, _ := runCLI(append([]string{"audit"}, append(bad, path)...)...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", bad, code, ExitUsage)
		}
	}
}

// TestDiffRefusalEscapesAppIDs: two different apps are refused with a
// message naming both ids, which come from the inputs and reach stderr
// escaped.
func TestDiffRefusalEscapesAppIDs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, pkg string) string {
		p := filepath.Join(dir, name)
		m := "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\" package=\"" + pkg + "\"/>\n"
		if err := os.WriteFile(p, []byte(m), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A bidi override is legal XML and reorders what a terminal shows.
	old, new := write("old.xml", "com.a&#x202e;bad"), write("new.xml", "com.b")
	code, _, errOut := runCLI("diff", old, new)
	if code != ExitUsage || strings.ContainsRune(errOut, '\u202e') || !strings.Contains(errOut, `com.a\u202ebad`) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
