package ios

import (
	"fmt"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

const usageSuffix = "UsageDescription"

// Info.plist keys reported as facts when present: settings that qualify
// a permission without being one.
var infoFactKeys = []string{
	"NSAppTransportSecurity",
	"NSLocationTemporaryUsageDescriptionDictionary",
	"NSHealthRequiredReadAuthorizationTypeIdentifiers",
}

// ParseInfoPlist reads an Info.plist (XML or binary): every top-level
// *UsageDescription key and UIBackgroundModes value is a permission; ATS
// settings and the bundle version are facts. Values such as
// $(PRODUCT_BUNDLE_IDENTIFIER) are kept as written.
func ParseInfoPlist(data []byte) (audit.Declaration, error) {
	doc, err := decodePlist(data)
	if err != nil {
		return audit.Declaration{}, err
	}
	return infoPlistDeclaration(doc), nil
}

func infoPlistDeclaration(doc *plistDoc) audit.Declaration {
	d := newDeclaration(KindInfoPlist)
	r := doc.root
	d.App.ID = stringValue(r, "CFBundleIdentifier")
	d.App.Version = stringValue(r, "CFBundleShortVersionString")
	d.App.MinLevel = stringValue(r, "MinimumOSVersion")
	if d.App.MinLevel == "" {
		d.App.MinLevel = stringValue(r, "LSMinimumSystemVersion")
	}
	if v, ok := scalarString(r["CFBundleVersion"]); ok {
		d.Facts = append(d.Facts, audit.Fact{Key: "CFBundleVersion", Value: v, Line: doc.lines.of("CFBundleVersion")})
	}
	for _, k := range sortedKeys(r) {
		if strings.HasSuffix(k, usageSuffix) {
			addUsageDescription(&d, doc, k)
		}
	}
	addBackgroundModes(&d, doc)
	for _, k := range infoFactKeys {
		if v, ok := r[k]; ok {
			addFacts(&d, doc, k, k, v)
		}
	}
	finish(&d)
	return d
}

// stringValue returns a top-level scalar as text, "" when absent.
func stringValue(r map[string]any, key string) string {
	s, _ := scalarString(r[key])
	return s
}

func addUsageDescription(d *audit.Declaration, doc *plistDoc, key string) {
	line := doc.lines.of(key)
	p := audit.Permission{Name: key, Form: audit.FormUsageDescription, HasPurpose: true, Line: line}
	if s, ok := doc.root[key].(string); ok {
		p.Purpose = s
	} else {
		warn(d, RulePlistValueType, line, fmt.Sprintf(
			"%s holds %s, not a <string>: iOS has no purpose text to show", key, typeName(doc.root[key])))
	}
	d.Permissions = append(d.Permissions, p)
}

func addBackgroundModes(d *audit.Declaration, doc *plistDoc) {
	const key = "UIBackgroundModes"
	v, ok := doc.root[key]
	if !ok {
		return
	}
	arr, ok := v.([]any)
	if !ok {
		warn(d, RulePlistValueType, doc.lines.of(key), fmt.Sprintf("%s holds %s, not an <array> of strings", key, typeName(v)))
		return
	}
	for i, e := range arr {
		path := keyPath(key, fmt.Sprint("#", i))
		mode, ok := e.(string)
		if !ok {
			warn(d, RulePlistValueType, doc.lines.of(path), fmt.Sprintf("%s item %d is %s, not a <string>", key, i, typeName(e)))
			continue
		}
		d.Permissions = append(d.Permissions, audit.Permission{Name: mode, Form: audit.FormBackgroundMode, Line: doc.lines.of(path)})
	}
}
