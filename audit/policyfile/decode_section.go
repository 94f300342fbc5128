package policyfile

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/permaudit/permaudit/audit"
)

// section decodes the short form: under a platform, lists of items by
// level. Each item becomes one row; before is the number of rows so far.
//
//	android:
//	  required: [android.permission.CAMERA]
//	  optional: [{category: location}]
func (d *decoder) section(pl audit.Platform, node *yaml.Node, before int) []audit.PolicyRow {
	var out []audit.PolicyRow
	for _, f := range d.mapping(node, string(pl), sectionKeys) {
		for _, item := range d.list(f.value, string(pl)+"."+f.key) {
			out = append(out, d.item(before+len(out)+1, pl, audit.Level(f.key), item))
		}
	}
	return out
}

// item decodes one short-form entry: a permission name, or a mapping
// with a category and/or names plus the row's label, purpose, severity.
func (d *decoder) item(n int, pl audit.Platform, level audit.Level, node *yaml.Node) audit.PolicyRow {
	m := &audit.Match{}
	r := audit.PolicyRow{Level: level, Platforms: map[audit.Platform]*audit.Match{pl: m}}
	d.pos.rows[n] = node.Line
	d.pos.field(n, pl, "", node.Line)
	if node.Kind == yaml.ScalarNode {
		name := d.str(node, string(pl)+"."+string(level))
		if name == "" {
			d.errorf(node, "%s.%s: empty entry", pl, level)
		} else {
			d.pos.name(n, pl, name, node.Line)
			d.setNames(m, level, []string{name})
		}
		d.fillDefaults(&r)
		return r
	}
	var sawCategory, sawAnyInCategory bool
	for _, f := range d.mapping(node, string(pl)+"."+string(level)+" entry", itemKeys) {
		switch f.key {
		case "permission":
			if name := d.str(f.value, "permission"); name != "" {
				d.pos.name(n, pl, name, resolve(f.value).Line)
				d.setNames(m, level, []string{name})
			}
		case "category":
			r.Category, sawCategory = d.str(f.value, "category"), true
			d.pos.field(n, "", "category", f.keyN.Line)
		case "label":
			r.Label = d.str(f.value, "label")
		case "purpose":
			r.Purpose = d.str(f.value, "purpose")
		case "severity":
			r.Severity = audit.Severity(strings.ToLower(d.str(f.value, "severity")))
			d.pos.field(n, "", "severity", f.keyN.Line)
		case "anyInCategory":
			sawAnyInCategory = true
			d.matchField(m, n, pl, f)
		default:
			d.matchField(m, n, pl, f)
		}
	}
	// {category: location} alone means any permission of the category.
	if sawCategory && !sawAnyInCategory && len(m.AllOf) == 0 && len(m.AnyOf) == 0 && m.Implicit == "" {
		m.AnyInCategory = true
	}
	d.fillDefaults(&r)
	return r
}

// setNames puts a single permission where its level needs it: a required
// one must be declared, an optional or forbidden one matches if declared.
func (d *decoder) setNames(m *audit.Match, level audit.Level, names []string) {
	if level == audit.LevelRequired {
		m.AllOf = append(m.AllOf, names...)
		return
	}
	m.AnyOf = append(m.AnyOf, names...)
}
