package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/policyfile"
)

// writeEntry prints one catalog entry with what follows from it: splits,
// companions, its source and the built-in policy rows that name it.
func writeEntry(w io.Writer, cs *audit.Catalogs, pl audit.Platform, en audit.CatalogEntry) {
	fmt.Fprintf(w, "%s (%s)\n", en.Name, pl.Title())
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %-13s %s\n", k+":", v)
		}
	}
	line("Form", string(en.Form))
	line("Category", en.Category+" — "+cs.CategoryTitle(en.Category))
	line("Description", en.Description)
	line("Protection", en.Protection)
	line("Grant mode", en.GrantMode)
	if en.APL != "" {
		apl := en.APL
		if apl == "system_basic" || apl == "system_core" {
			apl += " (a normal-APL app needs an ACL for it)"
		}
		line("APL", apl)
	}
	line("Added in", en.AddedIn)
	line("Deprecated", en.Deprecated)
	if en.IneffectiveFromTarget > 0 {
		line("No effect", fmt.Sprintf("on API %d and later once the app targets %d or later", en.IneffectiveFromTarget, en.IneffectiveFromTarget))
	}
	if pl == audit.Android {
		for _, s := range audit.SplitsFrom(en.Name) {
			line("Also grants", strings.Join(s.To, ", ")+splitWhen(s))
		}
		for _, s := range audit.SplitsTo(en.Name) {
			line("Granted with", s.From+splitWhen(s))
		}
	}
	line("Requires", strings.Join(en.Requires, ", "))
	for _, src := range cs.ByPlatform[pl].Sources {
		if src.ID == en.Source {
			line("Source", strings.TrimSuffix(src.Title+" — "+src.URL, " — "))
		}
	}
	for _, ref := range policyRows(cs, pl, en.Name) {
		line("Policy", ref)
	}
}

func splitWhen(s audit.Split) string {
	if s.BelowTarget == 0 {
		return " (always)"
	}
	return fmt.Sprintf(" (while the app targets below %d)", s.BelowTarget)
}

// policyRows lists the built-in policy rows that name a permission.
func policyRows(cs *audit.Catalogs, pl audit.Platform, name string) []string {
	var out []string
	for _, id := range audit.BuiltinPolicyIDs() {
		p, err := policyfile.LoadOne(id, cs)
		if err != nil {
			continue
		}
		for _, req := range p.Requirements(pl) {
			for _, n := range req.Match.Names() {
				if n == name {
					out = append(out, fmt.Sprintf("%s row %d, %s: %s", id, req.Row, req.Level, req.Label))
					break
				}
			}
		}
	}
	return out
}
