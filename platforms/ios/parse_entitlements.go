package ios

import (
	"github.com/permaudit/permaudit/audit"
)

// ParseEntitlements reads an entitlements plist (a .entitlements or .xcent
// file, or the XML blob from a code signature): every key is a permission
// of form entitlement, and its values are facts (aps-environment=production).
func ParseEntitlements(data []byte) (audit.Declaration, error) {
	doc, err := decodePlist(data)
	if err != nil {
		return audit.Declaration{}, err
	}
	d := newDeclaration(KindEntitlements)
	addEntitlements(&d, doc, doc.root, "")
	finish(&d)
	return d, nil
}

// addEntitlements adds one permission per key of dict, found under path.
func addEntitlements(d *audit.Declaration, doc *plistDoc, dict map[string]any, path string) {
	for _, k := range sortedKeys(dict) {
		at := keyPath(path, k)
		d.Permissions = append(d.Permissions, audit.Permission{Name: k, Form: audit.FormEntitlement, Line: doc.lines.of(at)})
		addFacts(d, doc, k, at, dict[k])
	}
}
