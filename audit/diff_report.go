package audit

import (
	"fmt"
	"sort"
	"strings"
)

// AddedGate is what makes a diff fail: which added permissions count.
type AddedGate string

const (
	GateNever     AddedGate = "never"
	GateAny       AddedGate = "any"       // any added permission
	GateDangerous AddedGate = "dangerous" // an added one the user is asked about (see Sensitive)
	GatePolicy    AddedGate = "policy"    // an added one the policies neither require nor allow
)

// AddedGates lists the gates in help order.
var AddedGates = []AddedGate{GateNever, GateAny, GateDangerous, GatePolicy}

// ParseAddedGate accepts a gate name.
func ParseAddedGate(s string) (AddedGate, error) {
	for _, g := range AddedGates {
		if strings.EqualFold(s, string(g)) {
			return g, nil
		}
	}
	return "", fmt.Errorf("unknown gate %q (want never, any, dangerous or policy)", s)
}

// Trips says whether a permission change fails the gate: an added
// permission, or a changed one now requested on more devices (Widened).
func (g AddedGate) Trips(p PermissionDiff) bool {
	if p.Change != ChangeAdded && p.Widened == "" {
		return false
	}
	switch g {
	case GateAny:
		return true
	case GateDangerous:
		return p.Sensitive != ""
	case GatePolicy:
		return p.PolicyRule != ""
	}
	return false
}

// Build is one side of a diff on one platform: what the app declares and
// the files it was read from.
type Build struct {
	Declaration
	Artifacts []Artifact
}

// MergeBuild reads several source files of one app as one build (an
// Info.plist with its .entitlements and PrivacyInfo.xcprivacy): their
// permissions united, the app identity taken from whichever states it.
func MergeBuild(ds []Declaration) Build {
	b := Build{Declaration: ds[0]}
	b.Permissions = nil
	for _, d := range ds {
		b.Artifacts = append(b.Artifacts, d.Artifact)
		b.Permissions = append(b.Permissions, d.Permissions...)
		b.App = fillApp(b.App, d.App)
	}
	return b
}

func fillApp(a, from App) App {
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&a.ID, from.ID}, {&a.Version, from.Version}, {&a.MinLevel, from.MinLevel}, {&a.TargetLevel, from.TargetLevel},
	} {
		if *f.dst == "" {
			*f.dst = f.src
		}
	}
	return a
}

// Unpaired is a platform only one side of the diff has.
type Unpaired struct {
	Side      string     `json:"side"` // "old" or "new"
	Platform  Platform   `json:"platform"`
	Artifacts []Artifact `json:"artifacts"`
}

// DiffReport is everything one diff run produced; writers and the gate read it.
type DiffReport struct {
	Tool        Tool
	Policies    []*Policy
	FailOnAdded AddedGate
	Comparisons []PlatformDiff
	Unpaired    []Unpaired
}

// CompareBuilds pairs OLD's and NEW's builds by platform (at most one
// each) and diffs every pair. Builds with no platform in common are two
// different apps.
func CompareBuilds(old, new []Build, policies []*Policy, cs *Catalogs) ([]PlatformDiff, []Unpaired, error) {
	byPlatform := func(bs []Build) map[Platform]*Build {
		m := map[Platform]*Build{}
		for i := range bs {
			m[bs[i].Platform] = &bs[i]
		}
		return m
	}
	o, n := byPlatform(old), byPlatform(new)
	var diffs []PlatformDiff
	var unpaired []Unpaired
	for _, p := range Platforms {
		switch ob, nb := o[p], n[p]; {
		case ob != nil && nb != nil:
			d, err := DiffApps(ob.Declaration, nb.Declaration, policies, cs)
			if err != nil {
				return nil, nil, err
			}
			d.Old.Artifacts, d.New.Artifacts = ob.Artifacts, nb.Artifacts
			diffs = append(diffs, d)
		case ob != nil:
			unpaired = append(unpaired, Unpaired{Side: "old", Platform: p, Artifacts: ob.Artifacts})
		case nb != nil:
			unpaired = append(unpaired, Unpaired{Side: "new", Platform: p, Artifacts: nb.Artifacts})
		}
	}
	if len(diffs) == 0 {
		return nil, nil, &DifferentAppsError{Old: describeBuilds(old), New: describeBuilds(new)}
	}
	return diffs, unpaired, nil
}

func describeBuilds(bs []Build) string {
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = describeApp(b.Platform, b.App.ID)
	}
	return strings.Join(parts, " and ")
}

// Tripped lists the added and widened permissions that fail the gate, as
// "platform: name".
func (r *DiffReport) Tripped() []string {
	var out []string
	for _, d := range r.Comparisons {
		for _, p := range d.Permissions {
			if r.FailOnAdded.Trips(p) {
				s := string(d.Platform) + ": " + p.Name
				if p.Widened != "" {
					s += " (widened)"
				}
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Failed reports whether the gate fails.
func (r *DiffReport) Failed() bool { return len(r.Tripped()) > 0 }

// DiffSummary counts what a diff found, over every platform.
type DiffSummary struct {
	Added            int `json:"added"`
	Removed          int `json:"removed"`
	Changed          int `json:"changed"`
	Widened          int `json:"widened"` // changed ones now requested on more devices
	SensitiveAdded   int `json:"sensitiveAdded"`
	SensitiveWidened int `json:"sensitiveWidened"`
	CategoriesGained int `json:"categoriesGained"`
	CategoriesLost   int `json:"categoriesLost"`
}

// Summarize counts the report's changes.
func (r *DiffReport) Summarize() DiffSummary {
	var s DiffSummary
	for _, d := range r.Comparisons {
		for _, p := range d.Permissions {
			switch p.Change {
			case ChangeAdded:
				s.Added++
				if p.Sensitive != "" {
					s.SensitiveAdded++
				}
			case ChangeRemoved:
				s.Removed++
			case ChangeChanged:
				s.Changed++
				if p.Widened != "" {
					s.Widened++
					if p.Sensitive != "" {
						s.SensitiveWidened++
					}
				}
			}
		}
		for _, c := range d.Categories {
			if c.Change == ChangeGained {
				s.CategoriesGained++
			} else {
				s.CategoriesLost++
			}
		}
	}
	return s
}
