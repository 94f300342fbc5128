package ios

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// PrivacyManifest is what a PrivacyInfo.xcprivacy states, in its order.
type PrivacyManifest struct {
	// Tracking is NSPrivacyTracking; nil when absent or not a boolean.
	Tracking        *bool               `json:"tracking,omitempty"`
	TrackingDomains []string            `json:"trackingDomains,omitempty"`
	CollectedData   []CollectedDataType `json:"collectedData,omitempty"`
	AccessedAPIs    []AccessedAPI       `json:"accessedApis,omitempty"`
}

// CollectedDataType is one NSPrivacyCollectedDataTypes entry.
type CollectedDataType struct {
	Type     string   `json:"type"`
	Linked   bool     `json:"linked"`
	Tracking bool     `json:"tracking"`
	Purposes []string `json:"purposes,omitempty"`
}

// AccessedAPI is one NSPrivacyAccessedAPITypes entry.
type AccessedAPI struct {
	Category string   `json:"category"`
	Reasons  []string `json:"reasons,omitempty"`
}

const (
	keyTracking        = "NSPrivacyTracking"
	keyTrackingDomains = "NSPrivacyTrackingDomains"
	keyCollected       = "NSPrivacyCollectedDataTypes"
	keyAccessedAPIs    = "NSPrivacyAccessedAPITypes"
)

// ParsePrivacyManifest reads a PrivacyInfo.xcprivacy (XML or binary). The
// manifest comes back both as facts (privacy.tracking, privacy.trackingDomain,
// privacy.collected.<type>, privacy.api.<category>) and as a PrivacyManifest.
// Values App Store Connect would refuse (ITMS-91056) become errors.
func ParsePrivacyManifest(data []byte) (audit.Declaration, PrivacyManifest, error) {
	doc, err := decodePlist(data)
	if err != nil {
		return audit.Declaration{}, PrivacyManifest{}, err
	}
	d, m := privacyDeclaration(doc)
	return d, m, nil
}

type manifestReader struct {
	doc *plistDoc
	d   audit.Declaration
	m   PrivacyManifest
}

func privacyDeclaration(doc *plistDoc) (audit.Declaration, PrivacyManifest) {
	r := &manifestReader{doc: doc, d: newDeclaration(KindPrivacyManifest)}
	for _, k := range sortedKeys(doc.root) {
		switch k {
		case keyTracking, keyTrackingDomains, keyCollected, keyAccessedAPIs:
		default:
			rejected(&r.d, doc.lines.of(k), "unknown key "+k)
		}
	}
	r.tracking()
	r.collected()
	r.accessedAPIs()
	finish(&r.d)
	return r.d, r.m
}

func (r *manifestReader) invalid(path, format string, args ...any) {
	rejected(&r.d, r.doc.lines.of(path), fmt.Sprintf(format, args...))
}

// rejected notes what makes a manifest invalid. That is an error: "App
// Store Connect rejects app submissions that include invalid privacy
// manifest files" with unexpected keys or values (ITMS-91056; Apple,
// "Adding a privacy manifest to your app or third-party SDK",
// developer.apple.com/documentation/bundleresources).
func rejected(d *audit.Declaration, line int, msg string) {
	d.Notes = append(d.Notes, audit.Note{RuleID: RulePrivacyManifestInvalid, Severity: audit.SeverityError,
		Message: "ITMS-91056 invalid privacy manifest: " + msg, Line: line})
}

func (r *manifestReader) fact(key, value, path string) {
	r.d.Facts = append(r.d.Facts, audit.Fact{Key: key, Value: value, Line: r.doc.lines.of(path)})
}

func (r *manifestReader) tracking() {
	if v, ok := r.doc.root[keyTracking]; ok {
		if b, isBool := v.(bool); isBool {
			r.m.Tracking = &b
			r.fact("privacy.tracking", strconv.FormatBool(b), keyTracking)
		} else {
			r.invalid(keyTracking, "%s holds %s, not a boolean", keyTracking, typeName(v))
		}
	}
	v, ok := r.doc.root[keyTrackingDomains]
	if !ok {
		return
	}
	arr, isArr := v.([]any)
	if !isArr {
		r.invalid(keyTrackingDomains, "%s holds %s, not an <array> of strings", keyTrackingDomains, typeName(v))
		return
	}
	for i, e := range arr {
		path := keyPath(keyTrackingDomains, "#"+strconv.Itoa(i))
		s, isStr := e.(string)
		if !isStr {
			r.invalid(path, "%s item %d is %s, not a <string>", keyTrackingDomains, i, typeName(e))
			continue
		}
		r.m.TrackingDomains = append(r.m.TrackingDomains, s)
		r.fact("privacy.trackingDomain", s, path)
	}
	if len(r.m.TrackingDomains) > 0 && (r.m.Tracking == nil || !*r.m.Tracking) {
		r.invalid(keyTrackingDomains, "%s lists domains but %s is not true", keyTrackingDomains, keyTracking)
	}
}

// items returns the dictionaries of a top-level array, noting the rest.
func (r *manifestReader) items(key string) (dicts []map[string]any, paths []string) {
	v, ok := r.doc.root[key]
	if !ok {
		return nil, nil
	}
	arr, isArr := v.([]any)
	if !isArr {
		r.invalid(key, "%s holds %s, not an <array> of <dict>", key, typeName(v))
		return nil, nil
	}
	for i, e := range arr {
		path := keyPath(key, "#"+strconv.Itoa(i))
		dict, isDict := e.(map[string]any)
		if !isDict {
			r.invalid(path, "%s item %d is %s, not a <dict>", key, i, typeName(e))
			continue
		}
		dicts, paths = append(dicts, dict), append(paths, path)
	}
	return dicts, paths
}

func (r *manifestReader) collected() {
	const typeKey, linkedKey, trackingKey, purposesKey = "NSPrivacyCollectedDataType",
		"NSPrivacyCollectedDataTypeLinked", "NSPrivacyCollectedDataTypeTracking", "NSPrivacyCollectedDataTypePurposes"
	dicts, paths := r.items(keyCollected)
	for i, item := range dicts {
		at := keyPath(paths[i], typeKey)
		name, ok := item[typeKey].(string)
		if !ok {
			r.invalid(paths[i], "%s item %d has no %s string", keyCollected, i, typeKey)
			continue
		}
		if !contains(collectedDataTypes, name) {
			r.invalid(at, "unknown collected data type %q", name)
		}
		c := CollectedDataType{Type: name}
		for _, b := range []struct {
			key string
			dst *bool
		}{{linkedKey, &c.Linked}, {trackingKey, &c.Tracking}} {
			v, isBool := item[b.key].(bool)
			if !isBool {
				r.invalid(at, "%s for %s is missing or not a boolean", b.key, name)
			}
			*b.dst = v
		}
		purposes, allStrings := stringList(item[purposesKey])
		if !allStrings || len(purposes) == 0 {
			r.invalid(at, "%s for %s must be a non-empty <array> of strings", purposesKey, name)
		}
		for _, p := range purposes {
			if !contains(collectionPurposes, p) {
				r.invalid(at, "unknown collection purpose %q for %s", p, name)
			}
		}
		c.Purposes = purposes
		r.m.CollectedData = append(r.m.CollectedData, c)
		r.fact("privacy.collected."+name, fmt.Sprintf("linked=%t; tracking=%t; purposes=%s",
			c.Linked, c.Tracking, strings.Join(purposes, ",")), at)
	}
}

func (r *manifestReader) accessedAPIs() {
	const typeKey, reasonsKey = "NSPrivacyAccessedAPIType", "NSPrivacyAccessedAPITypeReasons"
	dicts, paths := r.items(keyAccessedAPIs)
	for i, item := range dicts {
		at := keyPath(paths[i], typeKey)
		category, ok := item[typeKey].(string)
		if !ok {
			r.invalid(paths[i], "%s item %d has no %s string", keyAccessedAPIs, i, typeKey)
			continue
		}
		valid, known := requiredReasons[category]
		if !known {
			r.invalid(at, "unknown required-reason API category %q", category)
		}
		reasons, allStrings := stringList(item[reasonsKey])
		if !allStrings || len(reasons) == 0 {
			r.invalid(at, "%s for %s must be a non-empty <array> of reason codes", reasonsKey, category)
		}
		for _, code := range reasons {
			if known && !contains(valid, code) {
				r.invalid(at, "reason %q is not a valid reason for %s (valid: %s)", code, category, strings.Join(valid, ", "))
			}
		}
		r.m.AccessedAPIs = append(r.m.AccessedAPIs, AccessedAPI{Category: category, Reasons: reasons})
		r.fact("privacy.api."+category, strings.Join(reasons, ","), at)
	}
}
