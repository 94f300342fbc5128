package android

import (
	"archive/zip"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// RuleDexUnread: a classes*.dex could not be read for SDK detection.
const RuleDexUnread = "package-dex-unread" // documented in audit/sdk_rules.go

// Bounds of SDK detection from dex files.
const (
	// maxDexFiles caps the classes*.dex files read per package (multidex
	// apps ship a handful; d8 numbers them classes.dex, classes2.dex, …).
	maxDexFiles = 64
	// maxDexRead caps the bytes streamed from one dex file: the string
	// data of any real app lies well inside it.
	maxDexRead = 256 << 20
	// maxDexPackages caps the distinct packages kept per package.
	maxDexPackages = 20000
)

// readDexSignals reads the string table of each dex file in dir ("" for
// an APK's root, "base/dex" in an AAB) and records every Java package as
// an SDK signal. A dex that cannot be read becomes a note.
func readDexSignals(z *archive.Zip, dir string, d *audit.Declaration) {
	files := dexFiles(z, dir)
	seen := map[string]bool{}
	for i, f := range files {
		entry := z.EntryName(f)
		if i == maxDexFiles {
			d.Notes = append(d.Notes, audit.Note{RuleID: RuleDexUnread, Severity: audit.SeverityNote, Entry: entry,
				Message: fmt.Sprintf("more than %d dex files; the rest were not searched for SDKs", maxDexFiles)})
			break
		}
		err := readDex(f, func(pkg string) {
			if !seen[pkg] && len(seen) < maxDexPackages {
				seen[pkg] = true
				d.AddSignal(audit.SignalDexPackage, pkg, entry)
			}
		})
		if err != nil {
			d.Notes = append(d.Notes, audit.Note{RuleID: RuleDexUnread, Severity: audit.SeverityNote, Entry: entry,
				Message: "could not be searched for SDKs: " + err.Error()})
			continue
		}
		d.CodeScanned = true
	}
}

func readDex(f *zip.File, add func(string)) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return dexPackages(rc, min(int64(f.UncompressedSize64), maxDexRead), add)
}

// dexFiles lists dir/classes.dex, dir/classes2.dex, … in the order the
// runtime loads them.
func dexFiles(z *archive.Zip, dir string) []*zip.File {
	var out []*zip.File
	for _, f := range z.Match(path.Join(dir, "classes*.dex")) {
		if dexIndex(path.Base(f.Name)) >= 0 {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return dexIndex(path.Base(out[i].Name)) < dexIndex(path.Base(out[j].Name)) })
	return out
}

// dexIndex is 1 for classes.dex, N for classesN.dex, -1 otherwise.
func dexIndex(name string) int {
	mid, ok := strings.CutPrefix(name, "classes")
	if mid, ok = strings.CutSuffix(mid, ".dex"); !ok {
		return -1
	}
	if mid == "" {
		return 1
	}
	n := 0
	for _, c := range mid {
		if c < '0' || c > '9' || n > 1000 {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	if n < 2 {
		return -1
	}
	return n
}
