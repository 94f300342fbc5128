package ios

import (
	"archive/zip"
	"fmt"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// maxIPAParts caps the nested bundles, and separately the privacy
// manifests, read from one .ipa.
const maxIPAParts = 256

// LooksLikeIPA reports whether the archive holds a Payload/<name>.app/ folder.
func LooksLikeIPA(z *archive.Zip) bool {
	for _, f := range z.Files() {
		if appDirOf(f.Name) != "" {
			return true
		}
	}
	return false
}

// appDirOf returns "Payload/<name>.app" for an entry inside such a folder.
func appDirOf(name string) string {
	rest, ok := strings.CutPrefix(name, "Payload/")
	if !ok {
		return ""
	}
	dir, _, found := strings.Cut(rest, "/")
	if !found || !strings.HasSuffix(dir, ".app") || dir == ".app" {
		return ""
	}
	return "Payload/" + dir
}

// ParseIPA reads an .ipa: the app's Info.plist (exactly one
// Payload/<name>.app), every app extension, watch app and App Clip inside
// it as a module of its own, every PrivacyInfo.xcprivacy (the app's, and
// each framework's or resource bundle's as a module), and the entitlements
// of each executable's code signature, embedded.mobileprovision and
// archived-expanded-entitlements.xcent. A part that cannot be read becomes
// a note; only a missing or unreadable app Info.plist is an error.
func ParseIPA(z *archive.Zip) (audit.Declaration, error) {
	apps := z.Match("Payload/*.app/Info.plist")
	switch {
	case len(apps) == 0:
		return audit.Declaration{}, &audit.ParseError{Entry: z.Prefix,
			Err: fmt.Errorf("no Payload/<name>.app/Info.plist: not an iOS app archive")}
	case len(apps) > 1:
		names := make([]string, len(apps))
		for i, f := range apps {
			names[i] = path.Dir(f.Name)
		}
		return audit.Declaration{}, &audit.ParseError{Entry: z.Prefix,
			Err: fmt.Errorf("Payload holds %d apps (%s); an .ipa holds exactly one", len(apps), strings.Join(names, ", "))}
	}
	p := &ipaParser{z: z, d: newDeclaration(KindIPA), appDir: path.Dir(apps[0].Name), modules: map[string]string{}}
	doc, err := p.readPlist(apps[0])
	if err != nil {
		return audit.Declaration{}, withEntry(err, z.EntryName(apps[0]))
	}
	info := infoPlistDeclaration(doc)
	p.d.App = info.App
	p.merge(info, apps[0], "")
	p.readSigning(apps[0], stringValue(doc.root, "CFBundleExecutable"), "")
	p.readNestedBundles()
	p.readSDKSignals()
	p.readPrivacyManifests()
	p.noteRefused()
	dedupeSignals(&p.d)
	sort.SliceStable(p.d.Modules, func(i, j int) bool { return p.d.Modules[i].Entry < p.d.Modules[j].Entry })
	finish(&p.d)
	return p.d, nil
}

type ipaParser struct {
	z      *archive.Zip
	d      audit.Declaration
	appDir string
	// modules maps a bundle folder to its module name.
	modules map[string]string
	// frameworks are the names of the app's Frameworks/<Name>.framework.
	frameworks map[string]bool
	// refused lists, per rule, the entries the archive refused to read.
	refused map[string][]string
}

func (p *ipaParser) readPlist(f *zip.File) (*plistDoc, error) {
	data, err := p.z.Read(f, maxPlistBytes)
	if err != nil {
		return nil, err
	}
	return decodePlist(data)
}

// merge adds what one member declares, stamped with where it came from.
func (p *ipaParser) merge(src audit.Declaration, f *zip.File, module string) {
	entry := p.z.EntryName(f)
	for _, perm := range src.Permissions {
		perm.Entry, perm.Module = entry, module
		p.d.Permissions = append(p.d.Permissions, perm)
	}
	for _, fact := range src.Facts {
		fact.Entry = entry
		p.d.Facts = append(p.d.Facts, fact)
	}
	for _, n := range src.Notes {
		n.Entry = entry
		p.d.Notes = append(p.d.Notes, n)
	}
}

func (p *ipaParser) note(rule string, sev audit.Severity, entry, format string, args ...any) {
	p.d.Notes = append(p.d.Notes, audit.Note{RuleID: rule, Severity: sev, Entry: entry, Message: fmt.Sprintf(format, args...)})
}

// unreadable notes a member that could not be parsed.
func (p *ipaParser) unreadable(rule string, f *zip.File, err error) {
	if archive.Refused(err) {
		// The structural finding names the fault; say once per rule what
		// it cost, not once per entry (a bomb refuses hundreds).
		if p.refused == nil {
			p.refused = map[string][]string{}
		}
		p.refused[rule] = append(p.refused[rule], p.z.EntryName(f))
		return
	}
	p.note(rule, audit.SeverityWarning, p.z.EntryName(f), "could not be read: %s", parseMessage(err))
}

// noteRefused adds one note per rule for the entries the archive refused.
func (p *ipaParser) noteRefused() {
	for _, rule := range slices.Sorted(maps.Keys(p.refused)) {
		entries := p.refused[rule]
		p.note(rule, audit.SeverityWarning, entries[0], "%d entr%s could not be read because the archive refuses them (see its package-entry findings): %s",
			len(entries), map[bool]string{true: "y", false: "ies"}[len(entries) == 1], audit.NameSome(entries, 3))
	}
}

// parseMessage is an error's text without the entry, which the note
// carries on its own, and with the line where there is one.
func parseMessage(err error) string {
	pe, ok := err.(*audit.ParseError)
	if !ok {
		return err.Error()
	}
	if pe.Line > 0 {
		return fmt.Sprintf("line %d: %s", pe.Line, pe.Err)
	}
	return pe.Err.Error()
}

// moduleName names a bundle folder by its last element ("Share.appex"),
// or by its path inside the app when two bundles share that name.
func (p *ipaParser) moduleName(dir string) string {
	if name, ok := p.modules[dir]; ok {
		return name
	}
	name := path.Base(dir)
	for _, used := range p.modules {
		if used == name {
			name = strings.TrimPrefix(dir, p.appDir+"/")
			break
		}
	}
	p.modules[dir] = name
	return name
}
