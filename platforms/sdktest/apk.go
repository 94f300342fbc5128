package sdktest

import (
	"github.com/permaudit/permaudit/platforms/android/axmltest"
	"github.com/permaudit/permaudit/platforms/android/dextest"
)

// APK describes an app with one SDK built in: the package name, the
// permissions its merged manifest declares, the SDK's manifest components
// and the classes its dex names (as "Lcom/vendor/sdk/Class;"). A packed
// app also names its Application class and carries the packer's Files
// (entry names, e.g. "assets/libjiagu.so").
type APK struct {
	Package     string
	Permissions []string
	Services    []string
	Classes     []string
	Application string
	Files       []string
}

// Build writes the APK: a binary manifest targeting API 34 and one dex.
func (a APK) Build() []byte {
	type N = axmltest.Node
	root := &N{Name: "manifest", Line: 1, Attrs: []axmltest.Attr{axmltest.AInt("versionCode", 1), axmltest.A("versionName", "1.0"),
		axmltest.Plain("package", a.Package)},
		Children: []*N{{Name: "uses-sdk", Line: 2, Attrs: []axmltest.Attr{axmltest.AInt("minSdkVersion", 24), axmltest.AInt("targetSdkVersion", 34)}}}}
	line := 3
	for _, p := range a.Permissions {
		root.Children = append(root.Children, &N{Name: "uses-permission", Line: line, Attrs: []axmltest.Attr{axmltest.A("name", p)}})
		line++
	}
	app := &N{Name: "application", Line: line}
	if a.Application != "" {
		app.Attrs = []axmltest.Attr{axmltest.A("name", a.Application)}
	}
	for _, s := range a.Services {
		line++
		app.Children = append(app.Children, &N{Name: "service", Line: line, Attrs: []axmltest.Attr{axmltest.A("name", s)}})
	}
	root.Children = append(root.Children, app)
	files := []axmltest.File{{Name: "AndroidManifest.xml", Data: axmltest.Encode(root, axmltest.Options{})},
		{Name: "classes.dex", Data: dextest.Dex(append([]string{"Ljava/lang/Object;", "V"}, a.Classes...)...)}}
	for _, f := range a.Files {
		files = append(files, axmltest.File{Name: f, Data: []byte("\x7fELF")})
	}
	return axmltest.Zip(nil, files...)
}
