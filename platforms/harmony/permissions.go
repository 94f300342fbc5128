package harmony

import (
	"fmt"

	"github.com/permaudit/permaudit/audit"
)

// RulePermissionUnnamed is the note for a requestPermissions entry
// without a name: it requests nothing, as Android's unnamed
// <uses-permission> does, and the rest of the file is still audited.
const RulePermissionUnnamed = "harmony-permission-unnamed"

// readPermissions turns a requestPermissions (Stage) or reqPermissions
// (FA) array into permissions. The two differ only in the key naming the
// abilities of usedScene: "abilities" in Stage, "ability" in FA.
func readPermissions(list field, abilitiesKey, module string) ([]audit.Permission, []audit.Note, error) {
	entries, err := list.array()
	if err != nil {
		return nil, nil, err
	}
	out := make([]audit.Permission, 0, len(entries))
	var notes []audit.Note
	for _, entry := range entries {
		p, err := readPermission(entry, abilitiesKey)
		if err != nil {
			return nil, nil, err
		}
		if p.Name == "" {
			notes = append(notes, audit.Note{RuleID: RulePermissionUnnamed, Severity: audit.SeverityWarning, Line: entry.line,
				Message: fmt.Sprintf("%s has no name; it requests nothing, and the build refuses it", entry.path)})
			continue
		}
		p.Module = module
		out = append(out, p)
	}
	return out, notes, nil
}

func readPermission(entry field, abilitiesKey string) (audit.Permission, error) {
	if _, ok, err := entry.object(); err != nil || !ok {
		if err == nil {
			err = entry.typeError("an object")
		}
		return audit.Permission{}, err
	}
	nameField := entry.get("name")
	name, ok, err := nameField.str()
	if err != nil {
		return audit.Permission{}, err
	}
	if !ok || name == "" {
		return audit.Permission{}, nil
	}
	p := audit.Permission{Name: name, Form: audit.FormRequestPermission, Line: nameField.line}
	if p.Purpose, p.HasPurpose, err = entry.get("reason").str(); err != nil {
		return audit.Permission{}, err
	}
	if p.UsedScene, err = readUsedScene(entry.get("usedScene"), abilitiesKey); err != nil {
		return audit.Permission{}, err
	}
	return p, nil
}

// readUsedScene keeps an empty usedScene apart from a missing one: the
// first is present but says nothing, the second is absent.
func readUsedScene(f field, abilitiesKey string) (*audit.UsedScene, error) {
	if _, ok, err := f.object(); err != nil || !ok {
		return nil, err
	}
	abilities, err := f.get(abilitiesKey).strings()
	if err != nil {
		return nil, err
	}
	when, hasWhen, err := f.get("when").str()
	if err != nil {
		return nil, err
	}
	return &audit.UsedScene{Abilities: abilities, When: when, HasWhen: hasWhen}, nil
}
