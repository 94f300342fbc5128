package audit

import (
	"reflect"
	"testing"

	"github.com/permaudit/permaudit/policydata"
)

// TestGeneratedCatalogsMatchJSON keeps the compiled-in catalogs equal to
// policydata's JSON, so an edit of the JSON without go generate fails here.
func TestGeneratedCatalogsMatchJSON(t *testing.T) {
	if generatedCatalogs == nil {
		t.Skip("built with -tags permaudit_nogen: the catalogs are the JSON itself")
	}
	want, err := LoadCatalogs(policydata.FS)
	if err != nil {
		t.Fatalf("policydata: %v", err)
	}
	const regenerate = "policydata changed without regenerating; run: go generate ./audit/..."
	if !reflect.DeepEqual(generatedCatalogs.Categories, want.Categories) {
		t.Errorf("catalogs_gen.go differs from categories.json: %s", regenerate)
	}
	if len(generatedCatalogs.ByPlatform) != len(want.ByPlatform) {
		t.Errorf("catalogs_gen.go has %d catalogs, policydata %d: %s", len(generatedCatalogs.ByPlatform), len(want.ByPlatform), regenerate)
	}
	for p, w := range want.ByPlatform {
		got := generatedCatalogs.ByPlatform[p]
		if reflect.DeepEqual(got, w) {
			continue
		}
		t.Errorf("catalog_%s_gen.go differs from catalogs/%s.json (%s): %s", p, p, firstDifference(got, w), regenerate)
	}
}

// firstDifference names what a reader should look at first.
func firstDifference(got, want *Catalog) string {
	if got == nil {
		return "no generated catalog"
	}
	if !reflect.DeepEqual(got.Sources, want.Sources) {
		return "sources"
	}
	for i := range min(len(got.Entries), len(want.Entries)) {
		if !reflect.DeepEqual(got.Entries[i], want.Entries[i]) {
			return "entry " + want.Entries[i].Name
		}
	}
	if len(got.Entries) != len(want.Entries) {
		return "number of entries"
	}
	return "platform"
}
