package ios

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/permaudit/permaudit/audit"
)

// maxProvisionBytes caps an embedded.mobileprovision: a profile listing
// the 100 allowed devices is a few tens of KiB.
const maxProvisionBytes = 4 << 20

// ParseMobileProvision reads an embedded.mobileprovision: a CMS envelope
// around an XML plist. Its Entitlements dictionary gives entitlement
// permissions and facts; the team, expiry date and device count are facts
// (provision.teamIdentifier, provision.expirationDate, provision.devices).
// The signature is not verified. Lines are 0: the file is binary.
func ParseMobileProvision(data []byte) (audit.Declaration, error) {
	if len(data) > maxProvisionBytes {
		return audit.Declaration{}, parseErr(0, "provisioning profile is %d bytes, over the %d-byte limit", len(data), maxProvisionBytes)
	}
	inner, err := plistInsideCMS(data)
	if err != nil {
		return audit.Declaration{}, err
	}
	doc, err := decodePlist(inner)
	if err != nil {
		return audit.Declaration{}, err
	}
	doc.lines = nil // lines inside an envelope point nowhere useful
	d := newDeclaration(KindMobileProvision)
	r := doc.root
	switch ents := r["Entitlements"].(type) {
	case map[string]any:
		addEntitlements(&d, doc, ents, "")
	case nil:
	default:
		warn(&d, RulePlistValueType, 0, fmt.Sprintf("Entitlements holds %s, not a <dict>", typeName(ents)))
	}
	if v, ok := r["TeamIdentifier"]; ok {
		addFacts(&d, doc, "provision.teamIdentifier", "", v)
	}
	if v, ok := scalarString(r["ExpirationDate"]); ok {
		d.Facts = append(d.Facts, audit.Fact{Key: "provision.expirationDate", Value: v})
	}
	if devices, ok := r["ProvisionedDevices"].([]any); ok {
		d.Facts = append(d.Facts, audit.Fact{Key: "provision.devices", Value: strconv.Itoa(len(devices))})
	}
	if all, ok := r["ProvisionsAllDevices"].(bool); ok {
		d.Facts = append(d.Facts, audit.Fact{Key: "provision.allDevices", Value: strconv.FormatBool(all)})
	}
	finish(&d)
	return d, nil
}

// plistInsideCMS finds the XML property list carried as the CMS content:
// from "<?xml" (or "<plist" without a declaration) to the last "</plist>".
func plistInsideCMS(data []byte) ([]byte, error) {
	start := bytes.Index(data, []byte("<?xml"))
	if start < 0 {
		start = bytes.Index(data, []byte("<plist"))
	}
	if start < 0 {
		return nil, parseErr(0, "no XML property list inside the provisioning profile")
	}
	const closing = "</plist>"
	end := bytes.LastIndex(data[start:], []byte(closing))
	if end < 0 {
		return nil, parseErr(0, "the property list inside the provisioning profile has no </plist>")
	}
	return data[start : start+end+len(closing)], nil
}
