package harmony

import (
	"fmt"

	"github.com/permaudit/permaudit/audit"
)

// readPermissions turns a requestPermissions (Stage) or reqPermissions
// (FA) array into permissions. The two differ only in the key naming the
// abilities of usedScene: "abilities" in Stage, "ability" in FA.
func readPermissions(list field, abilitiesKey, module string) ([]audit.Permission, error) {
	entries, err := list.array()
	if err != nil {
		return nil, err
	}
	out := make([]audit.Permission, 0, len(entries))
	for _, entry := range entries {
		p, err := readPermission(entry, abilitiesKey)
		if err != nil {
			return nil, err
		}
		p.Module = module
		out = append(out, p)
	}
	return out, nil
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
	if !ok {
		return audit.Permission{}, &audit.ParseError{Line: entry.line, Err: fmt.Errorf("%s has no name", entry.path)}
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
	when, _, err := f.get("when").str()
	if err != nil {
		return nil, err
	}
	return &audit.UsedScene{Abilities: abilities, When: when}, nil
}
