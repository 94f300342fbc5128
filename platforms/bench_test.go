package platforms

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/permaudit/permaudit/platforms/internal/fixture"
)

// BenchmarkReadPackage compares an APK with one padded by a large stored
// entry (PERMAUDIT_BENCH_PAD_MIB, default 1024). Without the digest the
// two must cost about the same; with it, the padded one adds one hashing
// pass. .ci/bench-package.sh adds peak-memory figures.
func BenchmarkReadPackage(b *testing.B) {
	padMiB := int64(1024)
	if s := os.Getenv("PERMAUDIT_BENCH_PAD_MIB"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			b.Fatal(err)
		}
		padMiB = n
	}
	dir := b.TempDir()
	paths := map[string]int64{"plain": 0, "padded": padMiB << 20}
	for name, pad := range paths {
		f, err := os.Create(filepath.Join(dir, name+".apk"))
		if err != nil {
			b.Fatal(err)
		}
		if err := fixture.WritePaddedAPK(f, pad); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	for _, name := range []string{"plain", "padded"} {
		for _, digest := range []bool{false, true} {
			label := name + "/no-digest"
			if digest {
				label = name + "/digest"
			}
			path := filepath.Join(dir, name+".apk")
			b.Run(label, func(b *testing.B) {
				for b.Loop() {
					if _, err := Read(path, digest); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
