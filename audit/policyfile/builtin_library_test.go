package policyfile

import (
	"regexp"
	"slices"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// documentDate is how a built-in policy records when its source was
// published or, for an undated page, retrieved.
var documentDate = regexp.MustCompile(`^(retrieved )?\d{4}-\d{2}-\d{2}$`)

// TestBuiltinPolicyLibrary checks every SDK policy shipped in policydata:
// it validates from its JSON, names the public document it reproduces and
// that document's date, and binds to an SDK the signature catalog knows.
func TestBuiltinPolicyLibrary(t *testing.T) {
	want := []string{"amap", "easemob-im", "firebase-analytics", "huawei-push", "wechat-opensdk", "xiaomi-mipush"}
	ids := audit.BuiltinPolicyIDs()
	for _, id := range want {
		if !slices.Contains(ids, id) {
			t.Errorf("built-in policy %s is missing (have %v)", id, ids)
		}
	}
	sdks, err := audit.BuiltinSDKCatalog()
	if err != nil {
		t.Fatal(err)
	}
	cs := catalogs(t)
	for _, id := range ids {
		t.Run(id, func(t *testing.T) {
			l := newLoader(cs)
			l.noGenerated = true
			p, err := l.load(id, "")
			if err != nil {
				t.Fatalf("does not validate: %v", err)
			}
			if p.Source.Title == "" || p.Source.Publisher == "" {
				t.Errorf("source lacks title or publisher: %+v", p.Source)
			}
			if id != audit.DefaultPolicyID && p.Source.URL == "" {
				t.Error("source has no URL")
			}
			if !documentDate.MatchString(p.Version) {
				t.Errorf("version %q is not the document's date (YYYY-MM-DD or \"retrieved YYYY-MM-DD\")", p.Version)
			}
			if p.AppliesTo == nil || p.AppliesTo.SDK == "" {
				t.Fatal("no appliesTo.sdk")
			}
			sdk, ok := sdks.Lookup(p.AppliesTo.SDK)
			if !ok {
				t.Fatalf("appliesTo.sdk %q is not in the SDK catalog", p.AppliesTo.SDK)
			}
			// sdk-list and the Data safety draft take an SDK's data items
			// from the policy its catalog entry names.
			if sdk.Policy != id {
				t.Errorf("catalog entry %s names policy %q, want %q: its data items would be 'not recorded'", sdk.ID, sdk.Policy, id)
			}
			if len(p.Rows) == 0 && len(p.DataItems) == 0 {
				t.Error("neither permission rows nor data items")
			}
		})
	}
}
