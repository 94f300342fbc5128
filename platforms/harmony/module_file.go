package harmony

import (
	"io/fs"
	"path"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// maxAppScopeLevels bounds the walk up from a module file: a module sits
// at <project>/<module>/src/main/module.json5, three levels down.
const maxAppScopeLevels = 6

// ParseModuleFile reads a source module.json5 at name in fsys as its
// project builds it: the app identity from the project's AppScope/app.json5
// and "$string:" reasons from the module's and AppScope's string.json.
// show turns a name in fsys into the path a report shows.
func ParseModuleFile(fsys fs.FS, name string, data []byte, show func(string) string) (audit.Declaration, error) {
	d, err := ParseModule(data)
	if err != nil {
		return d, err
	}
	appPath := FindAppScope(fsys, name)
	tables := []stringTable{}
	own, err := readStringTable(fsys, path.Dir(name), show)
	if err != nil {
		return d, err
	}
	tables = append(tables, own)
	if appPath != "" {
		raw, err := archive.ReadFile(fsys, appPath)
		if err != nil {
			return d, &audit.ParseError{Entry: show(appPath), Err: err}
		}
		app, err := ParseAppJSON(raw)
		if err != nil {
			return d, withEntry(err, show(appPath))
		}
		fillApp(&d.App, app)
		d.Facts = append(d.Facts, audit.Fact{Key: "appScope", Value: show(appPath)})
		scope, err := readStringTable(fsys, path.Dir(appPath), show)
		if err != nil {
			return d, err
		}
		tables = append(tables, scope)
	}
	resolveReasons(&d, "", tables...)
	return d, nil
}

// FindAppScope returns the AppScope/app.json5 (or app.json) of the
// project a module file belongs to, looking in at most six ancestor
// directories inside fsys, or "" when there is none.
func FindAppScope(fsys fs.FS, module string) string {
	dir := path.Dir(module)
	for range maxAppScopeLevels {
		for _, n := range []string{"app.json5", "app.json"} {
			candidate := path.Join(dir, "AppScope", n)
			if st, err := fs.Stat(fsys, candidate); err == nil && st.Mode().IsRegular() {
				return candidate
			}
		}
		if dir == "." || dir == "/" {
			break
		}
		dir = path.Dir(dir)
	}
	return ""
}
