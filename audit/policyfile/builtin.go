package policyfile

import "github.com/permaudit/permaudit/audit"

// The built-in policies are compiled in (builtin_gen.go), already
// resolved and checked, so the default audit parses no policy at all.
//go:generate go run -tags permaudit_nogen ./internal/genbuiltin -audit .. -policyfile .

// generated returns a fresh copy of a built-in policy compiled in by go
// generate, or nil when ref is not one or the caller checks against
// catalogs other than the built-in ones the copy was checked against.
func (l *loader) generated(ref string) *audit.Policy {
	build := generatedPolicies[ref]
	if build == nil || l.noGenerated || !IsBuiltin(ref) {
		return nil
	}
	if cs, err := audit.BuiltinCatalogs(); err != nil || cs != l.cs {
		return nil
	}
	return build()
}
