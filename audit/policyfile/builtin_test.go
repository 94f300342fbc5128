package policyfile

import (
	"reflect"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// TestGeneratedPoliciesMatchJSON keeps the compiled-in policies equal to
// what the loader makes of policydata's JSON, so an edit of the JSON
// without go generate fails here.
func TestGeneratedPoliciesMatchJSON(t *testing.T) {
	if generatedPolicies == nil {
		t.Skip("built with -tags permaudit_nogen: the policies are parsed from JSON")
	}
	cs := catalogs(t)
	ids := audit.BuiltinPolicyIDs()
	if len(generatedPolicies) != len(ids) {
		t.Errorf("builtin_gen.go has %d policies, policydata %d; run: go generate ./audit/...", len(generatedPolicies), len(ids))
	}
	for _, id := range ids {
		l := newLoader(cs)
		l.noGenerated = true
		want, err := l.load(id, "")
		if err != nil {
			t.Fatalf("%s from JSON: %v", id, err)
		}
		build := generatedPolicies[id]
		if build == nil || !reflect.DeepEqual(build(), want) {
			t.Errorf("builtin_gen.go differs from policies/%s.json: policydata changed without regenerating; run: go generate ./audit/...", id)
		}
	}
}

// TestBuiltinLoadIsGenerated proves the default audit takes the compiled
// path: a fresh copy per load, which callers may change freely.
func TestBuiltinLoadIsGenerated(t *testing.T) {
	if generatedPolicies == nil {
		t.Skip("built with -tags permaudit_nogen")
	}
	cs := catalogs(t)
	a, err := LoadOne(audit.DefaultPolicyID, cs)
	if err != nil {
		t.Fatal(err)
	}
	a.Rows[0].Label = "changed"
	b, err := LoadOne(audit.DefaultPolicyID, cs)
	if err != nil {
		t.Fatal(err)
	}
	if b.Rows[0].Label == "changed" {
		t.Error("a change to one loaded built-in policy shows in the next load")
	}
	if newLoader(&audit.Catalogs{}).generated(audit.DefaultPolicyID) != nil {
		t.Error("a loader with other catalogs took the policy checked against the built-in ones")
	}
}
