package ios

import (
	"archive/zip"
	"errors"
	"path"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// readSigning reads the entitlements a bundle is signed with: from its
// executable's code signature, its embedded.mobileprovision (what the
// profile allows) and archived-expanded-entitlements.xcent (what Xcode
// requested), each stamped with its own entry.
// info is the bundle's Info.plist, which names the executable.
func (p *ipaParser) readSigning(info *zip.File, executable, module string) {
	dir := path.Dir(info.Name)
	if executable == "" {
		executable = strings.TrimSuffix(path.Base(dir), path.Ext(dir))
	}
	if f := p.z.File(dir + "/" + executable); f == nil {
		p.note(RuleEntitlementsUnread, audit.SeverityWarning, p.dirEntry(info, dir+"/"+executable),
			"executable %q (CFBundleExecutable) is missing; its entitlements were not read", executable)
	} else {
		p.readExecutable(f, module)
	}
	if f := p.z.File(dir + "/embedded.mobileprovision"); f != nil {
		data, err := p.z.Read(f, maxProvisionBytes)
		if err == nil {
			var decl audit.Declaration
			if decl, err = ParseMobileProvision(data); err == nil {
				p.merge(decl, f, module)
			}
		}
		if err != nil {
			p.unreadable(RuleEntitlementsUnread, f, err)
		}
	}
	if f := p.z.File(dir + "/archived-expanded-entitlements.xcent"); f != nil {
		data, err := p.z.Read(f, maxPlistBytes)
		if err == nil {
			var decl audit.Declaration
			if decl, err = ParseEntitlements(data); err == nil {
				p.merge(decl, f, module)
			}
		}
		if err != nil {
			p.unreadable(RuleEntitlementsUnread, f, err)
		}
	}
}

func (p *ipaParser) readExecutable(f *zip.File, module string) {
	ents, err := p.executableEntitlements(f)
	switch {
	case errors.Is(err, ErrNotSigned):
		p.note(RuleUnsigned, audit.SeverityNote, p.z.EntryName(f),
			"the executable has no code signature (a simulator or unsigned build), so no entitlements")
		return
	case err != nil:
		p.unreadable(RuleEntitlementsUnread, f, err)
		return
	case ents == nil:
		return // signed without entitlements
	}
	decl, err := ParseEntitlements(ents)
	if err != nil {
		p.unreadable(RuleEntitlementsUnread, f, err)
		return
	}
	// Lines of a plist inside a binary point nowhere a reader can go.
	for i := range decl.Permissions {
		decl.Permissions[i].Line = 0
	}
	for i := range decl.Facts {
		decl.Facts[i].Line = 0
	}
	p.merge(decl, f, module)
}

// executableEntitlements reads a stored executable in place and streams a
// deflated one forward, so neither is ever held whole in memory. What is
// inflated on the way to the signature counts against the input's budget.
func (p *ipaParser) executableEntitlements(f *zip.File) ([]byte, error) {
	const maxExecutable = 1 << 40
	if f.UncompressedSize64 > maxExecutable {
		return nil, errors.New("executable size in the zip header is implausible")
	}
	size := int64(f.UncompressedSize64)
	ra, _, inPlace, err := p.z.InPlace(f)
	if err != nil {
		return nil, err
	}
	if inPlace {
		return MachOEntitlements(ra, size)
	}
	rc, err := p.z.Stream(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return MachOEntitlementsStream(rc, size)
}
