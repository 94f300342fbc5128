package android

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// Local .aar libraries a module packages: files('libs/x.aar') or a
// fileTree(dir: 'libs', include: ['*.aar']). Their AndroidManifest.xml
// (text XML inside the archive) is merged after the library modules,
// like any library; only the central directory and that entry are read.

var (
	reFilesAAR    = regexp.MustCompile(`files\(([^)]*)\)`)
	reFileTreeDir = regexp.MustCompile(`fileTree\(\s*(?:dir\s*[:=]\s*)?["']([^"']+)["']`)
)

// aarRefs lists the .aar paths (inside the project) a module's packaging
// dependencies name, in order.
func (b *gradleBuild) aarRefs(mod *gradleModule, v variant) []string {
	var out []string
	for _, s := range mod.FileDeps {
		if !v.packages(s.Config) {
			continue
		}
		if m := reFileTreeDir.FindStringSubmatch(s.Text); m != nil && strings.Contains(s.Text, "aar") {
			dir := path.Join(mod.Dir, m[1])
			entries, _ := fs.ReadDir(b.fsys, dir)
			var names []string
			for _, e := range entries {
				if !e.IsDir() && strings.HasSuffix(e.Name(), ".aar") {
					names = append(names, path.Join(dir, e.Name()))
				}
			}
			sort.Strings(names)
			out = append(out, names...)
			continue
		}
		if m := reFilesAAR.FindStringSubmatch(s.Text); m != nil {
			for _, q := range reQuoted.FindAllString(m[1], -1) {
				if p := unquote(q); strings.HasSuffix(p, ".aar") {
					out = append(out, path.Join(mod.Dir, p))
				}
			}
		}
	}
	return out
}

// aarManifest reads the manifest of one .aar.
func (b *gradleBuild) aarManifest(file string) (mergeSource, audit.Declaration, error) {
	f, err := b.fsys.Open(file)
	if err != nil {
		return mergeSource{}, audit.Declaration{}, &audit.ParseError{Entry: file, Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	ra, ok := f.(io.ReaderAt)
	if err != nil || !ok {
		return mergeSource{}, audit.Declaration{}, &audit.ParseError{Entry: file, Err: fmt.Errorf("cannot read the archive in place")}
	}
	z, err := archive.Open(ra, st.Size())
	if err != nil {
		return mergeSource{}, audit.Declaration{}, &audit.ParseError{Entry: file, Err: err}
	}
	entry := z.File("AndroidManifest.xml")
	if entry == nil {
		return mergeSource{}, audit.Declaration{}, &audit.ParseError{Entry: file, Err: fmt.Errorf("an .aar without AndroidManifest.xml")}
	}
	data, err := z.Read(entry, archive.MaxEntry)
	if err != nil {
		return mergeSource{}, audit.Declaration{}, &audit.ParseError{Entry: file, Err: err}
	}
	root, err := decodeManifestXML(data)
	if err != nil {
		return mergeSource{}, audit.Declaration{}, withEntry(err, file+"!AndroidManifest.xml")
	}
	d, err := declarationFromTree(root, KindManifestXML)
	if err != nil {
		return mergeSource{}, audit.Declaration{}, &audit.ParseError{Entry: file + "!AndroidManifest.xml", Err: err}
	}
	pkg, _ := root.plainAttr("package")
	return mergeSource{Module: "aar " + file, File: file + "!AndroidManifest.xml", Package: pkg, Root: root}, d, nil
}
