package ios

import (
	"archive/zip"
	"path"
	"sort"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// Module kinds of the parts of an .ipa.
const (
	ModuleAppExtension   = "app-extension"
	ModuleWatchApp       = "watch-app"
	ModuleAppClip        = "app-clip"
	ModuleNestedApp      = "app"
	ModuleFramework      = "framework"
	ModuleResourceBundle = "resource-bundle"
)

// bundleKind classifies a bundle folder by its extension and parent.
func bundleKind(dir string) string {
	parent := path.Base(path.Dir(dir))
	switch {
	case strings.HasSuffix(dir, ".appex"):
		return ModuleAppExtension
	case strings.HasSuffix(dir, ".framework"):
		return ModuleFramework
	case strings.HasSuffix(dir, ".bundle"):
		return ModuleResourceBundle
	case parent == "Watch":
		return ModuleWatchApp
	case parent == "AppClips":
		return ModuleAppClip
	}
	return ModuleNestedApp
}

// underApp lists the entries inside the app folder, in name order, that
// pass keep.
func (p *ipaParser) underApp(keep func(name string) bool) []*zip.File {
	var out []*zip.File
	prefix := p.appDir + "/"
	for _, f := range p.z.Files() {
		if strings.HasPrefix(f.Name, prefix) && p.z.File(f.Name) == f && keep(f.Name) {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// readNestedBundles reads every .appex or .app inside the app (extensions,
// watch apps, App Clips, and extensions inside those) as its own module.
func (p *ipaParser) readNestedBundles() {
	plists := p.underApp(func(name string) bool {
		dir, file := path.Split(name)
		dir = strings.TrimSuffix(dir, "/")
		return file == "Info.plist" && dir != p.appDir && (strings.HasSuffix(dir, ".appex") || strings.HasSuffix(dir, ".app"))
	})
	for i, f := range plists {
		if i == maxIPAParts {
			p.note(RuleBundleUnread, audit.SeverityWarning, p.z.EntryName(f),
				"the app holds more than %d nested bundles; the rest were not read", maxIPAParts)
			break
		}
		dir := path.Dir(f.Name)
		module := p.moduleName(dir)
		doc, err := p.readPlist(f)
		if err != nil {
			p.unreadable(RuleBundleUnread, f, err)
			continue
		}
		info := infoPlistDeclaration(doc)
		p.d.Modules = append(p.d.Modules, audit.Module{Name: module, Kind: bundleKind(dir), Entry: p.dirEntry(f, dir), ID: info.App.ID})
		p.merge(info, f, module)
		p.readSigning(f, stringValue(doc.root, "CFBundleExecutable"), module)
	}
}

// readPrivacyManifests reads every PrivacyInfo.xcprivacy in the app; one
// inside a framework or resource bundle belongs to that bundle's module.
// Each one also counts, from its path alone, for the framework it is the
// privacy manifest of (manifestOwner), so the ITMS-91061 check and the
// data-type check see the same manifests.
func (p *ipaParser) readPrivacyManifests() {
	manifests := p.underApp(func(name string) bool { return path.Base(name) == "PrivacyInfo.xcprivacy" })
	for i, f := range manifests {
		if owner := manifestOwner(strings.TrimPrefix(f.Name, p.appDir+"/"), p.frameworks); owner != "" {
			p.d.AddSignal(audit.SignalIOSFrameworkPrivacy, owner, p.z.EntryName(f))
		}
		if i == maxIPAParts {
			p.note(RuleBundleUnread, audit.SeverityWarning, p.z.EntryName(f),
				"the app holds more than %d privacy manifests; the rest were not read", maxIPAParts)
		}
		if i >= maxIPAParts {
			continue
		}
		p.readPrivacyManifest(f)
	}
}

// readPrivacyManifest reads one manifest into the module of its bundle.
func (p *ipaParser) readPrivacyManifest(f *zip.File) {
	owner := owningBundle(path.Dir(f.Name), p.appDir)
	module := ""
	if owner != p.appDir {
		_, known := p.modules[owner]
		module = p.moduleName(owner)
		if !known {
			p.d.Modules = append(p.d.Modules, audit.Module{Name: module, Kind: bundleKind(owner), Entry: p.dirEntry(f, owner)})
		}
	}
	entry := p.z.EntryName(f)
	data, err := p.z.Read(f, maxPlistBytes)
	if err != nil {
		// The archive would not hand it over; the file may be fine.
		p.unreadable(RuleBundleUnread, f, err)
		p.d.AddSignal(audit.SignalIOSPrivacyManifestUnread, entry, entry)
		return
	}
	doc, err := decodePlist(data)
	if err != nil {
		// Not a property list with a dictionary at its root, or past
		// limits no valid manifest (four known keys, four levels deep)
		// comes near: App Store Connect cannot read it either.
		note := audit.Declaration{}
		rejected(&note, 0, "cannot be read: "+parseMessage(err))
		p.merge(note, f, module)
		p.d.AddSignal(audit.SignalIOSPrivacyManifestUnread, entry, entry)
		return
	}
	decl, _ := privacyDeclaration(doc)
	p.merge(decl, f, module)
}

// owningBundle walks up from dir to the nearest bundle folder, stopping
// at the app itself.
func owningBundle(dir, appDir string) string {
	for d := dir; d != appDir && strings.HasPrefix(d, appDir+"/"); d = path.Dir(d) {
		for _, ext := range []string{".appex", ".app", ".framework", ".bundle"} {
			if strings.HasSuffix(d, ext) {
				return d
			}
		}
	}
	return appDir
}

// dirEntry names a folder the way EntryName names f, which lies inside it.
func (p *ipaParser) dirEntry(f *zip.File, dir string) string {
	e := p.z.EntryName(f)
	return e[:len(e)-len(f.Name)] + dir
}
