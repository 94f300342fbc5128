package policyfile

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// documentDate is how a built-in policy records when its source was
// published or, for an undated page, retrieved.
var documentDate = regexp.MustCompile(`^(retrieved )?\d{4}-\d{2}-\d{2}$`)

// dataOnly are the built-in policies whose vendor pages list data but no
// permission the app declares (README, Built-in policies, says why).
var dataOnly = []string{"wechat-opensdk", "xiaomi-mipush"}

// TestBuiltinPolicyLibrary checks every SDK policy shipped in policydata:
// it validates from its JSON, names the public document it reproduces and
// that document's date, and binds to an SDK the signature catalog knows.
func TestBuiltinPolicyLibrary(t *testing.T) {
	want := []string{"amap", "easemob-im", "firebase-analytics", "getui", "google-mobile-ads", "huawei-push", "jpush", "wechat-opensdk", "xiaomi-mipush"}
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
	withRows := 0
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
			if id != audit.DefaultPolicyID && !strings.HasPrefix(p.Source.URL, "https://") {
				t.Errorf("source URL %q is not an https address", p.Source.URL)
			}
			if !documentDate.MatchString(p.Version) {
				t.Errorf("version %q is not the document's date (YYYY-MM-DD or \"retrieved YYYY-MM-DD\")", p.Version)
			}
			if p.AppliesTo == nil || p.AppliesTo.SDK == "" {
				t.Fatal("no appliesTo.sdk")
			}
			if len(p.Rows) == 0 && len(p.DataItems) == 0 {
				t.Error("neither permission rows nor data items")
			}
			if (len(p.Rows) == 0) != slices.Contains(dataOnly, id) {
				t.Errorf("%d rows; the data-only policies are %v", len(p.Rows), dataOnly)
			}
			if len(p.Rows) > 0 && id != audit.DefaultPolicyID {
				withRows++
			}
			for _, d := range p.DataItems {
				if len(d.Platforms) == 0 {
					t.Errorf("data item %q names no platform", d.Item)
				}
			}
			sdk, ok := sdks.Lookup(p.AppliesTo.SDK)
			if !ok {
				t.Fatalf("appliesTo.sdk %q is not in the SDK catalog", p.AppliesTo.SDK)
			}
			if sdk.Policy != id {
				t.Errorf("SDK %s names policy %q, not %s: sdk-list would not show this policy's data items", sdk.ID, sdk.Policy, id)
			}
			checkRowNames(t, p, cs, sdk)
		})
	}
	if withRows < 5 {
		t.Errorf("%d SDK policies besides %s have permission rows, want at least five", withRows, audit.DefaultPolicyID)
	}
}

// checkRowNames: every name a row lists is a permission of its platform's
// catalog, or the row says the names are custom and none of them is in the
// catalog (custom must not hide a typo in a platform permission); and the
// SDK's documented permission set, which attributes declared permissions
// to the SDK, includes every name its policy lists.
func checkRowNames(t *testing.T, p *audit.Policy, cs *audit.Catalogs, sdk *audit.SDK) {
	t.Helper()
	for _, r := range p.Rows {
		for pl, m := range r.Platforms {
			for _, n := range append(append([]string{}, m.AllOf...), m.AnyOf...) {
				_, known := cs.LookupName(pl, n)
				switch {
				case m.Custom && known:
					t.Errorf("row %q: %s is a catalogued %s permission but the row marks it custom", r.Label, n, pl)
				case m.Custom && !strings.Contains(n, ".permission."):
					t.Errorf("row %q: custom name %q does not look like a permission", r.Label, n)
				case !m.Custom && !known:
					t.Errorf("row %q: %s is not in the %s catalog", r.Label, n, pl)
				}
				if !slices.Contains(sdk.Permissions[pl], n) {
					t.Errorf("row %q: %s is not in SDK %s's documented %s permissions, so it would not be attributed to it", r.Label, n, sdk.ID, pl)
				}
			}
		}
	}
}
