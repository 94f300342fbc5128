package audit

import (
	"cmp"
	"fmt"
	"sort"
	"strings"
)

// Change says what happened to a permission or category between two builds.
type Change string

const (
	ChangeAdded   Change = "added"
	ChangeRemoved Change = "removed"
	ChangeChanged Change = "changed"
	ChangeGained  Change = "gained"
	ChangeLost    Change = "lost"
)

// PermissionState is how one build declares a permission, all its
// declarations (forms, modules) taken together.
type PermissionState struct {
	Forms []Form `json:"forms"`
	// MaxSdkVersion is the highest Android level any declaration reaches;
	// 0 when one of them is unbounded.
	MaxSdkVersion int      `json:"maxSdkVersion,omitempty"`
	Purposes      []string `json:"purposes,omitempty"`
	Modules       []string `json:"modules,omitempty"`
	// When is HarmonyOS's usedScene.when: "always" if any declaration
	// says so, else the one stated.
	When string `json:"when,omitempty"`
	Line int    `json:"line,omitempty"`
}

// FieldChange is one attribute that differs between the builds.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// PermissionDiff is one permission added, removed or changed.
type PermissionDiff struct {
	Name     string `json:"name"`
	Change   Change `json:"change"`
	Category string `json:"category"`
	// Sensitive names why the platform treats the permission as sensitive:
	// Android protection level dangerous, HarmonyOS user_grant or
	// manual_settings, an iOS purpose key. Empty otherwise.
	Sensitive string `json:"sensitive,omitempty"`
	// PolicyRule is the rule NEW's audit raises for an added or widened
	// permission the policies neither require nor allow (beyond-policy,
	// forbidden-declared).
	PolicyRule string `json:"policyRule,omitempty"`
	// Widened says which devices a changed permission now reaches that it
	// did not before ("now requested on API 29 and later too"): for them
	// it is as good as added, and the gate counts it as such.
	Widened string           `json:"widened,omitempty"`
	Old     *PermissionState `json:"old,omitempty"`
	New     *PermissionState `json:"new,omitempty"`
	Fields  []FieldChange    `json:"fields,omitempty"`
}

// CategoryDiff is a category the app gained or lost, with the permissions
// that brought it in or took it away.
type CategoryDiff struct {
	Category    string   `json:"category"`
	Change      Change   `json:"change"`
	Permissions []string `json:"permissions"`
}

// DiffSide is one build as the diff read it: possibly several source files
// of one app (an Info.plist and its .entitlements).
type DiffSide struct {
	App       App        `json:"app"`
	Artifacts []Artifact `json:"artifacts"`
}

// PlatformDiff compares two builds of one app on one platform.
type PlatformDiff struct {
	Platform    Platform         `json:"platform"`
	AppID       string           `json:"appId,omitempty"`
	Old         DiffSide         `json:"old"`
	New         DiffSide         `json:"new"`
	Permissions []PermissionDiff `json:"permissions"`
	Categories  []CategoryDiff   `json:"categories"`
	Unchanged   int              `json:"unchanged"`
	Notes       []string         `json:"notes,omitempty"`
}

// DifferentAppsError: the two builds are not of the same app (another
// platform, another app id), so a permission diff would mean nothing.
type DifferentAppsError struct {
	Old, New string // "Android app com.example.a"
}

func (e *DifferentAppsError) Error() string {
	return fmt.Sprintf("OLD is %s but NEW is %s: diff compares two builds of the same app", e.Old, e.New)
}

// statedID is the app id as written, or "" when the source leaves it to
// the build: absent, or an Xcode build setting such as
// $(PRODUCT_BUNDLE_IDENTIFIER) that only the build resolves.
func statedID(id string) string {
	if strings.Contains(id, "$(") || strings.Contains(id, "${") {
		return ""
	}
	return id
}

func describeApp(p Platform, id string) string {
	if id == "" {
		return p.Title() + " (no app id stated)"
	}
	return p.Title() + " app " + id
}

// DiffApps compares two builds of one app on the same platform. Only
// permissions the platform counts are compared: tools:node="remove" and
// misplaced entries are absent, and Android's implied permissions, which
// aapt derives from declared ones, are left out so that a source manifest
// and the APK built from it compare equal. policies decide PolicyRule.
func DiffApps(old, new Declaration, policies []*Policy, cs *Catalogs) (PlatformDiff, error) {
	oldID, newID := statedID(old.App.ID), statedID(new.App.ID)
	if old.Platform != new.Platform || oldID != "" && newID != "" && oldID != newID {
		return PlatformDiff{}, &DifferentAppsError{Old: describeApp(old.Platform, old.App.ID), New: describeApp(new.Platform, new.App.ID)}
	}
	d := PlatformDiff{Platform: new.Platform, AppID: cmp.Or(newID, oldID, new.App.ID),
		Old: DiffSide{App: old.App, Artifacts: []Artifact{old.Artifact}},
		New: DiffSide{App: new.App, Artifacts: []Artifact{new.Artifact}}}
	for _, side := range []struct{ name, raw, id string }{{"OLD", old.App.ID, oldID}, {"NEW", new.App.ID, newID}} {
		switch {
		case oldID == "" && newID == "":
			// Nothing says these are one app: the reader must know that.
			if side.name == "NEW" {
				d.Notes = append(d.Notes, "neither OLD nor NEW states the app id (a source manifest may leave it to the build file); compared as two builds of one app")
			}
		case side.id != "" || d.AppID == side.raw:
		case side.raw == "":
			d.Notes = append(d.Notes, side.name+" does not state the app id (a source manifest may leave it to the build file); taken to be "+d.AppID)
		default:
			d.Notes = append(d.Notes, side.name+" names the app id by a build setting, "+side.raw+"; taken to be "+d.AppID)
		}
	}
	before, after := collectStates(old), collectStates(new)
	newMin := 0 // the lowest level NEW installs on: widening below it reaches no device
	if new.Platform == Android {
		newMin = ParseLevel(Android, new.App.MinLevel)
	}
	rules, unjudged := policyRules(new, policies, cs)
	if unjudged != "" {
		d.Notes = append(d.Notes, "NEW: "+unjudged)
	}
	for _, name := range unionKeys(before, after) {
		o, n := before[name], after[name]
		pd := PermissionDiff{Name: name, Old: o, New: n}
		switch {
		case o == nil:
			pd.Change, pd.PolicyRule = ChangeAdded, rules[name]
		case n == nil:
			pd.Change = ChangeRemoved
		default:
			if pd.Fields = compareStates(o, n); len(pd.Fields) == 0 {
				d.Unchanged++
				continue
			}
			pd.Change = ChangeChanged
			if pd.Widened = widening(o, n, newMin); pd.Widened != "" {
				pd.PolicyRule = rules[name]
			}
		}
		at := n
		if at == nil {
			at = o
		}
		pd.Category = cs.Category(new.Platform, at.Forms[0], name)
		pd.Sensitive = sensitivity(cs, new.Platform, at.Forms, name)
		d.Permissions = append(d.Permissions, pd)
	}
	sortPermissionDiffs(d.Permissions)
	d.Categories = categoryChanges(before, after, cs, new.Platform)
	if d.Permissions == nil {
		d.Permissions = []PermissionDiff{}
	}
	return d, nil
}

// policyRules audits NEW and returns, per permission, the rule that says
// the policies neither require nor allow it, as audit reports it; and, when
// no policy has rows for the platform (so nothing can be beyond them), the
// audit's note saying so, for the diff to pass on.
func policyRules(new Declaration, policies []*Policy, cs *Catalogs) (rules map[string]string, unjudged string) {
	out := map[string]string{}
	for _, f := range Evaluate(new, policies, cs).Findings {
		if f.RuleID == RuleNoPermissionRows {
			unjudged = f.Message
		}
		if f.RuleID == RuleBeyondPolicy || f.RuleID == RuleForbiddenDeclared {
			if _, seen := out[f.Permission]; !seen || f.RuleID == RuleForbiddenDeclared {
				out[f.Permission] = f.RuleID
			}
		}
	}
	return out, unjudged
}

var changeOrder = map[Change]int{ChangeAdded: 0, ChangeRemoved: 1, ChangeChanged: 2}

func sortPermissionDiffs(ps []PermissionDiff) {
	sort.SliceStable(ps, func(i, j int) bool {
		if changeOrder[ps[i].Change] != changeOrder[ps[j].Change] {
			return changeOrder[ps[i].Change] < changeOrder[ps[j].Change]
		}
		return ps[i].Name < ps[j].Name
	})
}
