package platforms

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead drives detection and every parser behind it with one file:
// whatever the bytes, Read returns a declaration or an error, never a panic.
func FuzzRead(f *testing.F) {
	for _, seed := range []string{
		"testdata/cases/android/compliant.xml",
		"testdata/cases/ios/empty-purpose.plist",
		"testdata/cases/harmony/missing-reason.json5",
	} {
		data, err := os.ReadFile(filepath.Join(repoRoot(), seed))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, "input")
	}
	f.Add([]byte("PK\x05\x06"+string(make([]byte, 18))), "app.apk")
	f.Add([]byte("bplist00"), "Info.plist")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		base := filepath.Base(filepath.Clean("/" + name))
		if base == "/" || base == "." {
			base = "input"
		}
		path := filepath.Join(dir, base)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Skip(err)
		}
		defer os.Remove(path)
		_, _ = Read(path, true)
	})
}
