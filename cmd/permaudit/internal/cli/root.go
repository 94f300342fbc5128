// Package cli is permaudit's command line: one Options struct and one run
// function per command, and one place that maps outcomes to exit codes.
package cli

import (
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
	stdout, stderr io.Writer
	now            func() time.Time
	getenv         func(string) string
}

// Run executes permaudit with args and returns the process exit code.
func Run(args []string, stdout, stderr io.Writer) int {
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

Exit codes: 0 passed, 1 findings at or above --fail-on, 2 usage error, 3 an input could not be read.`,
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
	root.AddCommand(newAuditCmd(e), newDiffCmd(e), newSDKListCmd(e), newPolicyCmd(e), newCatalogCmd(e), newVersionCmd(e))
	return root
}

func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("unexpected argument %q", args[0])
	}
	return nil
}
