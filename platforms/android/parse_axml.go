package android

import (
	"fmt"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// KindBinaryManifest is Artifact.Kind for a compiled AndroidManifest.xml
// given on its own, outside an APK.
const KindBinaryManifest = "android-binary-manifest"

// ParseBinaryManifest reads a compiled (binary XML) AndroidManifest.xml.
// References such as @0x7f0b0001 stay unresolved: there is no
// resources.arsc beside it.
func ParseBinaryManifest(data []byte) (audit.Declaration, error) {
	return declarationFromBinary(data, KindBinaryManifest, nil)
}

// declarationFromBinary decodes a compiled manifest, resolves references
// against table when there is one, and adds what aapt implies.
func declarationFromBinary(data []byte, kind string, table func() *resourceTable) (audit.Declaration, error) {
	if len(data) > archive.MaxEntry {
		return audit.Declaration{}, &audit.ParseError{Err: fmt.Errorf("binary manifest is %d bytes, over the %d-byte limit", len(data), archive.MaxEntry)}
	}
	if !LooksLikeBinaryXML(data) && LooksLikeManifestXML(data) {
		return audit.Declaration{}, &audit.ParseError{Err: fmt.Errorf("this is a text manifest, not binary XML")}
	}
	root, anomalies, err := decodeBinaryXML(data)
	if err != nil {
		return audit.Declaration{}, &audit.ParseError{Err: fmt.Errorf("binary XML: %w", err)}
	}
	if table != nil && hasReferences(root) {
		t := table()
		resolveReferences(root, t)
		t.close()
	}
	d, err := declarationFromTree(root, kind)
	if err != nil {
		return audit.Declaration{}, &audit.ParseError{Line: root.Line, Err: err}
	}
	if len(anomalies) > 0 {
		d.Notes = append(d.Notes, audit.Note{RuleID: RuleBinaryAnomaly, Severity: audit.SeverityWarning,
			Message: "the compiled manifest is bent out of shape, as packers and anti-analysis tricks do, and was read as far as it goes: " +
				strings.Join(anomalies, "; ")})
	}
	addImpliedPermissions(&d)
	return d, nil
}

// LooksLikeBinaryXML reports whether head starts a compiled XML document:
// a RES_XML_TYPE header, or (as some packers write it) a zero type
// followed directly by a string pool.
func LooksLikeBinaryXML(head []byte) bool {
	if len(head) < 8 || u16(head, 2) != 8 {
		return false
	}
	switch u16(head, 0) {
	case 0x0003:
		return true
	case 0x0000:
		return len(head) >= 12 && u16(head, 8) == 0x0001 && u16(head, 10) == 28
	}
	return false
}
