//go:build permaudit_nogen

package policyfile

import "github.com/permaudit/permaudit/audit"

// generatedPolicies is nil in a build without the generated data (the
// one go generate uses): built-in policies are then parsed from JSON.
var generatedPolicies map[string]func() *audit.Policy
