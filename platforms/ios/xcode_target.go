package ios

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

const infoPlistKeyPrefix = "INFOPLIST_KEY_"

// targetReader reads the targets of one app into its declaration.
type targetReader struct {
	fsys                 fs.FS
	project, config, pbx string
	d                    *audit.Declaration
}

// read adds one target (the app or one of its extensions) as a module.
func (r targetReader) read(t xcodeTarget, kind string) error {
	x := newExpander(t, r.project, r.config)
	info := newDeclaration(KindInfoPlist)
	plistFile := r.projectPath(t, x, "INFOPLIST_FILE")
	if plistFile != "" {
		data, err := archive.ReadFile(r.fsys, plistFile)
		if err != nil {
			return &audit.ParseError{Entry: plistFile, Err: fmt.Errorf("target %s: INFOPLIST_FILE: %w", t.Name, err)}
		}
		if info, err = ParseInfoPlist(data); err != nil {
			return withEntry(err, plistFile)
		}
		r.d.Facts = append(r.d.Facts, audit.Fact{Key: "project.manifest", Value: plistFile})
		info.SetEntry(plistFile)
	}
	if x.isYes("GENERATE_INFOPLIST_FILE") {
		r.generatedKeys(&info, t, x)
	}
	for i := range info.Permissions {
		info.Permissions[i].Purpose = x.expand(info.Permissions[i].Purpose)
		info.Permissions[i].Module = t.Name
	}
	for i := range info.Facts {
		info.Facts[i].Value = x.expand(info.Facts[i].Value)
	}
	id := firstSet(x.value("PRODUCT_BUNDLE_IDENTIFIER"), x.expand(info.App.ID))
	if kind == "application" {
		r.d.App.ID = firstSet(x.expand(info.App.ID), id)
		r.d.App.Version = firstSet(x.expand(info.App.Version), x.value("MARKETING_VERSION"))
		r.d.App.MinLevel = firstSet(x.value("IPHONEOS_DEPLOYMENT_TARGET"), info.App.MinLevel)
	}
	r.d.Modules = append(r.d.Modules, audit.Module{Name: t.Name, Kind: kind, ID: id})
	if err := r.entitlements(t, x); err != nil {
		return err
	}
	dir := path.Dir(plistFile)
	if plistFile == "" {
		dir = t.Name // Xcode's templates keep a target's files in a folder of its name
	}
	r.localizations(&info, dir)
	r.d.Permissions = append(r.d.Permissions, info.Permissions...)
	r.d.Facts = append(r.d.Facts, info.Facts...)
	r.d.Notes = append(r.d.Notes, info.Notes...)
	if len(x.unresolved) > 0 {
		var names []string
		for n := range x.unresolved {
			names = append(names, "$("+n+")")
		}
		sort.Strings(names)
		r.d.Notes = append(r.d.Notes, audit.Note{RuleID: audit.RuleProjectUnresolved, Severity: audit.SeverityWarning, Entry: r.pbx,
			Message: fmt.Sprintf("target %s (%s): %s not set in the project's build settings (an .xcconfig or the environment may set it); left as written", t.Name, r.config, strings.Join(names, ", "))})
	}
	return nil
}

// generatedKeys adds the INFOPLIST_KEY_*UsageDescription build settings
// Xcode writes into the generated Info.plist. When the file has the key
// too, the file's text is kept and the disagreement is noted.
func (r targetReader) generatedKeys(info *audit.Declaration, t xcodeTarget, x *settingsExpander) {
	var keys []string
	for k := range t.Settings {
		if strings.HasPrefix(k, infoPlistKeyPrefix) && strings.HasSuffix(k, usageSuffix) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		name, text := strings.TrimPrefix(k, infoPlistKeyPrefix), x.value(k)
		if have := findPermission(info, name); have != nil {
			if have.Purpose != text {
				info.Notes = append(info.Notes, audit.Note{RuleID: audit.RuleProjectUnresolved, Severity: audit.SeverityNote, Entry: r.pbx,
					Message: fmt.Sprintf("target %s: %s is both in %s and the build setting %s; the file's text is audited", t.Name, name, have.Entry, k)})
			}
			continue
		}
		info.Permissions = append(info.Permissions, audit.Permission{Name: name, Form: audit.FormUsageDescription,
			Purpose: text, HasPurpose: true, Entry: r.pbx})
	}
}

// entitlements reads the file CODE_SIGN_ENTITLEMENTS names.
func (r targetReader) entitlements(t xcodeTarget, x *settingsExpander) error {
	file := r.projectPath(t, x, "CODE_SIGN_ENTITLEMENTS")
	if file == "" {
		return nil
	}
	data, err := archive.ReadFile(r.fsys, file)
	if err != nil {
		return &audit.ParseError{Entry: file, Err: fmt.Errorf("target %s: CODE_SIGN_ENTITLEMENTS: %w", t.Name, err)}
	}
	ent, err := ParseEntitlements(data)
	if err != nil {
		return withEntry(err, file)
	}
	ent.SetEntry(file)
	for i := range ent.Permissions {
		ent.Permissions[i].Module = t.Name
	}
	r.d.Facts = append(r.d.Facts, audit.Fact{Key: "project.manifest", Value: file})
	r.d.Permissions = append(r.d.Permissions, ent.Permissions...)
	r.d.Facts = append(r.d.Facts, ent.Facts...)
	r.d.Notes = append(r.d.Notes, ent.Notes...)
	return nil
}

// projectPath reads a path setting; one that cannot be followed inside
// the project (unresolved, absolute, above SRCROOT) is noted.
func (r targetReader) projectPath(t xcodeTarget, x *settingsExpander, setting string) string {
	raw := x.value(setting)
	p := cleanProjectPath(raw)
	if p == "" && strings.TrimSpace(raw) != "" {
		r.d.Notes = append(r.d.Notes, audit.Note{RuleID: audit.RuleProjectUnresolved, Severity: audit.SeverityWarning, Entry: r.pbx,
			Message: fmt.Sprintf("target %s: %s = %s cannot be read inside the project; not audited", t.Name, setting, raw)})
	}
	return p
}

func findPermission(d *audit.Declaration, name string) *audit.Permission {
	for i := range d.Permissions {
		if d.Permissions[i].Name == name {
			return &d.Permissions[i]
		}
	}
	return nil
}

// cleanProjectPath turns a build setting path ("$(SRCROOT)/App/Info.plist"
// once expanded, "./App/Info.plist", "App/Info.plist") into a path inside
// the project; "" when it is empty or leaves the project.
func cleanProjectPath(p string) string {
	p = strings.Trim(strings.TrimSpace(p), `"`)
	if p == "" || strings.Contains(p, "$(") {
		return ""
	}
	p = path.Clean(p)
	if p == ".." || strings.HasPrefix(p, "../") || strings.HasPrefix(p, "/") {
		return ""
	}
	return p
}

func firstSet(values ...string) string {
	for _, v := range values {
		if v != "" && !strings.Contains(v, "$(") && !strings.Contains(v, "${") {
			return v
		}
	}
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
