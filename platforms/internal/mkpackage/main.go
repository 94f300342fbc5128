// Command mkpackage writes the benchmark fixtures: a small APK, optionally
// padded with a large stored entry, or a directory of many APKs.
//
//	go run ./platforms/internal/mkpackage -pad 1073741824 /tmp/padded.apk
//	go run ./platforms/internal/mkpackage -count 200 /tmp/apks
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/permaudit/permaudit/platforms/internal/fixture"
)

func main() {
	pad := flag.Int64("pad", 0, "bytes of stored padding to add")
	count := flag.Int("count", 0, "write this many APKs into the directory OUT (app-0001.apk, …)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: mkpackage [-pad BYTES] OUT.apk | mkpackage -count N [-pad BYTES] OUTDIR")
		os.Exit(2)
	}
	err := write(flag.Arg(0), *pad, *count)
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
