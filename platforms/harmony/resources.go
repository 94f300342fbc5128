package harmony

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// RuleReasonUnresolved: a "$string:name" reason with no such string in
// the module's (or AppScope's) resources; the build fails on it, and a
// package built some other way shows the user no reason.
const RuleReasonUnresolved = "harmony-reason-unresolved"

const stringRef = "$string:"

// stringTable is one resources/base/element/string.json: name → value.
type stringTable struct {
	file       string // as the report shows it
	found      bool   // the file exists and was read
	unreadable string // why a file that exists could not be read
	values     map[string]string
}

// readStringTable reads <resources>/base/element/string.json under dir
// (a module's src/main, or AppScope). A missing file is an empty table.
// https://developer.huawei.com/consumer/en/doc/harmonyos-guides/resource-categories-and-access
func readStringTable(fsys fs.FS, dir string, show func(string) string) (stringTable, error) {
	file := path.Join(dir, "resources/base/element/string.json")
	t := stringTable{file: show(file), values: map[string]string{}}
	data, err := archive.ReadFile(fsys, file)
	if errors.Is(err, fs.ErrNotExist) {
		return t, nil
	}
	t.found = true
	file = t.file
	if err != nil {
		return t, &audit.ParseError{Entry: file, Err: err}
	}
	doc, err := decode(data)
	if err != nil {
		return t, withEntry(err, file)
	}
	list, err := doc.root.get("string").array()
	if err != nil {
		return t, withEntry(err, file)
	}
	for _, e := range list {
		name, _, err1 := e.get("name").str()
		value, ok, err2 := e.get("value").str()
		if err := errors.Join(err1, err2); err != nil {
			return t, withEntry(err, file)
		}
		if name != "" && ok {
			t.values[name] = value
		}
	}
	return t, nil
}

// resolveReasons replaces "$string:name" reasons by their text, looking
// in the tables in order (the module's own, then AppScope's). A name in
// none of them stays as written and becomes a finding that names it.
func resolveReasons(d *audit.Declaration, file string, tables ...stringTable) {
	for i := range d.Permissions {
		p := &d.Permissions[i]
		name, ok := strings.CutPrefix(p.Purpose, stringRef)
		if !ok {
			continue
		}
		found := false
		for _, t := range tables {
			if v, ok := t.values[name]; ok {
				p.Purpose, found = v, true
				break
			}
		}
		if found {
			continue
		}
		var where []string
		sev := audit.SeverityWarning
		for _, t := range tables {
			where = append(where, t.file)
			if t.found {
				sev = audit.SeverityError
			}
		}
		msg := fmt.Sprintf("%s: reason %s%s is not in %s", p.Name, stringRef, name, strings.Join(where, " or "))
		if sev == audit.SeverityWarning {
			msg = fmt.Sprintf("%s: reason %s%s cannot be checked: %s", p.Name, stringRef, name, whyUnchecked(tables))
		}
		d.Notes = append(d.Notes, audit.Note{RuleID: RuleReasonUnresolved, Severity: sev, Entry: file, Line: p.Line, Message: msg})
	}
}

// whyUnchecked says why none of the tables could answer: each is
// missing or unreadable.
func whyUnchecked(tables []stringTable) string {
	var missing, why []string
	for _, t := range tables {
		if t.unreadable != "" {
			why = append(why, t.file+" is unreadable ("+t.unreadable+")")
		} else {
			missing = append(missing, t.file)
		}
	}
	if len(missing) > 0 {
		why = append(why, "there is no "+strings.Join(missing, " or "))
	}
	return strings.Join(why, "; ")
}
