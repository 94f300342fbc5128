package report

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// sarifRoots places every path of a run: inputs named relative to wd,
// URIs written relative to root (%SRCROOT%).
type sarifRoots struct {
	wd, root string // absolute; root is wd without --source-root
}

func newSarifRoots(o Options) sarifRoots {
	wd := o.WorkDir
	if wd == "" {
		wd, _ = os.Getwd()
	}
	root := o.SourceRoot
	if root == "" {
		root = wd
	}
	return sarifRoots{wd: wd, root: root}
}

// artifactURI turns a path into the URI code scanning wants: relative to
// %SRCROOT% with forward slashes and percent-encoding — with ".." for a
// path outside the root, since GitHub rejects a whole upload that holds
// an absolute file: URI outside its checkout (the validator's GH1006),
// while originalUriBaseIds still resolves it for other readers. Only a
// path on another Windows drive stays an absolute file: URI. ok is false
// for an empty path or stdin.
func (s sarifRoots) artifactURI(p string) (sarifArtifactLocation, bool) {
	if p == "" || p == "-" {
		return sarifArtifactLocation{}, false
	}
	p = s.relative(p)
	slashed := filepath.ToSlash(p)
	abs := strings.HasPrefix(slashed, "/") || windowsDrive().MatchString(slashed)
	segs := escapedSegments(path.Clean(slashed))
	if abs {
		return sarifArtifactLocation{URI: "file:///" + strings.Join(segs, "/")}, true
	}
	// A colon in the first segment would read as a URI scheme.
	segs[0] = strings.ReplaceAll(segs[0], ":", "%3A")
	return sarifArtifactLocation{URI: strings.Join(segs, "/"), URIBaseID: srcRoot}, true
}

// entryURI is an entry's URI relative to its package, as a nested
// artifact's location is (SARIF 2.1.0 §3.24.3, parentIndex). A fragment
// on the package's URI would say the same, but validators and GitHub
// reject a relative reference with one.
func entryURI(entry string) sarifArtifactLocation {
	return sarifArtifactLocation{URI: strings.Join(escapedSegments(strings.TrimPrefix(entry, "/")), "/")}
}

// relative rewrites p, named relative to wd or absolute, relative to the
// root.
func (s sarifRoots) relative(p string) string {
	if s.root == "" {
		return p
	}
	abs := p
	if !filepath.IsAbs(abs) {
		if s.wd == "" {
			return p
		}
		abs = filepath.Join(s.wd, p)
	}
	rel, err := filepath.Rel(s.root, abs)
	if err != nil {
		return abs
	}
	return rel
}

// dirURI is an absolute directory as the file: URI SARIF wants for a
// base, ending in a slash.
func dirURI(dir string) *sarifArtifactLocation {
	if dir == "" {
		return nil
	}
	segs := escapedSegments(strings.TrimPrefix(path.Clean(filepath.ToSlash(dir)), "/"))
	u := "file:///" + strings.Join(segs, "/")
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return &sarifArtifactLocation{URI: u}
}

func escapedSegments(p string) []string {
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return segs
}

var windowsDrive = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z]:/`) })
