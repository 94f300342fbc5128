package policyfile

import (
	"regexp"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/permaudit/permaudit/audit"
)

// The keys each part of a policy file accepts. The JSON Schema in
// policydata/schema lists the same; a test keeps them in step.
var (
	topKeys      = []string{"$schema", "id", "name", "version", "effectiveDate", "source", "extends", "severity", "appliesTo", "dataItems", "rows", "android", "ios", "harmonyos"}
	sourceKeys   = []string{"title", "publisher", "section", "url"}
	dataItemKeys = []string{"item", "purpose", "platforms"}
	rowKeys      = []string{"label", "purpose", "level", "category", "severity", "platforms"}
	matchKeys    = []string{"allOf", "anyOf", "anyInCategory", "equivalents", "implicit", "minTarget", "maxTarget", "custom"}
	equivKeys    = []string{"fromTarget", "anyOf"}
	sectionKeys  = []string{"required", "optional", "forbidden"}
	itemKeys     = []string{"permission", "allOf", "anyOf", "category", "anyInCategory", "equivalents", "implicit",
		"minTarget", "maxTarget", "custom", "label", "purpose", "severity"}
	platformKeys = []string{"android", "ios", "harmonyos"}
)

// document is a decoded policy file before extends are resolved.
type document struct {
	policy      *audit.Policy
	extends     []string
	extendsNode *yaml.Node
}

var idPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`) })

func (d *decoder) document(root *yaml.Node) *document {
	doc := &document{policy: &audit.Policy{}}
	p := doc.policy
	var idNode *yaml.Node
	for _, f := range d.mapping(root, "policy", topKeys) {
		d.pos.field(0, "", f.key, f.keyN.Line)
		switch f.key {
		case "$schema":
			d.str(f.value, f.key)
		case "id":
			p.ID, idNode = d.str(f.value, "id"), f.value
		case "name":
			p.Name = d.str(f.value, "name")
		case "version":
			p.Version = d.str(f.value, "version")
		case "effectiveDate":
			p.EffectiveDate = d.str(f.value, "effectiveDate")
			if _, err := time.Parse(time.DateOnly, p.EffectiveDate); err != nil {
				d.errorf(resolve(f.value), "effectiveDate %q is not a date written YYYY-MM-DD", p.EffectiveDate)
			}
		case "source":
			p.Source = d.source(f.value)
		case "extends":
			doc.extendsNode = f.keyN
			for _, n := range d.list(f.value, "extends") {
				if ref := d.str(n, "extends"); ref != "" {
					doc.extends = append(doc.extends, ref)
				}
			}
		case "severity":
			p.Severity = d.severities(f.value)
		case "appliesTo":
			p.AppliesTo = &audit.PolicyScope{}
			for _, g := range d.mapping(f.value, "appliesTo", []string{"sdk"}) {
				p.AppliesTo.SDK = d.str(g.value, "appliesTo.sdk")
			}
		case "dataItems":
			p.DataItems = d.dataItems(f.value)
		case "rows":
			for _, n := range d.list(f.value, "rows") {
				p.Rows = append(p.Rows, d.row(len(p.Rows)+1, n))
			}
		case "android", "ios", "harmonyos":
			p.Rows = append(p.Rows, d.section(audit.Platform(f.key), f.value, len(p.Rows))...)
		}
	}
	if p.ID == "" {
		p.ID = slug(p.Name)
	}
	if p.ID != "" && !idPattern().MatchString(p.ID) {
		d.errorf(resolve(idNode), "id %q may only hold letters, digits, '.', '_' and '-'", p.ID)
	}
	if p.Name == "" {
		p.Name = p.ID
	}
	return doc
}

// slug makes an id out of a name: "My SDK 2" → "my-sdk-2".
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}

func (d *decoder) source(n *yaml.Node) audit.PolicySource {
	var s audit.PolicySource
	if r := resolve(n); r != nil && r.Kind == yaml.ScalarNode {
		s.Title = d.str(r, "source")
		return s
	}
	for _, f := range d.mapping(n, "source", sourceKeys) {
		v := d.str(f.value, "source."+f.key)
		switch f.key {
		case "title":
			s.Title = v
		case "publisher":
			s.Publisher = v
		case "section":
			s.Section = v
		case "url":
			s.URL = v
		}
	}
	return s
}

func (d *decoder) severities(n *yaml.Node) map[string]audit.Severity {
	out := map[string]audit.Severity{}
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		d.errorf(n, "severity must map rule ids to error, warning or note")
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := resolve(n.Content[i])
		id := d.str(k, "severity")
		if _, dup := out[id]; dup {
			d.errorf(k, "severity: rule %q is given twice", id)
		}
		out[id] = audit.Severity(strings.ToLower(d.str(n.Content[i+1], "severity of "+id)))
		d.pos.name(0, "", id, k.Line)
	}
	return out
}

func (d *decoder) dataItems(n *yaml.Node) []audit.DataItem {
	var out []audit.DataItem
	for _, c := range d.list(n, "dataItems") {
		var it audit.DataItem
		for _, f := range d.mapping(c, "data item", dataItemKeys) {
			switch f.key {
			case "item":
				it.Item = d.str(f.value, "item")
			case "purpose":
				it.Purpose = d.str(f.value, "purpose")
			case "platforms":
				for _, pn := range d.list(f.value, "platforms") {
					pl := audit.Platform(d.str(pn, "platforms"))
					if !containsString(platformKeys, string(pl)) {
						d.errorf(pn, "data item: unknown platform %q (want android, ios or harmonyos)", pl)
						continue
					}
					it.Platforms = append(it.Platforms, pl)
				}
			}
		}
		if it.Item == "" {
			d.errorf(c, "data item: item is missing (what is collected)")
		}
		out = append(out, it)
	}
	return out
}

// row decodes one row of the full shape: label, purpose, level,
// category, severity and a match per platform.
func (d *decoder) row(n int, node *yaml.Node) audit.PolicyRow {
	r := audit.PolicyRow{Platforms: map[audit.Platform]*audit.Match{}}
	d.pos.rows[n] = node.Line
	var levelSet bool
	for _, f := range d.mapping(node, "row", rowKeys) {
		d.pos.field(n, "", f.key, f.keyN.Line)
		switch f.key {
		case "label":
			r.Label = d.str(f.value, "label")
		case "purpose":
			r.Purpose = d.str(f.value, "purpose")
		case "level":
			r.Level, levelSet = audit.Level(d.str(f.value, "level")), true
		case "category":
			r.Category = d.str(f.value, "category")
		case "severity":
			r.Severity = audit.Severity(strings.ToLower(d.str(f.value, "severity")))
		case "platforms":
			for _, pf := range d.mapping(f.value, "platforms", platformKeys) {
				pl := audit.Platform(pf.key)
				d.pos.field(n, pl, "", pf.keyN.Line)
				r.Platforms[pl] = d.match(n, pl, pf.value, matchKeys)
			}
		}
	}
	if !levelSet {
		d.errorf(node, "row: level is missing (required, optional or forbidden)")
	}
	d.fillDefaults(&r)
	return r
}

// fillDefaults derives a missing category from the first named
// permission and a missing label from the names or the category.
func (d *decoder) fillDefaults(r *audit.PolicyRow) {
	var names []string
	for _, pl := range audit.Platforms {
		if m := r.Platforms[pl]; m != nil {
			for _, n := range append(append([]string{}, m.AllOf...), m.AnyOf...) {
				if r.Category == "" {
					if e, ok := d.cs.LookupName(pl, n); ok {
						r.Category = e.Category
					}
				}
				names = append(names, n)
			}
		}
	}
	if r.Category == "" {
		r.Category = audit.CategoryOther
	}
	if r.Label == "" {
		switch {
		case len(names) > 0:
			r.Label = strings.Join(names, ", ")
		default:
			r.Label = d.cs.CategoryTitle(r.Category) + " (any permission)"
		}
	}
}

// match decodes which permissions satisfy a row on one platform.
func (d *decoder) match(row int, pl audit.Platform, node *yaml.Node, allowed []string) *audit.Match {
	m := &audit.Match{}
	for _, f := range d.mapping(node, string(pl), allowed) {
		d.matchField(m, row, pl, f)
	}
	return m
}

// matchField decodes one key of a match; rows and short-form items share it.
func (d *decoder) matchField(m *audit.Match, row int, pl audit.Platform, f field) {
	d.pos.field(row, pl, f.key, f.keyN.Line)
	at := func(name string, n *yaml.Node) { d.pos.name(row, pl, name, n.Line) }
	switch f.key {
	case "allOf":
		m.AllOf = d.names(f.value, "allOf", at)
	case "anyOf":
		m.AnyOf = d.names(f.value, "anyOf", at)
	case "anyInCategory":
		m.AnyInCategory = d.boolean(f.value, "anyInCategory")
	case "implicit":
		m.Implicit = d.str(f.value, "implicit")
	case "minTarget":
		m.MinTarget = d.integer(f.value, "minTarget")
	case "maxTarget":
		m.MaxTarget = d.integer(f.value, "maxTarget")
	case "custom":
		m.Custom = d.boolean(f.value, "custom")
	case "equivalents":
		for _, en := range d.list(f.value, "equivalents") {
			var eq audit.Equivalent
			for _, ef := range d.mapping(en, "equivalent", equivKeys) {
				switch ef.key {
				case "fromTarget":
					eq.FromTarget = d.integer(ef.value, "fromTarget")
				case "anyOf":
					eq.AnyOf = d.names(ef.value, "equivalents anyOf", at)
				}
			}
			m.Equivalents = append(m.Equivalents, eq)
		}
	}
}
