// Package cli is permaudit's command line: one Options struct and one run
// function per command, and one place that maps outcomes to exit codes.
package cli

import (
	"errors"
	"io"
	"time"

	"github.com/spf13/cobra"
)

// Version, Commit and Date are stamped by a release build (see
// .goreleaser.yml): -ldflags "-X ...cli.Version=1.2.3 -X ...cli.Commit=<sha>
// -X ...cli.Date=<RFC 3339>". Other builds fall back on Go's build info.
var (
	Version = "dev"
	Commit  = ""
	Date    = ""
)

// env is what commands need from the outside world, injected for tests.
type env struct {
	// stdin is read for the path "-", --from-file - and merge -.
	stdin          io.Reader
	stdout, stderr io.Writer
	now            func() time.Time
	getenv         func(string) string
	// wd is where the search for .permaudit.yaml starts.
	wd string
	// terminal tells whether a writer is a terminal, and its width.
	terminal func(io.Writer) terminal
}

// Run executes permaudit with args and returns the process exit code.
func Run(args []string, stdout, stderr io.Writer) int {
	defer cleanupOnSignal()()
	return run(args, defaultEnv(stdout, stderr))
}

func run(args []string, e env) int {
	root := newRootCmd(e)
	root.SetArgs(args)
	return code(root.Execute(), e.stderr)
}

func newRootCmd(e env) *cobra.Command {
	root := &cobra.Command{
		Use:   "permaudit",
		Short: "Audit the permissions a mobile app declares against a privacy policy",
		Long: `permaudit reads the permissions an Android, iOS or HarmonyOS app declares — from source
manifests or from the packages that ship — maps each to a category, compares them with a
privacy policy's required/optional matrix and reports what is missing, what goes beyond the
policy and what lacks the purpose text a store demands.

Settings a team shares live in .permaudit.yaml, found from the working directory upward
(or --config FILE); 'permaudit init' writes a commented one. Flags override it.

` + exitCodesHelp,
		Example: `  permaudit audit app/src/main/AndroidManifest.xml ios/Runner/Info.plist entry/src/main/module.json5
  permaudit audit ./my-app
  permaudit audit --format json --fail-on warning ./my-app`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       currentBuild().Version,
	}
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newAuditCmd(e), newMergeCmd(e), newInitCmd(e), newDiffCmd(e), newSDKListCmd(e), newPolicyCmd(e), newCatalogCmd(e), newVersionCmd(e))
	typeRunErrors(root)
	return root
}

// typeRunErrors makes an untyped error a command's run returns an output
// error: what is left once usage, config and input problems are typed is
// output that could not be written (a file, or stdout closed early), and
// none of it is fixed by reading --help.
func typeRunErrors(cmd *cobra.Command) {
	if run := cmd.RunE; run != nil {
		cmd.RunE = func(c *cobra.Command, args []string) error {
			err := run(c, args)
			var (
				ec exitCode
				ue usageError
				ce configError
				oe outputError
			)
			if err == nil || errors.As(err, &ec) || errors.As(err, &ue) || errors.As(err, &ce) || errors.As(err, &oe) {
				return err
			}
			return outputError{err}
		}
	}
	for _, sub := range cmd.Commands() {
		typeRunErrors(sub)
	}
}

func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("unexpected argument %q", args[0])
	}
	return nil
}
