// Command mkpackage writes the benchmark fixtures: a small APK, optionally
// padded with a large stored entry.
//
//	go run ./platforms/internal/mkpackage -pad 1073741824 /tmp/padded.apk
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/permaudit/permaudit/platforms/internal/fixture"
)

func main() {
	pad := flag.Int64("pad", 0, "bytes of stored padding to add")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: mkpackage [-pad BYTES] OUT.apk")
		os.Exit(2)
	}
	f, err := os.Create(flag.Arg(0))
	if err == nil {
		err = fixture.WritePaddedAPK(f, *pad)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkpackage:", err)
		os.Exit(1)
	}
}
