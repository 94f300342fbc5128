package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/permaudit/permaudit/audit"
)

func newCatalogCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "What permaudit knows about each platform's permissions",
		Args:  noArgs,
	}
	cmd.AddCommand(newCatalogShowCmd(e))
	return cmd
}

// catalogShowOptions are catalog show's flags.
type catalogShowOptions struct {
	Platform string
	Category string
	Format   string
}

func newCatalogShowCmd(e env) *cobra.Command {
	opts := catalogShowOptions{}
	cmd := &cobra.Command{
		Use:   "show [--platform P] [NAME]",
		Short: "Show the catalog of a platform, or one permission",
		Long: `Without arguments show counts the catalog entries per platform. With --platform it lists that
platform's permissions (narrowed by --category); with NAME it prints everything permaudit knows about
that permission: category, protection level or grant mode and APL, API levels, the target level from
which it has no effect, split permissions, companions it needs, its source, and the built-in policy
rows that name it. NAME may leave out the android.permission. or ohos.permission. prefix.`,
		Example: `  permaudit catalog show
  permaudit catalog show --platform android --category storage
  permaudit catalog show --platform android READ_EXTERNAL_STORAGE`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("catalog show takes at most one NAME")
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error { return runCatalogShow(e, opts, args) },
	}
	f := cmd.Flags()
	f.StringVar(&opts.Platform, "platform", "", "android, ios or harmonyos")
	f.StringVar(&opts.Category, "category", "", "list only this category")
	f.StringVarP(&opts.Format, "format", "f", "table", "output format: table or json")
	return cmd
}

func runCatalogShow(e env, opts catalogShowOptions, args []string) error {
	if opts.Format != "table" && opts.Format != "json" {
		return usagef("--format: unsupported format %q (want table or json)", opts.Format)
	}
	cs, err := audit.BuiltinCatalogs()
	if err != nil {
		return fmt.Errorf("built-in catalogs: %w", err)
	}
	platforms := audit.Platforms
	if opts.Platform != "" {
		pl := audit.Platform(strings.ToLower(opts.Platform))
		if cs.ByPlatform[pl] == nil {
			return usagef("--platform: unknown platform %q (want android, ios or harmonyos)", opts.Platform)
		}
		platforms = []audit.Platform{pl}
	}
	if opts.Category != "" && !cs.KnownCategory(opts.Category) {
		return usagef("--category: unknown category %q (known: %s)", opts.Category, strings.Join(cs.CategoryNames(), ", "))
	}
	switch {
	case len(args) == 1:
		return showEntries(e.stdout, cs, platforms, args[0], opts.Format)
	case opts.Platform == "" && opts.Category == "":
		return catalogSizes(e.stdout, cs, opts.Format)
	}
	var list []audit.CatalogEntry
	for _, pl := range platforms {
		for _, en := range cs.ByPlatform[pl].Entries {
			if opts.Category == "" || en.Category == opts.Category {
				list = append(list, en)
			}
		}
	}
	if opts.Format == "json" {
		return writeJSON(e.stdout, list)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tFORM\tCATEGORY\tLEVEL\tADDED\tNOTE")
	for _, en := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", en.Name, orDash(string(en.Form)), en.Category, orDash(entryLevel(en)),
			orDash(en.AddedIn), orDash(entryNote(en)))
	}
	return tw.Flush()
}

func catalogSizes(w io.Writer, cs *audit.Catalogs, format string) error {
	type size struct {
		Platform audit.Platform `json:"platform"`
		Entries  int            `json:"entries"`
		Sources  int            `json:"sources"`
	}
	var sizes []size
	for _, pl := range audit.Platforms {
		if c := cs.ByPlatform[pl]; c != nil {
			sizes = append(sizes, size{pl, len(c.Entries), len(c.Sources)})
		}
	}
	if format == "json" {
		return writeJSON(w, sizes)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PLATFORM\tENTRIES\tSOURCES")
	for _, s := range sizes {
		fmt.Fprintf(tw, "%s\t%d\t%d\n", s.Platform, s.Entries, s.Sources)
	}
	fmt.Fprintln(tw, "\nRun 'permaudit catalog show --platform P' for a list, or add a NAME for one permission.")
	return tw.Flush()
}

// showEntries prints every entry called name (or prefix+name).
func showEntries(w io.Writer, cs *audit.Catalogs, platforms []audit.Platform, name, format string) error {
	type found struct {
		Platform audit.Platform
		Entry    audit.CatalogEntry
	}
	var hits []found
	for _, pl := range platforms {
		for _, cand := range []string{name, "android.permission." + name, "ohos.permission." + name} {
			for _, en := range cs.ByPlatform[pl].Entries {
				if en.Name == cand {
					hits = append(hits, found{pl, en})
				}
			}
			if len(hits) > 0 {
				break
			}
		}
	}
	if len(hits) == 0 {
		var sugg []string
		for _, pl := range platforms {
			sugg = append(sugg, cs.Suggest(pl, name)...)
		}
		hint := ""
		if len(sugg) > 0 {
			hint = "; did you mean " + strings.Join(sugg, " or ") + "?"
		}
		return usagef("no catalog entry %q%s", name, hint)
	}
	if format == "json" {
		entries := make([]audit.CatalogEntry, len(hits))
		for i, h := range hits {
			entries[i] = h.Entry
		}
		return writeJSON(w, entries)
	}
	for i, h := range hits {
		if i > 0 {
			fmt.Fprintln(w)
		}
		writeEntry(w, cs, h.Platform, h.Entry)
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func entryLevel(en audit.CatalogEntry) string {
	switch {
	case en.Protection != "":
		return en.Protection
	case en.GrantMode != "" && en.APL != "":
		return en.GrantMode + "/" + en.APL
	}
	return en.GrantMode
}

func entryNote(en audit.CatalogEntry) string {
	switch {
	case en.IneffectiveFromTarget > 0:
		return fmt.Sprintf("no effect from target %d", en.IneffectiveFromTarget)
	case en.Deprecated != "":
		return "deprecated"
	case en.APL == "system_basic" || en.APL == "system_core":
		return "needs ACL"
	}
	return ""
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
