package policyfile

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/permaudit/permaudit/audit"
)

// WriteYAML writes a policy in the file format, rows in the full shape,
// so the output can be edited and read back. A policy that extends
// others is written with its extends and its own rows only.
func WriteYAML(w io.Writer, p *audit.Policy) error {
	return encode(w, policyNode(p, false))
}

func encode(w io.Writer, n *yaml.Node) error {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// policyNode builds the document; comments adds the explanations a
// starter file carries.
func policyNode(p *audit.Policy, comments bool) *yaml.Node {
	doc := mapNode()
	put := func(key string, v *yaml.Node, comment string) {
		k := str(key)
		if comments {
			k.HeadComment = comment
		}
		doc.Content = append(doc.Content, k, v)
	}
	put("id", str(p.ID), "Short name used by --policy, in reports and in finding messages.")
	put("name", str(p.Name), "")
	if p.Version != "" {
		put("version", quoted(p.Version), "")
	}
	if p.EffectiveDate != "" {
		put("effectiveDate", quoted(p.EffectiveDate), "The date the policy text took effect, YYYY-MM-DD.")
	}
	if p.Source != (audit.PolicySource{}) {
		src := mapNode()
		addStr(src, "title", p.Source.Title)
		addStr(src, "publisher", p.Source.Publisher)
		addStr(src, "section", p.Source.Section)
		addStr(src, "url", p.Source.URL)
		put("source", src, "The document this policy reproduces.")
	}
	if len(p.Extends) > 0 {
		put("extends", flowSeq(p.Extends), "Policies whose rows come first (built-in ids or paths relative to this file).")
	}
	if len(p.Severity) > 0 {
		sev := mapNode()
		ids := make([]string, 0, len(p.Severity))
		for id := range p.Severity {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			addStr(sev, id, string(p.Severity[id]))
		}
		put("severity", sev, "Severity per rule id, replacing the default for findings this policy raises.")
	}
	if p.AppliesTo != nil {
		scope := mapNode()
		addStr(scope, "sdk", p.AppliesTo.SDK)
		put("appliesTo", scope, "Apply only to apps that embed this SDK (an id of permaudit's SDK catalog).")
	}
	if own := ownItems(p); len(own) > 0 {
		items := seqNode()
		for _, d := range own {
			it := mapNode()
			addStr(it, "item", d.Item)
			addStr(it, "purpose", d.Purpose)
			pls := make([]string, len(d.Platforms))
			for i, pl := range d.Platforms {
				pls[i] = string(pl)
			}
			it.Content = append(it.Content, str("platforms"), flowSeq(pls))
			items.Content = append(items.Content, it)
		}
		put("dataItems", items, "Personal information the policy says is collected; reports list it.")
	}
	rows := seqNode()
	for i, r := range p.Rows {
		if r.InheritedFrom != "" && len(p.Extends) > 0 {
			continue
		}
		n := rowNode(r)
		if comments {
			n.HeadComment = fmt.Sprintf("Row %d: %s on %s.", i+1, r.Level, platformList(r))
		}
		rows.Content = append(rows.Content, n)
	}
	put("rows", rows, "One row per line of the policy's permission table.\n"+
		"level: required | optional | forbidden; category: see `permaudit catalog show`.\n"+
		"Per platform: allOf (all must be declared), anyOf (one is enough), anyInCategory,\n"+
		"equivalents (what also counts from a target level on), minTarget/maxTarget, implicit.")
	return doc
}

// ownItems leaves out the data items a policy inherits through extends:
// reading the file back brings them in again.
func ownItems(p *audit.Policy) []audit.DataItem {
	var out []audit.DataItem
	for _, d := range p.DataItems {
		if d.InheritedFrom == "" || len(p.Extends) == 0 {
			out = append(out, d)
		}
	}
	return out
}

func rowNode(r audit.PolicyRow) *yaml.Node {
	n := mapNode()
	addStr(n, "label", r.Label)
	addStr(n, "purpose", r.Purpose)
	addStr(n, "level", string(r.Level))
	addStr(n, "category", r.Category)
	addStr(n, "severity", string(r.Severity))
	pls := mapNode()
	for _, pl := range audit.Platforms {
		m := r.Platforms[pl]
		if m == nil {
			continue
		}
		pls.Content = append(pls.Content, str(string(pl)), matchNode(m))
	}
	n.Content = append(n.Content, str("platforms"), pls)
	return n
}

func matchNode(m *audit.Match) *yaml.Node {
	n := mapNode()
	if len(m.AllOf) > 0 {
		n.Content = append(n.Content, str("allOf"), flowSeq(m.AllOf))
	}
	if len(m.AnyOf) > 0 {
		n.Content = append(n.Content, str("anyOf"), flowSeq(m.AnyOf))
	}
	if m.AnyInCategory {
		n.Content = append(n.Content, str("anyInCategory"), scalar("!!bool", "true"))
	}
	if len(m.Equivalents) > 0 {
		eqs := seqNode()
		for _, e := range m.Equivalents {
			en := mapNode()
			en.Content = append(en.Content, str("fromTarget"), scalar("!!int", strconv.Itoa(e.FromTarget)), str("anyOf"), flowSeq(e.AnyOf))
			eqs.Content = append(eqs.Content, en)
		}
		n.Content = append(n.Content, str("equivalents"), eqs)
	}
	addStr(n, "implicit", m.Implicit)
	if m.MinTarget > 0 {
		n.Content = append(n.Content, str("minTarget"), scalar("!!int", strconv.Itoa(m.MinTarget)))
	}
	if m.MaxTarget > 0 {
		n.Content = append(n.Content, str("maxTarget"), scalar("!!int", strconv.Itoa(m.MaxTarget)))
	}
	if m.Custom {
		n.Content = append(n.Content, str("custom"), scalar("!!bool", "true"))
	}
	return n
}

func platformList(r audit.PolicyRow) string {
	var out []string
	for _, pl := range audit.Platforms {
		if r.Platforms[pl] != nil {
			out = append(out, pl.Title())
		}
	}
	return strings.Join(out, ", ")
}

func mapNode() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }
func seqNode() *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"} }
func str(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}
func scalar(tag, v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v} }

// quoted keeps values such as "2.1" or "2024-11-01" strings when read back.
func quoted(s string) *yaml.Node {
	n := str(s)
	n.Style = yaml.DoubleQuotedStyle
	return n
}

func flowSeq(items []string) *yaml.Node {
	n := seqNode()
	n.Style = yaml.FlowStyle
	for _, it := range items {
		n.Content = append(n.Content, str(it))
	}
	return n
}

func addStr(n *yaml.Node, key, v string) {
	if v != "" {
		n.Content = append(n.Content, str(key), str(v))
	}
}
