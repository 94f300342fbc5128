package platforms

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// A source project is audited as its release build would ship: each
// platform package reads its own layout (Gradle in android, Xcode in
// ios, hvigor in harmony) through an fs.FS rooted at the project. Files
// a project has read are not audited again on their own.

// ProjectOptions choose the build a project is audited as, and override
// levels the build files do not give.
type ProjectOptions struct {
	Variant     string                    // Android build variant; release when empty
	Config      string                    // Xcode build configuration; Release when empty
	MinLevel    map[audit.Platform]string // --min-level PLATFORM=LEVEL
	TargetLevel map[audit.Platform]string // --target-level PLATFORM=LEVEL
}

// Project is a source project found under a directory.
type Project struct {
	Dir   string          // the project root on disk
	Kind  string          // a projectKinds key
	Group *audit.AppGroup // the cross-platform app it is part of, if any
}

// ProjectScan is what FindProjects found: the projects, and the roots of
// cross-platform apps (React Native, Flutter, …) that group artifacts.
type ProjectScan struct {
	Projects []Project
	Groups   []audit.AppGroup
}

// GroupOf returns the cross-platform app a path belongs to, or nil.
func (s ProjectScan) GroupOf(path string) *audit.AppGroup { return groupOf(s.Groups, path) }

// projectKind is one layout: how its root is recognised, how it is read,
// and which files found by Walk it covers.
type projectKind struct {
	Platform audit.Platform
	isRoot   func(dir string, names map[string]bool) bool
	read     func(p Project, fsys fs.FS, opts ProjectOptions) ([]audit.Declaration, error)
	covers   func(base string) bool
}

// FindProjects lists the source projects under root, skipping and
// excluding directories as Walk does. A directory inside a project of
// the same kind is part of it, not a project of its own.
func FindProjects(root string, opts WalkOptions) (ProjectScan, error) {
	var out []Project
	var groups []audit.AppGroup
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil // Walk reports unreadable entries
		}
		rel, _ := filepath.Rel(root, path)
		if rel != "." && (opts.excluded(rel, d.Name()) || (!opts.IncludeAll && skippedDir(d.Name()))) {
			return fs.SkipDir
		}
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil
		}
		names := map[string]bool{}
		for _, e := range entries {
			names[e.Name()] = true
		}
		if g := appGroupAt(path, names); g != nil {
			groups = append(groups, *g)
		}
		for _, kind := range projectKindOrder {
			if projectKinds[kind].isRoot(path, names) && !inside(out, path, kind) {
				out = append(out, Project{Dir: path, Kind: kind, Group: groupOf(groups, path)})
			}
		}
		return nil
	})
	return ProjectScan{Projects: out, Groups: groups}, err
}

func inside(projects []Project, dir, kind string) bool {
	for _, p := range projects {
		if p.Kind == kind && dir != p.Dir && under(p.Dir, dir) {
			return true
		}
	}
	return false
}

// under reports whether path is root or below it, however both are spelled
// ("." and "android/app" included).
func under(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Platform is the platform the project builds for.
func (p Project) Platform() audit.Platform { return projectKinds[p.Kind].Platform }

// Read returns one declaration per app the project builds. An empty
// list means the project builds no app (a library-only Gradle build, for
// one): its files are then audited one by one, as before.
func (p Project) Read(opts ProjectOptions) ([]audit.Declaration, error) {
	decls, err := projectKinds[p.Kind].read(p, os.DirFS(p.Dir), opts)
	if err != nil {
		return nil, err
	}
	for i := range decls {
		decls[i].Platform = p.Platform()
		decls[i].Group = p.Group
		ApplyLevelOverrides(&decls[i], opts)
	}
	return decls, nil
}

// Covers reports whether a file Walk found belongs to the project.
func (p Project) Covers(path string) bool {
	return under(p.Dir, path) && projectKinds[p.Kind].covers(filepath.Base(path))
}

// errorAt names the file inside the project that could not be read: the
// input's path becomes that file, the error keeps its line.
func (p Project) errorAt(err error) (string, error) {
	var pe *audit.ParseError
	if errors.As(err, &pe) && pe.Entry != "" {
		return filepath.Join(p.Dir, filepath.FromSlash(pe.Entry)), &audit.ParseError{Line: pe.Line, Err: pe.Err}
	}
	return p.Dir, err
}

// ApplyLevelOverrides puts --min-level / --target-level in place of what
// the input states, recording what it replaced.
func ApplyLevelOverrides(d *audit.Declaration, opts ProjectOptions) {
	for _, o := range []struct {
		key   string
		level *string
		with  map[audit.Platform]string
	}{{"level.override.min", &d.App.MinLevel, opts.MinLevel}, {"level.override.target", &d.App.TargetLevel, opts.TargetLevel}} {
		if v, ok := o.with[d.Platform]; ok {
			d.Facts = append(d.Facts, audit.Fact{Key: o.key, Value: v + " (the input says " + orNone(*o.level) + ")"})
			*o.level = v
		}
	}
}

func orNone(s string) string {
	if s == "" {
		return "nothing"
	}
	return s
}
