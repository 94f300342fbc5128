package aabtest

import (
	"encoding/json"

	"github.com/permaudit/permaudit/platforms/archive/ziptest"
)

// File is one zip entry. Deflate compresses it; otherwise it is stored,
// which is how bundletool stores APKs inside an .apks.
type File struct {
	Name    string
	Data    []byte
	Deflate bool
}

// Zip writes the files, in order, into a zip archive.
func Zip(files ...File) []byte {
	out := make([]ziptest.File, len(files))
	for i, f := range files {
		out[i] = ziptest.File{Name: f.Name, Data: f.Data, Store: !f.Deflate}
	}
	return ziptest.Write(nil, out...)
}

// BundleConfig is a minimal BundleConfig.pb: bundletool { version: "1.15.6" }.
func BundleConfig() []byte {
	return message(nil, 1, appendString(nil, 2, "1.15.6"))
}

// Module is one bundle module: its directory name and its manifest.
type Module struct {
	Name     string
	Manifest *Element
}

// AAB writes an App Bundle: BundleConfig.pb and each module's protobuf
// manifest at <name>/manifest/AndroidManifest.xml, deflated like the
// real thing.
func AAB(modules ...Module) []byte { return Zip(AABFiles(modules...)...) }

// APKS writes bundletool build-apks output: toc.pb followed by the APKs
// at the paths given (e.g. "splits/base-master.apk").
func APKS(apks ...File) []byte {
	toc := File{Name: "toc.pb", Data: message(nil, 1, nil), Deflate: true}
	return Zip(append([]File{toc}, apks...)...)
}

// Split is one APK of an .xapk: its split id as manifest.json names it.
type Split struct {
	ID   string
	File string
	APK  []byte
}

// XAPK writes an .xapk: manifest.json listing split_apks, then the APKs.
func XAPK(pkg string, splits ...Split) []byte {
	type splitAPK struct {
		File string `json:"file"`
		ID   string `json:"id"`
	}
	m := struct {
		Version   int        `json:"xapk_version"`
		Package   string     `json:"package_name"`
		SplitAPKs []splitAPK `json:"split_apks"`
	}{Version: 2, Package: pkg}
	files := []File{{}}
	for _, s := range splits {
		m.SplitAPKs = append(m.SplitAPKs, splitAPK{File: s.File, ID: s.ID})
		files = append(files, File{Name: s.File, Data: s.APK})
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic(err)
	}
	files[0] = File{Name: "manifest.json", Data: data, Deflate: true}
	return Zip(files...)
}
