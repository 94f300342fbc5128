package platforms

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Estimate guesses, by names alone, how many inputs a Find over paths
// yields: every path that is not a directory, and under directories the
// files named like a package or a manifest, skipping what a walk skips.
// It opens no file, so a progress bar has a total long before the walk,
// which detects by content, gets there; the count found replaces it.
func Estimate(paths []string, opts WalkOptions) int {
	n := 0
	for _, root := range paths {
		if st, err := os.Stat(root); err != nil || !st.IsDir() {
			n++
			continue
		}
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			rel, _ := filepath.Rel(root, path)
			skip := rel != "." && (opts.excluded(rel, d.Name()) || (d.IsDir() && !opts.IncludeAll && skippedDir(d.Name())))
			switch {
			case skip && d.IsDir():
				return fs.SkipDir
			case !skip && !d.IsDir() && (packageExt(path) || byName(path) != nil):
				n++
			}
			return nil
		})
	}
	return n
}
