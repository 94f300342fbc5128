package platforms

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// SkippedDirs are build outputs and dependency caches: their manifests
// are copies or third-party, so a walk skips them unless asked not to.
var SkippedDirs = []string{".git", "node_modules", "Pods", "build", ".gradle", "oh_modules"}

// WalkOptions control how a directory is searched.
type WalkOptions struct {
	IncludeAll bool
	Exclude    []string // globs matched against the base name and the path below the root
}

// walk visits, in lexical order, the files under root whose content is a
// format permaudit reads, each probed once and still open: the scan parses
// it from the same probe. Unrecognised files are passed over silently;
// files it cannot read, and broken files named like inputs, are visited
// with their error. visit returns false to stop the walk.
func walk(root string, opts WalkOptions, visit func(path string, o *opened, err error) bool) {
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if !visit(path, nil, err) {
				return fs.SkipAll
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		if rel != "." && opts.excluded(rel, d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if rel != "." && !opts.IncludeAll && skippedDir(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		pkg := packageExt(path)
		o, err := probe(path, pkg)
		defer o.close()
		more := true
		switch {
		case err == nil && o.format.Companion:
		case err == nil:
			more = visit(path, o, nil)
		case pkg || !errors.Is(err, ErrUnrecognised):
			more = visit(path, nil, err)
		}
		if !more {
			return fs.SkipAll
		}
		return nil
	})
}

// packageExt: a file named like a package is read as one, so a broken or
// disguised package in a tree is reported instead of passed over. Detection
// itself still goes by content.
func packageExt(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".apk", ".apks", ".xapk", ".aab", ".ipa", ".hap", ".hsp", ".app":
		return true
	}
	return false
}

func skippedDir(name string) bool {
	for _, s := range SkippedDirs {
		if name == s {
			return true
		}
	}
	return false
}

func (o WalkOptions) excluded(rel, base string) bool {
	rel = filepath.ToSlash(rel)
	for _, g := range o.Exclude {
		if ok, _ := filepath.Match(g, base); ok {
			return true
		}
		if ok, _ := filepath.Match(g, rel); ok {
			return true
		}
		if strings.HasSuffix(g, "/**") && strings.HasPrefix(rel+"/", strings.TrimSuffix(g, "**")) {
			return true
		}
	}
	return false
}

// IsDir reports whether path names a directory.
func IsDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}
