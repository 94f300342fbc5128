package audit

import "sort"

// SDKListEntry is one line of an app's third-party SDK disclosure: an SDK
// found in one artifact.
type SDKListEntry struct {
	Path     string   `json:"path"`
	Platform Platform `json:"platform"`
	App      string   `json:"app,omitempty"`
	DetectedSDK
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
			if sdk, ok := c.Lookup(s.ID); ok && len(s.DataItems) == 0 && sdk.Policy != "" {
				if p, err := BuiltinPolicy(sdk.Policy, cs); err == nil {
					s.DataItems = dataItemsFor(p, r.Platform)
				}
			}
			out = append(out, SDKListEntry{Path: r.Artifact.Path, Platform: r.Platform, App: r.App.ID, DetectedSDK: s})
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
