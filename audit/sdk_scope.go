package audit

import (
	"fmt"
	"strings"
)

// RulePolicyNotApplicable: a policy limited to an SDK was not applied
// because the artifact does not embed that SDK.
const RulePolicyNotApplicable = "policy-sdk-absent"

// VerdictSDKAbsent marks the rows of a policy whose SDK is not in the app.
const VerdictSDKAbsent = "SDK not present"

// PolicyScope limits a policy to apps that embed one SDK (an id of the
// SDK catalog): an SDK's privacy statement binds only apps that ship it.
type PolicyScope struct {
	SDK string `json:"sdk"`
}

// detectAndAttribute finds the SDKs in d, names on each permission the
// SDKs that document it, and fills in each SDK's data items from the
// policy reproducing its statement when that policy is in use.
func detectAndAttribute(d *Declaration, policies []*Policy) []DetectedSDK {
	c, err := BuiltinSDKCatalog()
	if err != nil {
		return nil // the catalog is embedded; its test fails on any error
	}
	found := DetectSDKs(d, c)
	attribute(d, found, c)
	for i := range found {
		s, _ := c.Lookup(found[i].ID)
		for _, p := range policies {
			if s.Policy != "" && p.ID == s.Policy {
				found[i].DataItems = dataItemsFor(p, d.Platform)
			}
		}
	}
	return found
}

// policyItemsFor lists a policy's data items on one platform.
func policyItemsFor(p *Policy, pl Platform) []DataItem {
	var out []DataItem
	for _, it := range p.DataItems {
		if hasPlatform(it.Platforms, pl) {
			out = append(out, it)
		}
	}
	return out
}

func dataItemsFor(p *Policy, pl Platform) []string {
	var out []string
	for _, it := range policyItemsFor(p, pl) {
		out = append(out, it.Item)
	}
	return out
}

// scopePolicies splits off the policies whose SDK is known to be absent.
// When the artifact holds no code index (a lone manifest, an .ipa whose
// SDK may be linked statically) absence cannot be shown, so the policy
// still applies: a missing signal is not evidence.
func scopePolicies(policies []*Policy, found []DetectedSDK, codeScanned bool) (in, out []*Policy) {
	for _, p := range policies {
		if p.AppliesTo == nil || !codeScanned || hasSDK(found, p.AppliesTo.SDK) {
			in = append(in, p)
			continue
		}
		out = append(out, p)
	}
	return in, out
}

func hasSDK(found []DetectedSDK, id string) bool {
	for _, s := range found {
		if s.ID == id {
			return true
		}
	}
	return false
}

// outOfScope reports each skipped policy once and lists its rows as
// "SDK not present", so the matrix still shows what was not checked; the
// one finding says why, rather than every row repeating it.
func (e *evaluation) outOfScope(policies []*Policy) []MatrixRow {
	var rows []MatrixRow
	for _, pol := range policies {
		note := fmt.Sprintf("policy %s applies to apps that embed SDK %s; none of its signatures was found", pol.ID, pol.AppliesTo.SDK)
		e.add(Finding{RuleID: RulePolicyNotApplicable, Severity: SeverityNote,
			Message:     note + ", so its rows were not evaluated",
			Remediation: "Nothing to do if the app does not ship the SDK; otherwise report the SDK's signature so the catalog can recognise it.",
		}, nil)
		for _, req := range pol.Requirements(e.decl.Platform) {
			m := req.Match
			rows = append(rows, MatrixRow{Policy: pol.ID, Row: req.Row, Label: req.Label, Category: req.Category,
				Level: req.Level, Purpose: req.Purpose, Expected: append(append([]string{}, m.AllOf...), m.AnyOf...),
				Declared: []string{}, Verdict: VerdictSDKAbsent})
		}
	}
	return rows
}

// checkScope refuses an appliesTo naming no SDK of the catalog: such a
// policy would never apply to a package with code.
func (p *Policy) checkScope() []Problem {
	if p.AppliesTo == nil {
		return nil
	}
	c, err := BuiltinSDKCatalog()
	if err != nil {
		return []Problem{{Field: "appliesTo", Message: err.Error()}}
	}
	if _, ok := c.Lookup(p.AppliesTo.SDK); !ok {
		ids := make([]string, len(c.SDKs))
		for i, s := range c.SDKs {
			ids[i] = s.ID
		}
		return []Problem{{Field: "appliesTo", Name: p.AppliesTo.SDK,
			Message: fmt.Sprintf("appliesTo.sdk %q is not in the SDK catalog (known: %s)", p.AppliesTo.SDK, strings.Join(ids, ", "))}}
	}
	return nil
}
