package android

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// identity fills the app's id, version and levels. The build script wins
// over the manifests ("the build configurations in build.gradle override
// any corresponding attributes in the merged manifest",
// https://developer.android.com/build/manage-manifests); a flavor's
// setting wins over defaultConfig. A setting permaudit cannot resolve is
// noted by its expression; the manifests' value is used when they have one.
func (b *gradleBuild) identity(d *audit.Declaration, m *gradleModule, v variant, values gradleValues, decls []audit.Declaration) {
	pick := func(get func(gradleLevels) gradleSetting) gradleSetting {
		for _, name := range v.Flavors {
			for _, f := range m.Flavors {
				if f.Name == name && get(f.Levels).set() {
					return get(f.Levels)
				}
			}
		}
		return get(m.Default)
	}
	fromManifest := func(get func(audit.App) string) string {
		for _, sd := range decls {
			if s := get(sd.App); s != "" {
				return s
			}
		}
		return ""
	}
	resolve := func(what string, s gradleSetting, fallback string) string {
		if !s.set() {
			return fallback
		}
		if val, ok := values.resolve(s.Expr); ok {
			return val
		}
		msg := fmt.Sprintf("%s %s: cannot resolve without running Gradle", what, s.Expr)
		if fallback != "" {
			msg += "; using the manifest's " + fallback
		}
		d.Notes = append(d.Notes, audit.Note{RuleID: audit.RuleProjectUnresolved, Severity: audit.SeverityWarning,
			Entry: m.BuildFile, Line: s.Line, Message: msg})
		return fallback
	}
	manifestID := fromManifest(func(a audit.App) string { return a.ID })
	d.App.ID = resolve("applicationId", pick(func(l gradleLevels) gradleSetting { return l.AppID }), "")
	if d.App.ID == "" {
		d.App.ID = resolve("namespace", m.Namespace, manifestID)
	}
	d.App.ID += b.idSuffix(d, m, v, values)
	d.App.Version = resolve("versionName", pick(func(l gradleLevels) gradleSetting { return l.Version }),
		fromManifest(func(a audit.App) string { return a.Version }))
	d.App.MinLevel = resolve("minSdk", pick(func(l gradleLevels) gradleSetting { return l.Min }),
		fromManifest(func(a audit.App) string { return a.MinLevel }))
	d.App.TargetLevel = resolve("targetSdk", pick(func(l gradleLevels) gradleSetting { return l.Target }),
		fromManifest(func(a audit.App) string { return a.TargetLevel }))
	if d.App.TargetLevel == "" {
		d.App.TargetLevel = d.App.MinLevel // the platform's default
	}
	if c := resolve("compileSdk", pick(func(l gradleLevels) gradleSetting { return l.Compile }), ""); c != "" {
		d.Facts = append(d.Facts, audit.Fact{Key: "compileSdk", Value: c})
	}
	if d.App.MinLevel == "" {
		d.Notes = append(d.Notes, audit.Note{RuleID: audit.RuleProjectUnresolved, Severity: audit.SeverityWarning, Entry: m.BuildFile,
			Message: "no minSdk in the build script or manifests: level-dependent rules cannot apply (give --min-level android=N and --target-level android=N)"})
	}
}

// idSuffix is the variant's applicationIdSuffix: each flavor's in
// dimension order, then the build type's.
func (b *gradleBuild) idSuffix(d *audit.Declaration, m *gradleModule, v variant, values gradleValues) string {
	var settings []gradleSetting
	for _, name := range v.Flavors {
		for _, f := range m.Flavors {
			if f.Name == name && f.Levels.AppIDSuffix.set() {
				settings = append(settings, f.Levels.AppIDSuffix)
			}
		}
	}
	if s, ok := m.BuildTypeSuffix[v.BuildType]; ok {
		settings = append(settings, s)
	}
	out := ""
	for _, s := range settings {
		val, ok := values.resolve(s.Expr)
		if !ok {
			d.Notes = append(d.Notes, audit.Note{RuleID: audit.RuleProjectUnresolved, Severity: audit.SeverityWarning,
				Entry: m.BuildFile, Line: s.Line, Message: "applicationIdSuffix " + s.Expr + ": cannot resolve without running Gradle"})
			continue
		}
		out += val
	}
	return out
}

// mergeDeclarations combines the per-manifest declarations: permissions
// through the merger, misplaced ones kept with where they are, facts
// from the highest-priority manifest that states each <application>
// attribute, every note with its file.
func mergeDeclarations(d audit.Declaration, sources []mergeSource, decls []audit.Declaration) ([]audit.Permission, []audit.Fact, []audit.Note) {
	perms, facts, notes := mergePermissions(sources, decls)
	facts = append(d.Facts, facts...)
	notes = append(d.Notes, notes...)
	seen := map[string]bool{}
	for i, sd := range decls {
		src := sources[i]
		for _, p := range sd.Permissions {
			if p.Misplaced != "" {
				p.Module, p.Entry = src.label(), src.File
				perms = append(perms, p)
			}
		}
		for _, f := range sd.Facts {
			key := f.Key
			if !strings.HasPrefix(key, "application.") {
				key += "=" + f.Value
			}
			if !seen[key] {
				seen[key] = true
				f.Entry = src.File
				facts = append(facts, f)
			}
		}
		for _, n := range sd.Notes {
			n.Entry = src.File
			notes = append(notes, n)
		}
	}
	return perms, facts, notes
}

// factPermissionDeclared holds the name of a <permission> the app defines.
const factPermissionDeclared = "permission.declared"

// expandDeclaredPermissions fills ${applicationId} in the names of the
// <permission>s the app defines, as in the permissions it uses, so its
// own signature permission is still known as its own.
func expandDeclaredPermissions(d *audit.Declaration, appID string) {
	for i := range d.Facts {
		if f := &d.Facts[i]; f.Key == factPermissionDeclared {
			f.Value = strings.ReplaceAll(f.Value, audit.AppIDPlaceholder, appID)
		}
	}
}

var rePlaceholder = regexp.MustCompile(`\$\{([A-Za-z0-9_]+)\}`)

// expandPlaceholders fills ${applicationId} in permission names, as the
// merger does; another placeholder needs manifestPlaceholders from the
// build and is noted.
func expandPlaceholders(d *audit.Declaration) {
	if d.App.ID != "" {
		expandDeclaredPermissions(d, d.App.ID)
	}
	for i := range d.Permissions {
		p := &d.Permissions[i]
		p.Name = rePlaceholder.ReplaceAllStringFunc(p.Name, func(ph string) string {
			if ph == "${applicationId}" && d.App.ID != "" {
				return d.App.ID
			}
			d.Notes = append(d.Notes, audit.Note{RuleID: audit.RuleProjectUnresolved, Severity: audit.SeverityWarning,
				Entry: p.Entry, Line: p.Line, Message: p.Name + ": placeholder " + ph + " is filled from manifestPlaceholders at build time; not resolved"})
			return ph
		})
	}
}
