package audit

import "strings"

// AppIDPlaceholder stands for the app's own package name in an Android
// permission name. SDKs ask the app to declare a signature permission
// named after it ("${applicationId}.permission.MIPUSH_RECEIVE",
// "getui.permission.GetuiService.${applicationId}"), and the Android Gradle
// plugin's manifest merger fills the placeholder with the applicationId
// (developer.android.com/build/manage-manifests#inject_build_variables_into_the_manifest).
const AppIDPlaceholder = "${applicationId}"

// withAppID returns the policies with AppIDPlaceholder in their Android
// permission names replaced by the app's id, so a row written the way the
// vendor documents it matches the merged manifest. A policy without the
// placeholder is returned as is; one with it is copied, never changed in
// place. When the id is unknown the names stay as written, which matches a
// source manifest whose placeholder nobody could expand either.
func withAppID(policies []*Policy, appID string) []*Policy {
	if appID == "" {
		return policies
	}
	out := make([]*Policy, len(policies))
	for i, p := range policies {
		out[i] = p
		if namesAppID(p) {
			out[i] = expandAppID(p, appID)
		}
	}
	return out
}

func namesAppID(p *Policy) bool {
	for _, r := range p.Rows {
		if m := r.Platforms[Android]; m != nil {
			for _, n := range m.Names() {
				if strings.Contains(n, AppIDPlaceholder) {
					return true
				}
			}
		}
	}
	return false
}

func expandAppID(p *Policy, appID string) *Policy {
	cp := *p
	cp.Rows = make([]PolicyRow, len(p.Rows))
	for i, r := range p.Rows {
		m := r.Platforms[Android]
		if m != nil {
			platforms := make(map[Platform]*Match, len(r.Platforms))
			for pl, x := range r.Platforms {
				platforms[pl] = x
			}
			em := *m
			em.AllOf, em.AnyOf = fillAppID(m.AllOf, appID), fillAppID(m.AnyOf, appID)
			em.Equivalents = nil
			for _, eq := range m.Equivalents {
				em.Equivalents = append(em.Equivalents, Equivalent{FromTarget: eq.FromTarget, AnyOf: fillAppID(eq.AnyOf, appID)})
			}
			platforms[Android] = &em
			r.Platforms = platforms
		}
		cp.Rows[i] = r
	}
	return &cp
}

func fillAppID(names []string, appID string) []string {
	if names == nil {
		return nil
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.ReplaceAll(n, AppIDPlaceholder, appID)
	}
	return out
}
