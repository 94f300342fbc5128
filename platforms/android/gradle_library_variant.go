package android

import (
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// Variant-aware matching: an app's variant consumes the library variant
// with the same build type and, in each flavor dimension the library
// has, the flavor of the same name; in a dimension only the library has,
// the flavor the app's missingDimensionStrategy names. Anything else
// needs matchingFallbacks, which permaudit does not read, or fails the
// build.
// https://developer.android.com/build/build-variants#resolve_matching_errors

// libraryVariant is the variant of lib the app's variant v packages. ok
// is false, with why, when no flavor can be matched: then only the
// library's build type and main source sets are merged.
func libraryVariant(app *gradleModule, v variant, lib *gradleModule) (lv variant, why string, ok bool) {
	lv = variant{BuildType: v.BuildType}
	for _, dim := range flavorDimensions(lib) {
		want, from := "", ""
		for _, name := range v.Flavors {
			if dimensionOf(app, name) == dim || (dim == "" && hasFlavor(lib, "", name)) {
				want, from = name, "the app's flavor"
			}
		}
		if want == "" {
			want, from = app.MissingDimension[dim], "missingDimensionStrategy"
		}
		switch {
		case want == "":
			return variant{}, "the app chooses no flavor in " + dimensionLabel(dim) + " (no flavor of that dimension, no missingDimensionStrategy)", false
		case !hasFlavor(lib, dim, want):
			return variant{}, from + " " + want + " is not a flavor of its " + dimensionLabel(dim) + " (matchingFallbacks are not read)", false
		}
		lv.Flavors = append(lv.Flavors, want)
	}
	lv.Name = variantName(lv.Flavors, lv.BuildType)
	return lv, "", true
}

// flavorDimensions are the dimensions a module's flavors use, in order;
// "" stands for flavors with no dimension named.
func flavorDimensions(m *gradleModule) []string {
	if len(m.Flavors) == 0 {
		return nil
	}
	if len(m.Dimensions) == 0 {
		return []string{""}
	}
	return m.Dimensions
}

// dimensionOf is a flavor's dimension; with a single dimension a flavor
// need not name it (AGP assigns it).
func dimensionOf(m *gradleModule, flavor string) string {
	for _, f := range m.Flavors {
		if f.Name == flavor {
			if f.Dimension == "" && len(m.Dimensions) == 1 {
				return m.Dimensions[0]
			}
			return f.Dimension
		}
	}
	return ""
}

func hasFlavor(m *gradleModule, dim, name string) bool {
	for _, f := range m.Flavors {
		if f.Name == name && (dim == "" || dimensionOf(m, name) == dim) {
			return true
		}
	}
	return false
}

func dimensionLabel(dim string) string {
	if dim == "" {
		return "flavors"
	}
	return "dimension " + dim
}

// librarySourceSets lists the source sets of lib merged into the app's
// variant v, highest priority first, and notes on d a library whose
// flavors could not be matched.
func librarySourceSets(app *gradleModule, v variant, lib *gradleModule, d *audit.Declaration) []string {
	if len(lib.Flavors) == 0 {
		return []string{v.BuildType, "main"}
	}
	lv, why, ok := libraryVariant(app, v, lib)
	if !ok {
		d.Notes = append(d.Notes, audit.Note{RuleID: audit.RuleProjectUnresolved, Severity: audit.SeverityWarning, Entry: lib.BuildFile,
			Message: "library " + lib.Path + " has product flavors and " + why + ": only its " + v.BuildType + " and main manifests are merged"})
		return []string{v.BuildType, "main"}
	}
	d.Facts = append(d.Facts, audit.Fact{Key: "project.variant", Value: lib.Path + " " + lv.Name})
	return lv.sourceSets()
}

// missingDimensions reads missingDimensionStrategy 'dim', 'flavor'[, …]
// statements: the first flavor listed is the one taken.
func missingDimensions(list []stmt) map[string]string {
	out := map[string]string{}
	for _, s := range list {
		if s.Open || !strings.HasPrefix(s.Head, "missingDimensionStrategy") {
			continue
		}
		if q := reQuoted.FindAllString(s.Head, 2); len(q) == 2 {
			out[unquote(q[0])] = unquote(q[1])
		}
	}
	return out
}
