// Command mkpackage writes the benchmark fixtures: a small APK, optionally
// padded with a large stored entry, a directory of many APKs, or one of
// the zip bombs of issue 14.
//
//	go run ./platforms/internal/mkpackage -pad 1073741824 /tmp/padded.apk
//	go run ./platforms/internal/mkpackage -count 200 /tmp/apks
//	go run ./platforms/internal/mkpackage -bomb apks -n 1000 -inflate 262144000 /tmp/bomb.apks
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/permaudit/permaudit/platforms/internal/fixture"
)

func main() {
	pad := flag.Int64("pad", 0, "bytes of stored padding to add")
	count := flag.Int("count", 0, "write this many APKs into the directory OUT (app-0001.apk, …)")
	bomb := flag.String("bomb", "", "write a zip bomb instead: "+strings.Join(fixture.BombNames, ", "))
	n := flag.Int("n", 1000, "with -bomb: how many names share the payload")
	inflate := flag.Int64("inflate", 250<<20, "with -bomb: how large the shared payload inflates")
	flag.Parse()
	if flag.NArg() != 1 || (*bomb != "" && fixture.Bombs[*bomb] == nil) {
		fmt.Fprintln(os.Stderr, "usage: mkpackage [-pad BYTES] OUT.apk | mkpackage -count N [-pad BYTES] OUTDIR | mkpackage -bomb KIND -n N -inflate BYTES OUT")
		os.Exit(2)
	}
	var err error
	if *bomb != "" {
		err = os.WriteFile(flag.Arg(0), fixture.Bombs[*bomb](*n, *inflate), 0o644)
	} else {
		err = write(flag.Arg(0), *pad, *count)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkpackage:", err)
		os.Exit(1)
	}
}

func write(out string, pad int64, count int) error {
	if count == 0 {
		return writeOne(out, pad)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for i := 1; i <= count; i++ {
		if err := writeOne(filepath.Join(out, fmt.Sprintf("app-%04d.apk", i)), pad); err != nil {
			return err
		}
	}
	return nil
}

func writeOne(path string, pad int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = fixture.WritePaddedAPK(f, pad)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
