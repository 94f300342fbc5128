package harmonytest

import (
	"sort"

	"github.com/permaudit/permaudit/platforms/archive/ziptest"
)

// File is one zip entry. Store writes it uncompressed, as App Packs hold
// their .hap files.
type File = ziptest.File

// Zip writes the files into a zip archive, in the order given.
func Zip(files ...File) []byte { return ziptest.Write(nil, files...) }

// HAP writes a Stage-model .hap (or .hsp when m.Type is "shared"):
// module.json, pack.info and the entries a real package has beside them.
func HAP(app App, m Module) []byte {
	return Zip(
		File{Name: "ets/modules.abc", Data: []byte("PANDA\x00")},
		File{Name: "module.json", Data: ModuleJSON(app, m)},
		File{Name: "pack.info", Data: PackInfo(app, m)},
		File{Name: "resources.index", Data: ResourceIndex(IndexV1, m.baseStrings()...)},
	)
}

// FAHAP writes an FA-model .hap: config.json and resources, no pack.info.
func FAHAP(app App, m Module) []byte {
	return Zip(
		File{Name: "config.json", Data: ConfigJSON(app, m)},
		File{Name: "assets/entry/resources.index", Data: ResourceIndex(IndexV1, m.baseStrings()...)},
	)
}

// AppPack writes an App Pack (.app): pack.info for the modules and each
// package stored uncompressed under its name.
func AppPack(app App, modules []Module, packages ...File) []byte {
	files := []File{{Name: "pack.info", Data: PackInfo(app, modules...)}}
	for _, p := range packages {
		p.Store = true
		files = append(files, p)
	}
	return Zip(files...)
}

// baseStrings lists m.Strings by name, with the app_name every package
// has when m names none, so the table is never empty.
func (m Module) baseStrings() []IndexString {
	var out []IndexString
	for name, value := range m.Strings {
		out = append(out, IndexString{Name: name, Value: value})
	}
	if _, ok := m.Strings["app_name"]; !ok {
		out = append(out, IndexString{Name: "app_name", Value: "Example"})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
