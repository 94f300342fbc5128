package harmony

import (
	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// RulePackInfoUnreadable is the note left when a package's pack.info
// cannot be read; the module manifests still give the permissions.
const RulePackInfoUnreadable = "harmony-pack-info-unreadable"

// readPackInfo reads the app identity from pack.info: summary.app
// {bundleName, version{name}} and the first module's apiVersion.
func readPackInfo(data []byte) (audit.App, error) {
	doc, err := decode(data)
	if err != nil {
		return audit.App{}, err
	}
	summary := doc.root.get("summary")
	app, _, err := readApp(summary.get("app"))
	if err != nil {
		return audit.App{}, err
	}
	modules, err := summary.get("modules").array()
	if err != nil {
		return audit.App{}, err
	}
	for _, m := range modules {
		api := m.get("apiVersion")
		if app.MinLevel == "" {
			if app.MinLevel, err = api.get("compatible").level(); err != nil {
				return audit.App{}, err
			}
		}
		if app.TargetLevel == "" {
			if app.TargetLevel, err = api.get("target").level(); err != nil {
				return audit.App{}, err
			}
		}
	}
	app.MinLevel, _ = audit.NormalLevel(audit.HarmonyOS, app.MinLevel)
	app.TargetLevel, _ = audit.NormalLevel(audit.HarmonyOS, app.TargetLevel)
	return app, nil
}

// packInfoApp reads a package's pack.info if it has one. A broken
// pack.info does not stop the audit; it becomes a note.
func packInfoApp(z *archive.Zip) (audit.App, []audit.Note) {
	f := z.File("pack.info")
	if f == nil {
		return audit.App{}, nil
	}
	entry := z.EntryName(f)
	data, err := z.Read(f, archive.MaxEntry)
	if err == nil {
		var app audit.App
		if app, err = readPackInfo(data); err == nil {
			return app, nil
		}
		err = withEntry(err, entry)
	}
	return audit.App{}, []audit.Note{{
		RuleID:   RulePackInfoUnreadable,
		Severity: audit.SeverityNote,
		Message:  "pack.info could not be read: " + err.Error(),
		Entry:    entry,
	}}
}

// fillApp completes the fields a has not set from b.
func fillApp(a *audit.App, b audit.App) {
	if a.ID == "" {
		a.ID = b.ID
	}
	if a.Version == "" {
		a.Version = b.Version
	}
	if a.MinLevel == "" {
		a.MinLevel = b.MinLevel
	}
	if a.TargetLevel == "" {
		a.TargetLevel = b.TargetLevel
	}
}
