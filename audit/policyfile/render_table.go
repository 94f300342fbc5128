package policyfile

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/permaudit/permaudit/audit"
)

// WriteTable prints a policy for people: its identity, the permission
// matrix as the policy states it, how permaudit checks each row per
// platform, and the data items it says are collected.
func WriteTable(w io.Writer, p *audit.Policy) error {
	fmt.Fprintf(w, "Policy %s: %s\n", p.ID, p.Name)
	for _, kv := range header(p) {
		fmt.Fprintf(w, "  %-10s %s\n", kv[0]+":", kv[1])
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tPERMISSION\tPLATFORM\tLEVEL\tPURPOSE")
	for i, r := range p.Rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", i+1, r.Label, platformList(r), levelText(r), orDash(r.Purpose))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nHow each row is checked")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tPLATFORM\tCATEGORY\tSATISFIED BY")
	for i, r := range p.Rows {
		for _, pl := range audit.Platforms {
			if m := r.Platforms[pl]; m != nil {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", i+1, pl, r.Category, MatchText(r.Level, r.Category, m))
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(p.DataItems) > 0 {
		fmt.Fprintln(w, "\nData the policy says is collected")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ITEM\tPLATFORM\tPURPOSE")
		for _, d := range p.DataItems {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", d.Item, platformTitles(d.Platforms), orDash(d.Purpose))
		}
		return tw.Flush()
	}
	return nil
}

// header lists the policy's identity lines that are set.
func header(p *audit.Policy) [][2]string {
	var out [][2]string
	add := func(k, v string) {
		if v != "" {
			out = append(out, [2]string{k, v})
		}
	}
	add("Version", p.Version)
	add("Effective", p.EffectiveDate)
	add("Source", sourceText(p.Source))
	add("Extends", strings.Join(p.Extends, ", "))
	if p.AppliesTo != nil {
		add("Scope", "apps that embed SDK "+p.AppliesTo.SDK+" (appliesTo)")
	}
	if len(p.Severity) > 0 {
		var s []string
		for _, id := range audit.RuleIDs() {
			if v, ok := p.Severity[id]; ok {
				s = append(s, id+"="+string(v))
			}
		}
		add("Severity", strings.Join(s, ", "))
	}
	return out
}

func sourceText(s audit.PolicySource) string {
	parts := []string{}
	for _, v := range []string{s.Title, s.Publisher, s.Section, s.URL} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, " — ")
}

func levelText(r audit.PolicyRow) string {
	s := string(r.Level)
	if r.Severity != "" {
		s += " (" + string(r.Severity) + ")"
	}
	if r.InheritedFrom != "" {
		s += " [" + r.InheritedFrom + "]"
	}
	return s
}

func platformTitles(pls []audit.Platform) string {
	out := make([]string, len(pls))
	for i, pl := range pls {
		out[i] = pl.Title()
	}
	return strings.Join(out, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// MatchText says in words what satisfies (or, for a forbidden row,
// violates) one row on one platform.
func MatchText(level audit.Level, category string, m *audit.Match) string {
	if m.Implicit != "" {
		return "nothing to declare: " + m.Implicit
	}
	var parts []string
	switch {
	case len(m.AllOf) == 1:
		parts = append(parts, m.AllOf[0])
	case len(m.AllOf) > 1:
		parts = append(parts, "all of "+strings.Join(m.AllOf, ", "))
	}
	switch {
	case len(m.AnyOf) == 1 && level != audit.LevelRequired:
		parts = append(parts, m.AnyOf[0])
	case len(m.AnyOf) > 0:
		parts = append(parts, "any of "+strings.Join(m.AnyOf, ", "))
	}
	if m.AnyInCategory {
		if len(parts) == 0 {
			parts = append(parts, "any "+category+" permission")
		} else {
			parts[len(parts)-1] += ", or any other " + category + " permission"
		}
	}
	for _, e := range m.Equivalents {
		parts = append(parts, "from target "+strconv.Itoa(e.FromTarget)+" also any of "+strings.Join(e.AnyOf, ", "))
	}
	if r := m.TargetRange(); r != "" {
		parts = append(parts, "only for "+r)
	}
	if m.Custom {
		parts = append(parts, "custom names")
	}
	return strings.Join(parts, "; ")
}
