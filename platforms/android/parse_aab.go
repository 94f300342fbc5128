package android

import (
	"archive/zip"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// KindAAB is Artifact.Kind for an Android App Bundle.
const KindAAB = "aab"

const (
	aabBundleConfig = "BundleConfig.pb"
	aabBaseManifest = "base/manifest/AndroidManifest.xml"
	// maxModules caps the modules of a bundle or the APKs of a split set:
	// real ones have tens, and each costs a manifest decode.
	maxModules = 1000
)

// LooksLikeAAB tells an App Bundle by the entries bundletool requires.
// An APK has neither, so the two never overlap.
func LooksLikeAAB(z *archive.Zip) bool {
	return z.File(aabBundleConfig) != nil || z.File(aabBaseManifest) != nil
}

// ParseAAB reads an App Bundle's module manifests (protobuf, one per
// <module>/manifest/AndroidManifest.xml) and audits them as one app:
// the union of their permissions, each naming its module, with the app's
// identity taken from the base module.
func ParseAAB(z *archive.Zip) (audit.Declaration, error) {
	if !LooksLikeAAB(z) {
		return audit.Declaration{}, &audit.ParseError{Err: errors.New("not an App Bundle: neither " + aabBundleConfig + " nor " + aabBaseManifest)}
	}
	if z.File(aabBaseManifest) == nil {
		return audit.Declaration{}, &audit.ParseError{Entry: aabBaseManifest, Err: errors.New("App Bundle has no base module manifest")}
	}
	files := aabModuleManifests(z)
	if len(files) > maxModules {
		return audit.Declaration{}, &audit.ParseError{Err: fmt.Errorf("App Bundle has %d modules, more than the %d permaudit reads", len(files), maxModules)}
	}
	var parts []modulePart
	for _, f := range files {
		d, err := parseAABModule(z, f)
		if err != nil {
			return audit.Declaration{}, err
		}
		name := strings.TrimSuffix(f.Name, "/manifest/AndroidManifest.xml")
		parts = append(parts, modulePart{audit.Module{Name: name, Kind: "aab-module", Entry: z.EntryName(f)}, d})
	}
	d := unionOfModules(KindAAB, parts)
	for _, p := range parts {
		readDexSignals(z, p.module.Name+"/dex", &d)
	}
	detectPacker(z, &d)
	readBundleLibraries(z, &d)
	return d, nil
}

// aabModuleManifests lists the module manifests, base first. Bundletool
// treats every top-level folder as a module except its metadata folders.
func aabModuleManifests(z *archive.Zip) []*zip.File {
	files := []*zip.File{z.File(aabBaseManifest)}
	for _, f := range z.Match("*/manifest/AndroidManifest.xml") {
		switch path.Dir(path.Dir(f.Name)) {
		case "base", "BUNDLE-METADATA", "META-INF":
			continue
		}
		files = append(files, f)
	}
	return files
}

func parseAABModule(z *archive.Zip, f *zip.File) (audit.Declaration, error) {
	data, err := z.Read(f, archive.MaxEntry)
	if err != nil {
		return audit.Declaration{}, err
	}
	root, err := parseProtoManifest(data)
	if err != nil {
		return audit.Declaration{}, &audit.ParseError{Entry: z.EntryName(f), Err: err}
	}
	d, err := declarationFromTree(root, KindAAB)
	if err != nil {
		return audit.Declaration{}, &audit.ParseError{Entry: z.EntryName(f), Line: root.Line, Err: err}
	}
	return d, nil
}
