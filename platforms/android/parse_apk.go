package android

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// KindAPK is Artifact.Kind for an APK.
const KindAPK = "apk"

const manifestEntry = "AndroidManifest.xml"

// ParseAPK reads an APK's AndroidManifest.xml, resolving references
// through resources.arsc, and adds the permissions aapt reports as
// implied plus notes on package-level oddities.
func ParseAPK(z *archive.Zip) (audit.Declaration, error) {
	entry := entryName(z, manifestEntry)
	f := z.File(manifestEntry)
	if f == nil {
		return audit.Declaration{}, &audit.ParseError{Entry: entry, Err: fmt.Errorf("no %s in the package", manifestEntry)}
	}
	data, err := z.Read(f, archive.MaxEntry)
	if err != nil {
		return audit.Declaration{}, err
	}
	var d audit.Declaration
	if !LooksLikeBinaryXML(data) && LooksLikeManifestXML(data) {
		d, err = parseTextManifest(data, KindAPK)
		if err == nil {
			d.Notes = append(d.Notes, audit.Note{RuleID: RuleTextManifest, Severity: audit.SeverityWarning,
				Message: "AndroidManifest.xml is text XML, not compiled: the platform will not install this package"})
		}
	} else {
		d, err = declarationFromBinary(data, KindAPK, func() *resourceTable { return readResourceTable(z) })
	}
	if err != nil {
		var pe *audit.ParseError
		if errors.As(err, &pe) {
			pe.Entry = entry
			return audit.Declaration{}, pe
		}
		return audit.Declaration{}, &audit.ParseError{Entry: entry, Err: err}
	}
	d.SetEntry(entry)
	d.Notes = append(d.Notes, packageNotes(z)...)
	readDexSignals(z, "", &d)
	detectPacker(z, &d)
	return d, nil
}

// entryName names a member the way archive.Zip does, also for one that
// is missing.
func entryName(z *archive.Zip, name string) string {
	if z.Prefix == "" {
		return name
	}
	return z.Prefix + "!/" + name
}

// readResourceTable opens resources.arsc for lookups: read in place when
// stored (as release APKs keep it: API 30+ requires it stored and
// 4-byte aligned), inflated only as far as the lookups reach when not,
// every byte charged to the input's budget. Nil when absent or
// unreadable (references then stay as @0x… values).
func readResourceTable(z *archive.Zip) *resourceTable {
	f := z.File("resources.arsc")
	if f == nil {
		return nil
	}
	e, err := z.OpenAt(f, maxResourceTable)
	if err != nil {
		return nil
	}
	t := openResourceTable(e, e.Size())
	if t == nil {
		e.Close()
		return nil
	}
	t.closer = e
	return t
}

// packageNotes reports zip-level oddities: data before the first entry,
// duplicate entry names, APKs stored inside.
func packageNotes(z *archive.Zip) []audit.Note {
	var notes []audit.Note
	if lead, ok := z.PrependedBytes(); ok {
		amount := "data"
		if lead > 0 {
			amount = fmt.Sprintf("%d bytes", lead)
		}
		notes = append(notes, audit.Note{RuleID: RulePrependedData, Severity: audit.SeverityWarning,
			Message: amount + " precede the first zip entry (the Janus trick, CVE-2017-13156, hides a DEX file there); " +
				"aapt and older tools refuse such a package, and old Android versions may run the hidden code"})
	}
	seen := map[string]int{}
	var embedded []string
	for _, f := range z.Files() {
		seen[f.Name]++
		if strings.HasSuffix(strings.ToLower(f.Name), ".apk") && seen[f.Name] == 1 {
			embedded = append(embedded, f.Name)
		}
	}
	if len(embedded) > 0 {
		sort.Strings(embedded)
		notes = append(notes, audit.Note{RuleID: RuleEmbeddedPackage, Severity: audit.SeverityNote,
			Message: "the package carries other APKs whose permissions are not audited: " + listSome(embedded)})
	}
	for i := range notes {
		notes[i].Entry = z.Prefix
	}
	return notes
}

func listSome(names []string) string { return audit.NameSome(names, 5) }
