package iostest

import (
	"sort"

	"github.com/permaudit/permaudit/platforms/archive/ziptest"
)

// File is one archive member. Store writes it uncompressed.
type File = ziptest.File

// Zip writes the files, in order, into a zip archive.
func Zip(files ...File) []byte { return ziptest.Write(nil, files...) }

// Bundle is an .app or .appex folder to write into an .ipa.
type Bundle struct {
	// Name is the folder name without extension; it is also the executable's.
	Name string
	// Info is the Info.plist; CFBundleExecutable is set to Name if absent.
	Info map[string]any
	// XMLInfo writes Info.plist as XML; by default it is binary, as in a build.
	XMLInfo bool
	// Executable overrides the generated Mach-O (nil: MachO{Entitlements} below).
	Executable []byte
	// Entitlements go into the executable's code signature when set.
	Entitlements map[string]any
	// StoreExecutable writes the executable uncompressed.
	StoreExecutable bool
	// CodeSize pads the generated executable before its signature.
	CodeSize int
	// Provision, when set, is written as embedded.mobileprovision.
	Provision map[string]any
	// XCEnt, when set, is written as archived-expanded-entitlements.xcent.
	XCEnt map[string]any
	// PrivacyManifest, when set, is written as PrivacyInfo.xcprivacy.
	PrivacyManifest map[string]any
	// Frameworks maps a framework name to its privacy manifest.
	Frameworks map[string]map[string]any
	// Extensions are written under PlugIns/<Name>.appex.
	Extensions []Bundle
}

// IPA writes Payload/<app.Name>.app with everything the bundle describes.
func IPA(app Bundle, extra ...File) []byte {
	files := app.files("Payload/" + app.Name + ".app")
	return Zip(append(files, extra...)...)
}

func (b Bundle) files(dir string) []File {
	info := map[string]any{}
	for k, v := range b.Info {
		info[k] = v
	}
	if _, ok := info["CFBundleExecutable"]; !ok {
		info["CFBundleExecutable"] = b.Name
	}
	plist := BinaryPlist(info)
	if b.XMLInfo {
		plist = XMLPlist(info)
	}
	exe := b.Executable
	if exe == nil {
		m := MachO{CodeSize: b.CodeSize}
		if b.Entitlements != nil {
			m.Entitlements = XMLPlist(b.Entitlements)
		}
		exe = m.Bytes()
	}
	files := []File{{Name: dir + "/Info.plist", Data: plist}, {Name: dir + "/" + b.Name, Data: exe, Store: b.StoreExecutable}}
	if b.Provision != nil {
		files = append(files, File{Name: dir + "/embedded.mobileprovision", Data: MobileProvision(b.Provision)})
	}
	if b.XCEnt != nil {
		files = append(files, File{Name: dir + "/archived-expanded-entitlements.xcent", Data: XMLPlist(b.XCEnt)})
	}
	if b.PrivacyManifest != nil {
		files = append(files, File{Name: dir + "/PrivacyInfo.xcprivacy", Data: XMLPlist(b.PrivacyManifest)})
	}
	for _, name := range sortedNames(b.Frameworks) {
		fw := dir + "/Frameworks/" + name + ".framework"
		files = append(files,
			File{Name: fw + "/Info.plist", Data: BinaryPlist(map[string]any{"CFBundleIdentifier": "org.example." + name, "CFBundlePackageType": "FMWK"})},
			File{Name: fw + "/PrivacyInfo.xcprivacy", Data: BinaryPlist(b.Frameworks[name])})
	}
	for _, ext := range b.Extensions {
		files = append(files, ext.files(dir+"/PlugIns/"+ext.Name+".appex")...)
	}
	return files
}

func sortedNames(m map[string]map[string]any) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
