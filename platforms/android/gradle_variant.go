package android

import (
	"fmt"
	"sort"
	"strings"
)

// variant is one build variant of an app module: a build type and one
// flavor per dimension.
type variant struct {
	Name      string
	BuildType string
	Flavors   []string // in flavorDimensions order
	Guessed   bool     // flavors picked by permaudit, not named by the user
}

// chooseVariant resolves --variant NAME (release when empty) against the
// module's build types and flavors. Without a name and with flavors, the
// first flavor of each dimension is taken and the guess is marked.
// https://developer.android.com/build/build-variants
func chooseVariant(m *gradleModule, name string) (variant, error) {
	combos := flavorCombos(m)
	if name == "" {
		v := variant{BuildType: "release", Flavors: combos[0], Guessed: len(combos[0]) > 0}
		v.Name = variantName(v.Flavors, v.BuildType)
		return v, nil
	}
	var all []string
	for _, fl := range combos {
		for _, bt := range m.BuildTypes {
			n := variantName(fl, bt)
			if strings.EqualFold(n, name) {
				return variant{Name: n, BuildType: bt, Flavors: fl}, nil
			}
			all = append(all, n)
		}
	}
	sort.Strings(all)
	return variant{}, fmt.Errorf("%s: no build variant %q; this module has %s", m.BuildFile, name, strings.Join(all, ", "))
}

// flavorCombos lists one flavor per dimension in every combination, the
// first flavor of each dimension first. Flavors without a dimension form
// the single implicit one.
func flavorCombos(m *gradleModule) [][]string {
	dims := m.Dimensions
	if len(dims) == 0 && len(m.Flavors) > 0 {
		dims = []string{""}
	}
	combos := [][]string{nil}
	for _, d := range dims {
		var names []string
		for _, f := range m.Flavors {
			if f.Dimension == d || len(m.Dimensions) <= 1 {
				names = append(names, f.Name)
			}
		}
		if len(names) == 0 {
			continue
		}
		var next [][]string
		for _, c := range combos {
			for _, n := range names {
				next = append(next, append(append([]string{}, c...), n))
			}
		}
		combos = next
	}
	return combos
}

func variantName(flavors []string, buildType string) string {
	if len(flavors) == 0 {
		return buildType
	}
	s := flavors[0]
	for _, f := range flavors[1:] {
		s += capitalize(f)
	}
	return s + capitalize(buildType)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// sourceSets lists the variant's source sets, highest merge priority
// first: the variant, the build type, the flavor combination, each
// flavor in dimension order, then main.
func (v variant) sourceSets() []string {
	var out []string
	if len(v.Flavors) > 0 {
		out = append(out, v.Name)
	}
	out = append(out, v.BuildType)
	if len(v.Flavors) > 1 {
		out = append(out, variantName(v.Flavors, ""))
	}
	out = append(out, v.Flavors...)
	return append(out, "main")
}

// packages reports whether a dependency configuration puts the library
// into this variant's package: implementation, api, runtimeOnly (and
// the old compile), alone or prefixed by one of the variant's source sets.
// compileOnly, test and androidTest configurations ship nothing.
func (v variant) packages(config string) bool {
	for _, base := range []string{"implementation", "api", "runtimeOnly", "compile", "runtime"} {
		if config == base {
			return true
		}
		for _, s := range v.sourceSets() {
			if s != "main" && config == s+capitalize(base) {
				return true
			}
		}
	}
	return false
}
