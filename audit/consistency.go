package audit

import (
	"fmt"
	"sort"
	"strings"
)

// RuleCrossPlatform: one app's platforms disagree on a user-facing
// capability.
const RuleCrossPlatform = "cross-platform-inconsistent"

// consistencyCategories are the capabilities every platform gates behind
// a declaration and a user prompt: shared code (React Native, Flutter, …)
// that uses one on one platform uses it on all, and fails or crashes
// where it is not declared (iOS terminates an app that touches the
// camera without NSCameraUsageDescription).
var consistencyCategories = []string{"camera", "microphone", "location", "contacts", "calendar", "photos", "bluetooth", "sensors"}

// CheckConsistency compares the artifacts of each cross-platform app
// (same Group.Root, two platforms or more): a category declared on one
// platform and on no artifact of another platform is a finding on the
// latter, naming where it is declared.
func CheckConsistency(arts []ArtifactResult, policies []*Policy) {
	groups := map[string][]int{}
	for i, a := range arts {
		if a.Group != nil {
			groups[a.Group.Root] = append(groups[a.Group.Root], i)
		}
	}
	roots := make([]string, 0, len(groups))
	for r := range groups {
		roots = append(roots, r)
	}
	sort.Strings(roots)
	sev := (&evaluation{policies: policies}).severity(RuleCrossPlatform, SeverityWarning)
	for _, root := range roots {
		used := map[string]map[Platform][]string{} // category → platform → names
		platforms := map[Platform]bool{}
		for _, i := range groups[root] {
			platforms[arts[i].Platform] = true
			for _, e := range arts[i].Effective {
				if e.Why == "declared" && e.Category != "" {
					if used[e.Category] == nil {
						used[e.Category] = map[Platform][]string{}
					}
					used[e.Category][arts[i].Platform] = append(used[e.Category][arts[i].Platform], e.Name)
				}
			}
		}
		if len(platforms) < 2 {
			continue
		}
		for _, i := range groups[root] {
			a := &arts[i]
			for _, cat := range consistencyCategories {
				if len(used[cat]) == 0 || len(used[cat][a.Platform]) > 0 {
					continue
				}
				f := Finding{RuleID: RuleCrossPlatform, Severity: sev, Platform: a.Platform, Category: cat,
					Location: Location{File: a.Artifact.Path},
					Message: fmt.Sprintf("%s is declared for %s of %s but not here: if the shared code uses it on %s too, %s",
						cat, whereUsed(used[cat]), a.Group.Name, a.Platform.Title(), consequence(a.Platform)),
					Remediation: "Declare the " + cat + " permission on " + a.Platform.Title() + " with its purpose text, or remove it from the other platforms if no shared code uses it."}
				f.Fingerprint = Fingerprint(a.Platform, a.App.ID, f.RuleID, f.Category, f.Permission, f.Location.Entry)
				a.Findings = append(a.Findings, f)
			}
			sortFindings(a.Findings)
		}
	}
}

// consequence says what happens on p when undeclared code uses a capability.
func consequence(p Platform) string {
	if p == IOS {
		return "iOS terminates the app when it touches the resource without a purpose string"
	}
	return "the permission request fails"
}

func whereUsed(byPlatform map[Platform][]string) string {
	var parts []string
	for _, p := range Platforms {
		if names := byPlatform[p]; len(names) > 0 {
			parts = append(parts, p.Title()+" ("+strings.Join(names, ", ")+")")
		}
	}
	return strings.Join(parts, " and ")
}

// consistencyRules document RuleCrossPlatform for help texts and SARIF.
var consistencyRules = []RuleInfo{
	{ID: RuleCrossPlatform, Name: "CrossPlatformInconsistent", Severity: SeverityWarning,
		Short:            "One app's platforms disagree on a permission category",
		Full:             "The artifacts of one cross-platform app (React Native, Flutter, Expo, Capacitor, uni-app, Kotlin Multiplatform, ArkUI-X) declare a user-facing capability (camera, microphone, location, contacts, calendar, photos, Bluetooth, sensors) on one platform and not on another. Shared code that uses it fails there; on iOS the system terminates an app that touches a protected resource without its purpose string.",
		Help:             "Declare the capability on every platform whose build uses it — `uses-permission` on Android, the `…UsageDescription` key on iOS, a `requestPermissions` entry with `reason` and `usedScene` on HarmonyOS — or remove it where no shared code needs it.",
		SecuritySeverity: "4.0", Tags: []string{"cross-platform", "permissions", "consistency"}},
}

// packageKinds are the artifact kinds that are built packages.
var packageKinds = map[string]bool{"apk": true, "aab": true, "apks": true, "ipa": true, "hap": true, "hsp": true, "app": true}

// FrameworkByAppID is the framework of a group of built packages that
// share an app id; its root is no directory.
const FrameworkByAppID = "packages with one app id"

// GroupPackagesByAppID groups built packages of one release: packages of
// two platforms or more that carry the same app id (package name, bundle
// id, bundleName) and belong to no other group are one app.
func GroupPackagesByAppID(arts []ArtifactResult) {
	byID := map[string][]int{}
	for i, a := range arts {
		if a.Group == nil && packageKinds[a.Artifact.Kind] && a.App.ID != "" && !strings.Contains(a.App.ID, "$(") {
			byID[a.App.ID] = append(byID[a.App.ID], i)
		}
	}
	for id, idx := range byID {
		platforms := map[Platform]bool{}
		for _, i := range idx {
			platforms[arts[i].Platform] = true
		}
		if len(platforms) < 2 {
			continue
		}
		g := &AppGroup{Name: id, Framework: FrameworkByAppID, Root: "app id " + id}
		for _, i := range idx {
			arts[i].Group = g
		}
	}
}
