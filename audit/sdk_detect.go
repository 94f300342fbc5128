package audit

import (
	"fmt"
	"sort"
	"strings"
)

// DetectedSDK is an SDK found in one artifact, with what shows it is there
// and what it brought.
type DetectedSDK struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Vendor        string `json:"vendor"`
	Purpose       string `json:"purpose"`
	PrivacyPolicy string `json:"privacyPolicy,omitempty"`
	// Evidence lists the signals that matched, as "kind value".
	Evidence []string `json:"evidence"`
	// Permissions are the declared permissions in the SDK's documented set.
	Permissions []string `json:"permissions,omitempty"`
	// Documented is how many permissions the catalog documents for the SDK
	// on this platform: with none declared, it tells "none of them
	// declared" from "none documented".
	Documented int `json:"documentedPermissions,omitempty"`
	// DataItems is the data the SDK's policy says it collects on this
	// platform; filled when the policy is known.
	DataItems []string `json:"dataItems,omitempty"`
}

// maxEvidence caps the evidence listed per SDK: enough to verify it.
const maxEvidence = 4

// DetectSDKs matches an artifact's signals against the catalog. It is
// pure: the parsers have collected the names already.
func DetectSDKs(d *Declaration, c *SDKCatalog) []DetectedSDK {
	if c == nil {
		return nil
	}
	signals := d.Signals
	if d.Platform == HarmonyOS {
		// A HarmonyOS SDK ships as a HAR or HSP module of its own.
		for _, m := range d.Modules {
			signals = append(signals, Signal{Kind: SignalHarmonyModule, Value: m.Name, Entry: m.Entry})
		}
	}
	var out []DetectedSDK
	for i := range c.SDKs {
		s := &c.SDKs[i]
		var evidence []string
		seen := map[string]bool{}
		for _, sig := range signals {
			if !s.Recognise.matches(sig) {
				continue
			}
			ev := string(sig.Kind) + " " + sig.Value
			if !seen[ev] {
				seen[ev] = true
				evidence = append(evidence, ev)
			}
		}
		if len(evidence) == 0 {
			continue
		}
		sort.Strings(evidence)
		if len(evidence) > maxEvidence {
			evidence = append(evidence[:maxEvidence], fmt.Sprintf("and %d more", len(evidence)-maxEvidence))
		}
		out = append(out, DetectedSDK{ID: s.ID, Name: s.Name, Vendor: s.Vendor, Purpose: s.Purpose,
			PrivacyPolicy: s.PrivacyPolicy, Evidence: evidence})
	}
	return out
}

// matches reports whether one signal identifies the SDK.
func (r *Recognisers) matches(sig Signal) bool {
	v := sig.Value
	switch sig.Kind {
	case SignalAndroidComponent:
		return anyPrefix(r.AndroidComponents, v)
	case SignalAndroidMetaData:
		return anyEqual(r.AndroidMetaData, v)
	case SignalDexPackage:
		return anyPackage(r.DexPackages, v) && !anyPackage(r.DexPackagesExcept, v)
	case SignalIOSFramework:
		return anyEqual(r.IOSFrameworks, v)
	case SignalIOSBundle:
		return anyEqual(r.IOSBundles, v)
	case SignalHarmonyModule:
		return anyEqual(r.HarmonyModules, v)
	case SignalGradle, SignalAABLibrary:
		return anyCoordinate(r.Gradle, v)
	case SignalCocoaPods:
		return anyCoordinate(r.CocoaPods, packageName(v))
	case SignalSwiftPM:
		return anySwiftPackage(r.SwiftPM, packageName(v))
	case SignalOhpm:
		return anyEqual(r.Ohpm, packageName(v))
	}
	return false
}

// packageName drops the version a package-manager signal carries after
// a space ("HyphenateChat 4.5.0").
func packageName(v string) string {
	name, _, _ := strings.Cut(v, " ")
	return name
}

// anySwiftPackage matches a repository location however it is spelled:
// with or without ".git" or a trailing slash, in any case (GitHub's URLs
// are case-insensitive, and SwiftPM compares identities in lower case).
func anySwiftPackage(list []string, v string) bool {
	v = strings.TrimSuffix(strings.TrimSuffix(v, "/"), ".git")
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}

func anyEqual(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// anyPrefix matches a class name: a recogniser ending in "." names a
// package, any other one a class exactly.
func anyPrefix(list []string, v string) bool {
	for _, x := range list {
		if strings.HasSuffix(x, ".") && strings.HasPrefix(v, x) || x == v {
			return true
		}
	}
	return false
}

// anyPackage matches a package or one below it, never a longer sibling
// ("com.umeng" matches "com.umeng.analytics", not "com.umengx").
func anyPackage(list []string, v string) bool {
	for _, x := range list {
		if v == x || strings.HasPrefix(v, x+".") {
			return true
		}
	}
	return false
}

// anyCoordinate matches "group:artifact" with or without a version, and
// a CocoaPods pod with or without a subspec.
func anyCoordinate(list []string, v string) bool {
	for _, x := range list {
		if v == x || strings.HasPrefix(v, x+":") || strings.HasPrefix(v, x+"/") {
			return true
		}
	}
	return false
}

// attribute names, on each permission, the detected SDKs that document
// it, and lists on each SDK the permissions it brought.
func attribute(d *Declaration, found []DetectedSDK, c *SDKCatalog) {
	for i := range found {
		s, _ := c.Lookup(found[i].ID)
		found[i].Documented = len(s.Permissions[d.Platform])
		documented := map[string]bool{}
		for _, n := range s.Permissions[d.Platform] {
			// Custom permissions an SDK asks for are named after the app;
			// with the app's id unknown the name stays as a source
			// manifest would leave it.
			if d.App.ID != "" {
				n = strings.ReplaceAll(n, AppIDPlaceholder, d.App.ID)
			}
			documented[n] = true
		}
		brought := map[string]bool{}
		for j := range d.Permissions {
			p := &d.Permissions[j]
			if p.Removed || !documented[p.Name] {
				continue
			}
			p.DeclaredBy = append(p.DeclaredBy, s.ID)
			if !brought[p.Name] {
				brought[p.Name] = true
				found[i].Permissions = append(found[i].Permissions, p.Name)
			}
		}
		sort.Strings(found[i].Permissions)
	}
}

// SDKPresent reports whether an SDK is in the artifact: yes, no, or
// unknown when the artifact carries no code to look at (a lone manifest,
// an .ipa, whose frameworks may be linked statically).
func (r *ArtifactResult) SDKPresent(id string) (present, known bool) {
	for _, s := range r.SDKs {
		if s.ID == id {
			return true, true
		}
	}
	return false, r.CodeScanned
}
