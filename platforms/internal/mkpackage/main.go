// Command mkpackage writes the benchmark fixtures: a small APK, optionally
// padded with a large stored entry, or one of the zip bombs of issue 14.
//
//	go run ./platforms/internal/mkpackage -pad 1073741824 /tmp/padded.apk
//	go run ./platforms/internal/mkpackage -bomb apks -n 1000 -inflate 262144000 /tmp/bomb.apks
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/permaudit/permaudit/platforms/internal/fixture"
)

func main() {
	pad := flag.Int64("pad", 0, "bytes of stored padding to add")
	bomb := flag.String("bomb", "", "write a zip bomb instead: "+strings.Join(fixture.BombNames, ", "))
	n := flag.Int("n", 1000, "with -bomb: how many names share the payload")
	inflate := flag.Int64("inflate", 250<<20, "with -bomb: how large the shared payload inflates")
	flag.Parse()
	if flag.NArg() != 1 || (*bomb != "" && fixture.Bombs[*bomb] == nil) {
		fmt.Fprintln(os.Stderr, "usage: mkpackage [-pad BYTES | -bomb KIND -n N -inflate BYTES] OUT")
		os.Exit(2)
	}
	f, err := os.Create(flag.Arg(0))
	if err == nil && *bomb != "" {
		_, err = f.Write(fixture.Bombs[*bomb](*n, *inflate))
	} else if err == nil {
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
