package harmony

import (
	"errors"
	"io/fs"
	"path"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// removePermissionsNotes warns about buildOption.removePermissions. The
// key is listed among the buildOption fields of build-profile.json5 in
// HarmonyOS's DevEco Studio guide ("工程级build-profile.json5文件", products
// └ buildOption └ removePermissions), but the value's shape and what hvigor
// removes are not documented where permaudit could check them; so the
// permissions stay counted, and the report says the build may drop some.
func removePermissionsNotes(file string, options ...field) []audit.Note {
	var out []audit.Note
	for _, o := range options {
		if rp := o.get("removePermissions"); rp.present() {
			out = append(out, audit.Note{RuleID: audit.RuleProjectUnresolved, Severity: audit.SeverityWarning, Entry: file, Line: rp.line,
				Message: rp.path + " is set: hvigor removes those permissions from the built package, and this audit still counts them; audit the built .hap for what ships"})
		}
	}
	return out
}

// moduleBuildOptions reads a module's own build-profile.json5 (absent is
// fine) for the buildOption of the module and of each target.
func moduleBuildOptions(fsys fs.FS, dir string) ([]audit.Note, error) {
	file := path.Join(dir, "build-profile.json5")
	data, err := archive.ReadFile(fsys, file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &audit.ParseError{Entry: file, Err: err}
	}
	doc, err := decode(data)
	if err != nil {
		return nil, withEntry(err, file)
	}
	options := []field{doc.root.get("buildOption")}
	targets, err := doc.root.get("targets").array()
	if err != nil {
		return nil, withEntry(err, file)
	}
	for _, t := range targets {
		options = append(options, t.get("config").get("buildOption"))
	}
	return removePermissionsNotes(file, options...), nil
}
