package ios

import (
	"sort"

	"github.com/permaudit/permaudit/audit"
)

func newDeclaration(kind string) audit.Declaration {
	return audit.Declaration{
		Platform:    audit.IOS,
		Artifact:    audit.Artifact{Kind: kind},
		Permissions: []audit.Permission{},
	}
}

// finish puts permissions and facts in a stable order: output must not
// depend on map iteration or on the order of entries in an archive.
func finish(d *audit.Declaration) {
	sort.SliceStable(d.Permissions, func(i, j int) bool {
		a, b := d.Permissions[i], d.Permissions[j]
		if a.Module != b.Module {
			return a.Module < b.Module
		}
		if a.Entry != b.Entry {
			return a.Entry < b.Entry
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Form != b.Form {
			return a.Form < b.Form
		}
		return a.Name < b.Name
	})
	sort.SliceStable(d.Facts, func(i, j int) bool {
		a, b := d.Facts[i], d.Facts[j]
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		if a.Value != b.Value {
			return a.Value < b.Value
		}
		if a.Entry != b.Entry {
			return a.Entry < b.Entry
		}
		return a.Line < b.Line
	})
}

// addFacts flattens a value under a dotted name into facts.
func addFacts(d *audit.Declaration, doc *plistDoc, name, path string, v any) {
	for _, fv := range flatten(name, path, v, nil) {
		d.Facts = append(d.Facts, audit.Fact{Key: fv.key, Value: fv.value, Line: doc.lines.of(fv.path)})
	}
}

func warn(d *audit.Declaration, rule string, line int, msg string) {
	d.Notes = append(d.Notes, audit.Note{RuleID: rule, Severity: audit.SeverityWarning, Message: msg, Line: line})
}
