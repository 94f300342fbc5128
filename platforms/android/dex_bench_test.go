package android

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/permaudit/permaudit/platforms/android/dextest"
)

// BenchmarkDexPackages reads the string table of a dex the size of a large
// app's (200,000 strings, a third of them class descriptors): one pass,
// memory bounded by the offsets and the packages kept.
func BenchmarkDexPackages(b *testing.B) {
	strs := make([]string, 0, 200000)
	for i := 0; len(strs) < cap(strs); i++ {
		strs = append(strs, fmt.Sprintf("Lcom/vendor%d/pkg%d/Class%d;", i%300, i%40, i), fmt.Sprintf("method%d", i), fmt.Sprintf("(I)Lx/Y%d;", i))
	}
	data := dextest.Dex(strs...)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		if err := dexPackages(bytes.NewReader(data), int64(len(data)), func(string) { n++ }); err != nil || n == 0 {
			b.Fatal(err, n)
		}
	}
}
