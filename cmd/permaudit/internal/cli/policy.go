package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/policyfile"
)

func newPolicyCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "List, show, check and start policies",
		Long: `A policy is a privacy statement's permission matrix as data: per platform and category, what is
required, optional or forbidden, and which permissions satisfy it. Policies are YAML or JSON files,
or built-in ones named by id. Run 'permaudit policy init' for a commented starting point.`,
		Args: noArgs,
	}
	cmd.AddCommand(newPolicyListCmd(e), newPolicyShowCmd(e), newPolicyValidateCmd(e), newPolicyInitCmd(e))
	return cmd
}

// policyListOptions are policy list's flags.
type policyListOptions struct{ Format string }

func newPolicyListCmd(e env) *cobra.Command {
	opts := policyListOptions{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the built-in policies",
		Args:  noArgs,
		RunE:  func(*cobra.Command, []string) error { return runPolicyList(e, opts) },
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "table", "output format: table or json")
	return cmd
}

func runPolicyList(e env, opts policyListOptions) error {
	if opts.Format != "table" && opts.Format != "json" {
		return usagef("--format: unsupported format %q (want table or json)", opts.Format)
	}
	cs, err := audit.BuiltinCatalogs()
	if err != nil {
		return fmt.Errorf("built-in catalogs: %w", err)
	}
	var pols []*audit.Policy
	for _, id := range audit.BuiltinPolicyIDs() {
		p, err := policyfile.LoadOne(id, cs)
		if err != nil {
			return err
		}
		pols = append(pols, p)
	}
	if opts.Format == "json" {
		type entry struct {
			ID            string           `json:"id"`
			Name          string           `json:"name"`
			Version       string           `json:"version"`
			EffectiveDate string           `json:"effectiveDate"`
			Rows          int              `json:"rows"`
			Platforms     []audit.Platform `json:"platforms"`
			Default       bool             `json:"default,omitempty"`
		}
		out := []entry{}
		for _, p := range pols {
			out = append(out, entry{p.ID, p.Name, p.Version, p.EffectiveDate, len(p.Rows), p.Platforms(), p.ID == audit.DefaultPolicyID})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tVERSION\tEFFECTIVE\tROWS\tPLATFORMS")
	for _, p := range pols {
		id := p.ID
		if id == audit.DefaultPolicyID {
			id += " (default)"
		}
		var pls []string
		for _, pl := range p.Platforms() {
			pls = append(pls, string(pl))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", id, p.Name, p.Version, p.EffectiveDate, len(p.Rows), strings.Join(pls, ", "))
	}
	return tw.Flush()
}

// policyShowOptions are policy show's flags.
type policyShowOptions struct{ Format string }

var policyShowFormats = []string{"table", "json", "yaml", "markdown"}

func newPolicyShowCmd(e env) *cobra.Command {
	opts := policyShowOptions{}
	cmd := &cobra.Command{
		Use:   "show NAME|FILE",
		Short: "Print a policy's permission matrix",
		Long: `show prints a built-in policy (by id) or a policy file: its identity, the permission matrix as
the policy states it, how each row is checked per platform, and the data it says is collected.
--format yaml writes the policy in the file format, ready to copy and edit.`,
		Example: `  permaudit policy show easemob-im
  permaudit policy show --format markdown my-sdk.yaml`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("policy show needs exactly one NAME or FILE")
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error { return runPolicyShow(e, opts, args[0]) },
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "table", "output format: "+strings.Join(policyShowFormats, ", "))
	return cmd
}

func runPolicyShow(e env, opts policyShowOptions, ref string) error {
	write := map[string]func(*audit.Policy) error{
		"table":    func(p *audit.Policy) error { return policyfile.WriteTable(e.stdout, p) },
		"json":     func(p *audit.Policy) error { return policyfile.WriteJSON(e.stdout, p) },
		"yaml":     func(p *audit.Policy) error { return policyfile.WriteYAML(e.stdout, p) },
		"markdown": func(p *audit.Policy) error { return policyfile.WriteMarkdown(e.stdout, p) },
	}[opts.Format]
	if write == nil {
		return usagef("--format: unsupported format %q (want %s)", opts.Format, strings.Join(policyShowFormats, ", "))
	}
	p, err := loadPolicy(ref)
	if err != nil {
		return err
	}
	return write(p)
}

// loadPolicy reads one policy; a bad one is a config error (exit 2).
func loadPolicy(ref string) (*audit.Policy, error) {
	cs, err := audit.BuiltinCatalogs()
	if err != nil {
		return nil, fmt.Errorf("built-in catalogs: %w", err)
	}
	p, err := policyfile.LoadOne(ref, cs)
	if err != nil {
		return nil, configError{err}
	}
	return p, nil
}

func newPolicyValidateCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check policy files; exit 2 if any is invalid",
		Long: `validate reads each policy file (or built-in id) and reports every problem with its file and line:
unknown keys, unknown permission names (with the closest known ones), unknown categories and rules
that can never hold. It exits 0 when all are valid and 2 otherwise. When several valid policies are
given, clashes between them (one forbids what another requires) are printed as warnings.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("policy validate needs at least one FILE")
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error { return runPolicyValidate(e, args) },
	}
}

func runPolicyValidate(e env, refs []string) error {
	cs, err := audit.BuiltinCatalogs()
	if err != nil {
		return fmt.Errorf("built-in catalogs: %w", err)
	}
	var valid []*audit.Policy
	invalid := 0
	for _, ref := range refs {
		p, err := policyfile.LoadOne(ref, cs)
		if err != nil {
			invalid++
			fmt.Fprintln(e.stderr, visibleLines(err.Error())) // a policy file's text can reach the message
			continue
		}
		valid = append(valid, p)
		fmt.Fprintf(e.stdout, "%s: valid: policy %s, %d row(s) on %s\n", ref, p.ID, len(p.Rows), platformNames(p))
	}
	if invalid == 0 {
		for _, pl := range audit.Platforms {
			for _, c := range audit.Conflicts(valid, pl, cs) {
				fmt.Fprintf(e.stderr, "warning: %s\n", audit.Visible(fmt.Sprint(c)))
			}
		}
		return nil
	}
	fmt.Fprintf(e.stderr, "permaudit: %d of %d policy file(s) invalid\n", invalid, len(refs))
	return exitCode(ExitUsage)
}

func platformNames(p *audit.Policy) string {
	var out []string
	for _, pl := range p.Platforms() {
		out = append(out, string(pl))
	}
	if len(out) == 0 {
		return "no platform"
	}
	return strings.Join(out, ", ")
}
