//go:build permaudit_nogen

package audit

// generatedCatalogs is nil in a build without the generated data (the
// one go generate uses): BuiltinCatalogs then decodes the JSON.
var generatedCatalogs *Catalogs
