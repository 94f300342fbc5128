package harmony

import (
	"archive/zip"
	"errors"
	"sort"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// ParseAppPack reads an App Pack (.app, the AppGallery upload): every
// .hap and .hsp inside is one module, and the declaration is their union,
// each permission naming its module and entry (entry-default.hap!/module.json).
// The app identity comes from pack.info, completed from the modules.
//
// One unreadable module fails the whole pack: auditing the rest would
// silently miss whatever that module declares.
func ParseAppPack(z *archive.Zip) (audit.Declaration, error) {
	nested := nestedPackages(z)
	if len(nested) == 0 {
		return audit.Declaration{}, &audit.ParseError{Entry: z.Prefix,
			Err: errors.New("no .hap or .hsp inside: not a HarmonyOS App Pack")}
	}
	d := audit.Declaration{
		Platform:    audit.HarmonyOS,
		Artifact:    audit.Artifact{Kind: KindAppPack},
		Permissions: []audit.Permission{},
	}
	d.App, d.Notes = packInfoApp(z)
	for _, f := range nested {
		inner, err := z.OpenNested(f)
		if err != nil {
			return audit.Declaration{}, err
		}
		m, err := ParseHAP(inner)
		inner.Close()
		if err != nil {
			return audit.Declaration{}, err
		}
		fillApp(&d.App, m.App)
		d.Modules = append(d.Modules, m.Modules...)
		d.Permissions = append(d.Permissions, m.Permissions...)
		d.Facts = append(d.Facts, m.Facts...)
		d.Notes = append(d.Notes, m.Notes...)
	}
	sortFacts(d.Facts)
	return d, nil
}

// nestedPackages lists the .hap and .hsp files at the top of an App
// Pack, sorted by name so the union is always in the same order.
func nestedPackages(z *archive.Zip) []*zip.File {
	out := append(z.Match("*.hap"), z.Match("*.hsp")...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
