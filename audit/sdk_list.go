package audit

import "sort"

// SDKListEntry is one line of an app's third-party SDK disclosure: an SDK
// found in one artifact.
type SDKListEntry struct {
	Path     string   `json:"path"`
	Platform Platform `json:"platform"`
	App      string   `json:"app,omitempty"`
	DetectedSDK
	// DataUses are the SDK's data items on this platform with the purpose
	// its statement gives each, where a built-in policy reproduces it.
	DataUses []DataItem `json:"-"`
}

// ListedArtifact is one artifact sdk-list read, with or without SDKs.
type ListedArtifact struct {
	Path     string   `json:"path"`
	Platform Platform `json:"platform"`
	App      string   `json:"app,omitempty"`
	// CodeScanned says the app's code was searched for SDKs (dex class
	// packages); without it an SDK compiled into the code does not show.
	CodeScanned bool `json:"codeScanned"`
	// Packed names the packer whose encryption hid the code, when one did.
	Packed string `json:"packed,omitempty"`
}

// SDKListing is what sdk-list found: every artifact read, in path order,
// the SDKs found in each, and the inputs that could not be read — a
// disclosure missing an app must say so.
type SDKListing struct {
	Artifacts []ListedArtifact
	SDKs      []SDKListEntry
	Errors    []InputError
}

// FactPacker names the packer (protector) that encrypted an app's code.
const FactPacker = "packer"

// NewSDKListing builds the listing for audited artifacts and the inputs
// that could not be read.
func NewSDKListing(results []ArtifactResult, errs []InputError, cs *Catalogs) SDKListing {
	l := SDKListing{SDKs: SDKList(results, cs), Errors: errs}
	for _, r := range results {
		a := ListedArtifact{Path: r.Artifact.Path, Platform: r.Platform, App: r.App.ID, CodeScanned: r.CodeScanned}
		for _, f := range r.Facts {
			if f.Key == FactPacker {
				a.Packed = f.Value
			}
		}
		l.Artifacts = append(l.Artifacts, a)
	}
	sort.SliceStable(l.Artifacts, func(i, j int) bool { return l.Artifacts[i].Path < l.Artifacts[j].Path })
	return l
}

// WithoutSDKs are the apps read in which no SDK was found, each once:
// "read, no SDK" must not look like "not read".
func (l SDKListing) WithoutSDKs() []ListedArtifact {
	type key struct {
		path, app string
		p         Platform
	}
	found := map[key]bool{}
	for _, e := range l.SDKs {
		found[key{e.Path, e.App, e.Platform}] = true
	}
	var out []ListedArtifact
	for _, a := range l.Artifacts {
		if k := (key{a.Path, a.App, a.Platform}); !found[k] {
			found[k] = true // once
			out = append(out, a)
		}
	}
	return out
}

// InSeveralFiles reports, for a platform and app id, whether the listing
// read that app from more than one file (an APK and an AAB of one app):
// only the path then tells their rows apart.
func (l SDKListing) InSeveralFiles() func(Platform, string) bool {
	type app struct {
		p  Platform
		id string
	}
	first := map[app]string{}
	several := map[app]bool{}
	for _, a := range l.Artifacts {
		k := app{a.Platform, a.App}
		if p, ok := first[k]; !ok {
			first[k] = a.Path
		} else if p != a.Path {
			several[k] = true
		}
	}
	return func(p Platform, id string) bool { return several[app{p, id}] }
}

// SDKList builds the disclosure for audited artifacts, in path then SDK
// order. An SDK whose statement permaudit reproduces as a built-in policy
// gets that policy's data items for the platform even when the audit ran
// against other policies.
func SDKList(results []ArtifactResult, cs *Catalogs) []SDKListEntry {
	c, _ := BuiltinSDKCatalog()
	var out []SDKListEntry
	for _, r := range results {
		for _, s := range r.SDKs {
			e := SDKListEntry{Path: r.Artifact.Path, Platform: r.Platform, App: r.App.ID, DetectedSDK: s}
			if sdk, ok := c.Lookup(s.ID); ok && sdk.Policy != "" {
				if p, err := BuiltinPolicy(sdk.Policy, cs); err == nil {
					e.DataUses = policyItemsFor(p, r.Platform)
					if len(e.DataItems) == 0 {
						e.DataItems = dataItemsFor(p, r.Platform)
					}
				}
			}
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].ID < out[j].ID
	})
	return out
}
