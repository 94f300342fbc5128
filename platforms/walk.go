package platforms

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// SkippedDirs are build outputs and dependency caches: their manifests
// are copies or third-party, so a walk skips them unless asked not to
// (build/outputs/apk and build/outputs/bundle excepted: walk_outputs.go).
var SkippedDirs = []string{".git", "node_modules", "Pods", "build", ".gradle", "oh_modules"}

// WalkOptions control how a directory is searched.
type WalkOptions struct {
	IncludeAll bool
	Exclude    []string // globs matched against the base name and the path below the root
	// Limits bound what detecting one file may cost; zero means archive.DefaultLimits.
	Limits archive.Limits
	// Skipped, when set, hears of every file and directory the walk passes
	// over without an error, and why (--verbose).
	Skipped func(path, reason string)
}

func (o WalkOptions) skip(path, reason string) {
	if o.Skipped != nil {
		o.Skipped(path, reason)
	}
}

// walk visits, in lexical order, the files under root whose content is a
// format permaudit reads, each probed once and handed to visit still
// open: the scan parses it from the same probe, and closes it. Unrecognised
// files are passed over silently; files it cannot read, and broken files
// named like inputs, are visited with their error. visit returns false to
// stop the walk.
// A symbolic link to a file is followed when its target lies inside root,
// after the rest of the tree, and only when the walk did not audit that
// file already under its own name; one leading out of the tree, or
// nowhere, is visited with an error when its name is one permaudit reads,
// so a manifest is never skipped unseen.
func walk(root string, opts WalkOptions, visit func(path string, o *opened, err error) bool) {
	tree, err := filepath.EvalSymlinks(root)
	if err != nil {
		visit(root, nil, err)
		return
	}
	limits := ReadOptions{Limits: opts.Limits}.limits()
	var (
		audited []auditedFile // files visited as inputs, to know a link's target again
		links   []string      // links to files in the tree, followed last
		stopped bool
	)
	inspect := func(path string) bool {
		pkg := packageExt(path)
		o, err := detect(path, pkg, limits)
		switch {
		case err == nil && o.format.Companion:
			opts.skip(path, o.format.Description)
			o.close()
		case err == nil:
			if st, serr := os.Stat(path); serr == nil {
				audited = append(audited, auditedFile{path, st})
			}
			return visit(path, o, nil) // visit owns the open probe now
		case pkg || !errors.Is(err, ErrUnrecognised):
			o.close()
			return visit(path, nil, err)
		default:
			o.close()
			opts.skip(path, err.Error())
		}
		return true
	}
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
		if g := opts.excludedBy(rel, d.Name()); rel != "." && g != "" {
			opts.skip(path, "excluded by "+g)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if rel != "." && !opts.IncludeAll && skippedInWalk(rel, d.Name()) {
				opts.skip(path, "build output or dependency directory (--include-all searches it)")
				return fs.SkipDir
			}
			return nil
		}
		if !opts.IncludeAll && !keptBuildFile(rel) {
			// A copy in build/; its packages are kept (walk_outputs.go).
			// Only what looks like an input is named: build/ holds thousands.
			if packageExt(path) || wellKnownName(path) {
				opts.skip(path, "a copy in a build directory (--include-all searches it)")
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			follow, ferr := followable(path, tree)
			if ferr != nil && (packageExt(path) || wellKnownName(path)) && !visit(path, nil, ferr) {
				return fs.SkipAll
			}
			if !follow {
				if ferr == nil {
					opts.skip(path, "symbolic link to a directory in the tree, searched where it lies")
				} else if !packageExt(path) && !wellKnownName(path) {
					opts.skip(path, ferr.Error())
				}
				return nil
			}
			links = append(links, path)
			return nil
		} else if !d.Type().IsRegular() {
			if packageExt(path) || wellKnownName(path) { // a FIFO or device by a manifest's name
				if !visit(path, nil, fmt.Errorf("is not a regular file (%s); not read", d.Type())) {
					return fs.SkipAll
				}
			} else {
				opts.skip(path, fmt.Sprintf("not a regular file (%s)", d.Type()))
			}
			return nil
		}
		if !inspect(path) {
			stopped = true
			return fs.SkipAll
		}
		return nil
	})
	for _, link := range links {
		if stopped {
			return
		}
		if same := sameAs(link, audited); same != "" {
			opts.skip(link, "symbolic link to "+same+", audited under that name")
			continue
		}
		stopped = !inspect(link)
	}
}

// detect probes one file of a walk, leaving it open for the parse; like
// ReadWith, a panic becomes the file's error.
func detect(path string, pkg bool, limits archive.Limits) (o *opened, err error) {
	defer recoverInput(&err)
	return probe(path, pkg, limits)
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

// excluded tells whether any glob excludes the path.
func (o WalkOptions) excluded(rel, base string) bool { return o.excludedBy(rel, base) != "" }

// excludedBy matches each glob against the path below the root and the
// base name, so "debug" and "**/debug/**" both skip every debug
// directory; it returns the first pattern that matches, or "".
func (o WalkOptions) excludedBy(rel, base string) string {
	rel = filepath.ToSlash(rel)
	for _, p := range o.Exclude {
		g, err := audit.CompileGlob(p)
		if err == nil && (g.Match(base) || g.Match(rel)) {
			return p
		}
	}
	return ""
}

// IsDir reports whether path names a directory.
func IsDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}
