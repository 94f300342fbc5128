package platforms

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// SkippedDirs are build outputs and dependency caches: their manifests
// are copies or third-party, so a walk skips them unless asked not to
// (build/outputs/apk and build/outputs/bundle excepted: walk_outputs.go).
var SkippedDirs = []string{".git", "node_modules", "Pods", "build", ".gradle", "oh_modules"}

// WalkOptions control how a directory is searched.
type WalkOptions struct {
	IncludeAll bool
	Exclude    []string // globs matched against the base name and the path below the root
}

// Found is a file a walk recognised, or one it could not read.
type Found struct {
	Path string
	Err  error
}

// Walk lists, in lexical order, the files under root whose content is a
// format permaudit reads. Unrecognised files are passed over silently.
func Walk(root string, opts WalkOptions) ([]Found, error) {
	var out []Found
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			out = append(out, Found{Path: path, Err: err})
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
			if rel != "." && !opts.IncludeAll && skippedInWalk(rel, d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || (!opts.IncludeAll && !keptBuildFile(rel)) {
			return nil
		}
		pkg := packageExt(path)
		o, err := probe(path, pkg)
		if o != nil && o.file != nil {
			o.file.Close()
		}
		switch {
		case err == nil && o.format.Companion:
		case err == nil:
			out = append(out, Found{Path: path})
		case pkg || !errors.Is(err, ErrUnrecognised):
			out = append(out, Found{Path: path, Err: err})
		}
		return nil
	})
	return out, err
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
