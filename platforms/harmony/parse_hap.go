package harmony

import (
	"archive/zip"
	"errors"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// DetectPackage tells a HarmonyOS package by its entries: "hap" or "hsp"
// (module.json, or an FA config.json, at the top) or "app" (an App Pack:
// pack.info beside .hap/.hsp files).
func DetectPackage(z *archive.Zip) (kind string, ok bool) {
	if f := z.File("module.json"); f != nil {
		data, err := z.Read(f, archive.MaxEntry)
		sniffed := ""
		if err == nil {
			sniffed, _ = SniffJSON(data)
		}
		if sniffed != "" || z.File("pack.info") != nil || z.File("resources.index") != nil {
			if isSharedModule(data) {
				return KindHSP, true
			}
			return KindHAP, true
		}
	}
	if f := z.File("config.json"); f != nil {
		if data, err := z.Read(f, archive.MaxEntry); err == nil {
			if sniffed, _ := SniffJSON(data); sniffed == KindConfigJSON {
				return KindHAP, true
			}
		}
	}
	if z.File("pack.info") != nil && len(nestedPackages(z)) > 0 {
		return KindAppPack, true
	}
	return "", false
}

// isSharedModule reports module.type "shared", which makes a package an
// HSP (a shared library package) rather than a HAP.
func isSharedModule(moduleJSON []byte) bool {
	doc, err := decode(moduleJSON)
	if err != nil {
		return false
	}
	t, _, _ := doc.root.get("module").get("type").str()
	return t == "shared"
}

// ParseHAP reads a .hap or .hsp: its compiled module.json (app and module
// merged), or config.json for the FA model, completed from pack.info.
func ParseHAP(z *archive.Zip) (audit.Declaration, error) {
	f, parse := z.File("module.json"), ParseModule
	if f == nil {
		f, parse = z.File("config.json"), ParseConfigJSON
	}
	if f == nil {
		return audit.Declaration{}, &audit.ParseError{Entry: z.Prefix,
			Err: errors.New("no module.json or config.json at the top of the archive: not a HarmonyOS package")}
	}
	d, err := parseEntry(z, f, parse)
	if err != nil {
		return audit.Declaration{}, err
	}
	resolvePackageReasons(z, &d, z.EntryName(f))
	d.Artifact.Kind = KindHAP
	if len(d.Modules) == 1 && d.Modules[0].Kind == "shared" {
		d.Artifact.Kind = KindHSP
	}
	for i := range d.Modules {
		d.Modules[i].Entry = z.Prefix
	}
	packApp, notes := packInfoApp(z)
	fillApp(&d.App, packApp)
	d.Notes = append(d.Notes, notes...)
	return d, nil
}

// parseEntry reads one archive member and parses it, naming the member in
// the declaration's locations and in any error.
func parseEntry(z *archive.Zip, f *zip.File, parse func([]byte) (audit.Declaration, error)) (audit.Declaration, error) {
	entry := z.EntryName(f)
	data, err := z.Read(f, archive.MaxEntry)
	if err != nil {
		return audit.Declaration{}, err
	}
	d, err := parse(data)
	if err != nil {
		return audit.Declaration{}, withEntry(err, entry)
	}
	d.SetEntry(entry)
	return d, nil
}
