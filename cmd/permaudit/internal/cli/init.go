package cli

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/permaudit/permaudit/audit/policyfile"
)

// initOptions are init's flags.
type initOptions struct {
	Output string
	Force  bool
}

func newInitCmd(e env) *cobra.Command {
	opts := initOptions{}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented " + policyfile.ConfigName + " to start from",
		Long: `init writes ` + policyfile.ConfigName + ` in the working directory (or the file --output names, "-" for
stdout): every setting with its default and a comment, and the shape of a waiver. It will not
overwrite an existing file without --force.`,
		Example: `  permaudit init
  permaudit init --output - | less`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error { return runInit(e, opts) },
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Output, "output", "o", "", "write to this file (default "+policyfile.ConfigName+" in the working directory; - for stdout)")
	f.BoolVar(&opts.Force, "force", false, "overwrite the file if it exists")
	return cmd
}

func runInit(e env, opts initOptions) error {
	text := policyfile.StarterConfig()
	if opts.Output == "-" {
		_, err := fmt.Fprint(e.stdout, text)
		return err
	}
	path := opts.Output
	if path == "" {
		path = filepath.Join(e.wd, policyfile.ConfigName)
	}
	if err := writeNewFile(path, []byte(text), opts.Force); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %s; edit it, then run: permaudit audit .\n", path)
	return nil
}
