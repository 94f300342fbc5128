package cli

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/policyfile"
)

// policyInitOptions are policy init's flags.
type policyInitOptions struct {
	From   string
	ID     string
	Name   string
	Extend bool
	Blank  bool
	Output string
	Force  bool
}

func newPolicyInitCmd(e env) *cobra.Command {
	opts := policyInitOptions{}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented starter policy built from a built-in one",
		Long: `init writes a policy file to edit: a copy of a built-in policy's rows with comments that explain
each key, with --extend a file that extends the built-in and adds nothing yet, or with --blank a
policy of its own with no rows, for an SDK unrelated to the built-ins. It goes to stdout
unless --output names a file (which it will not overwrite without --force).`,
		Example: `  permaudit policy init > my-policy.yaml
  permaudit policy init --extend --id my-app -o my-app.policy.yaml
  permaudit policy init --blank --id acme-sdk --name "Acme SDK privacy policy" -o acme.policy.yaml`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error { return runPolicyInit(e, opts) },
	}
	f := cmd.Flags()
	f.StringVar(&opts.From, "from", audit.DefaultPolicyID, "built-in policy to start from")
	f.StringVar(&opts.ID, "id", "my-policy", "id of the new policy")
	f.StringVar(&opts.Name, "name", "", "name of the new policy (default: derived from the built-in)")
	f.BoolVar(&opts.Extend, "extend", false, "extend the built-in instead of copying its rows")
	f.BoolVar(&opts.Blank, "blank", false, "start from nothing: a policy with no rows, for an SDK unrelated to the built-ins")
	f.StringVarP(&opts.Output, "output", "o", "", "write to this file instead of stdout")
	f.BoolVar(&opts.Force, "force", false, "overwrite --output if it exists")
	return cmd
}

func runPolicyInit(e env, opts policyInitOptions) error {
	if opts.Blank && opts.Extend {
		return usagef("--blank and --extend: choose one (blank starts from nothing, extend from a built-in)")
	}
	if !policyfile.IsBuiltin(opts.From) {
		return usagef("--from: unknown built-in policy %q (built-in: %v)", opts.From, audit.BuiltinPolicyIDs())
	}
	base, err := loadPolicy(opts.From)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := policyfile.WriteStarter(&buf, base, policyfile.StarterOptions{ID: opts.ID, Name: opts.Name, Extend: opts.Extend, Blank: opts.Blank}); err != nil {
		return err
	}
	if opts.Output == "" {
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	if err := writeNewFile(opts.Output, buf.Bytes(), opts.Force); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %s; check it with: permaudit policy validate %s\n", opts.Output, opts.Output)
	return nil
}
