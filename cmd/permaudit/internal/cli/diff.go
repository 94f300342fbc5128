package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/policyfile"
	"github.com/permaudit/permaudit/audit/report"
)

// diffOptions are the diff command's flags.
type diffOptions struct {
	Format      string
	FailOnAdded string
	Policies    []string
	NoDigest    bool
	searchFlags
}

func newDiffCmd(e env) *cobra.Command {
	opts := diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Compare the permissions of two builds of one app",
		Long: `diff reads two builds of the same app — manifests or packages of any kind permaudit reads,
a source manifest against the APK built from it too — and lists the permissions added, removed or
changed (form, maxSdkVersion, purpose text, usedScene.when) and the categories gained or lost. Added permissions
the user is asked about are marked: Android protection level dangerous, HarmonyOS user_grant or
manual_settings, iOS purpose keys.

A directory stands for the one app per platform it holds (an iOS app's Info.plist, .entitlements
and PrivacyInfo.xcprivacy count as one); platforms in both are compared.

--fail-on-added sets the gate: never (default), any added permission, a dangerous (sensitive) one,
or one the policy neither requires nor allows (policy, with --policy as for audit). A changed
permission NEW requests on more devices (a maxSdkVersion raised or dropped, <uses-permission> where
only <uses-permission-sdk-23> was, HarmonyOS usedScene.when turned always) is "widened" and counts
as added for those devices.

Exit codes: 0 the gate passed, 1 it failed, 2 usage error or two different apps (another app id
or platform), 3 an input could not be read.

Output formats (--format):
` + diffFormatHelp(),
		Example: `  permaudit diff app-1.4.apk app-1.5.apk
  permaudit diff --fail-on-added dangerous app/src/main/AndroidManifest.xml app-release.apk
  permaudit diff --format markdown --fail-on-added policy old/ new/ > comment.md`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usagef("diff needs two paths, OLD and NEW (got %d)", len(args))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error { return runDiff(e, opts, args[0], args[1]) },
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "table", "output format: "+strings.Join(report.DiffFormatNames(), ", "))
	f.StringVar(&opts.FailOnAdded, "fail-on-added", string(audit.GateNever), "exit 1 when NEW adds a permission: never, any, dangerous (sensitive) or policy (beyond the policy)")
	f.StringArrayVarP(&opts.Policies, "policy", "p", nil, "policy for --fail-on-added policy: a built-in id or a .yaml/.json file; repeatable (default "+audit.DefaultPolicyID+")")
	f.BoolVar(&opts.NoDigest, "no-digest", false, "skip the SHA-256 of each artifact")
	opts.searchFlags.register(f)
	return cmd
}

func diffFormatHelp() string {
	var b strings.Builder
	for _, f := range report.DiffFormats {
		fmt.Fprintf(&b, "  %-9s %s\n", f.Name, f.Description)
	}
	return b.String()
}

// runDiff reads both sides, compares them, writes the report and gates.
func runDiff(e env, opts diffOptions, oldPath, newPath string) error {
	format, err := report.LookupDiff(opts.Format)
	if err != nil {
		return usageError{err}
	}
	if err := opts.searchFlags.check(); err != nil {
		return err
	}
	gate, err := audit.ParseAddedGate(opts.FailOnAdded)
	if err != nil {
		return usagef("--fail-on-added: %v", err)
	}
	cs, err := audit.BuiltinCatalogs()
	if err != nil {
		return fmt.Errorf("built-in catalogs: %w", err)
	}
	pols, err := policyfile.Load(opts.Policies, cs)
	if err != nil {
		return usageError{err}
	}
	var sides [2][]audit.Build
	var unread []audit.InputError
	for i, side := range []struct{ name, path string }{{"OLD", oldPath}, {"NEW", newPath}} {
		builds, errs, err := readBuilds(side.name, side.path, opts)
		if err != nil {
			return notComparable(e, err)
		}
		sides[i], unread = builds, append(unread, errs...)
	}
	if len(unread) > 0 {
		for _, ie := range unread {
			fmt.Fprintf(e.stderr, "permaudit: %s\n", audit.Visible(ie.String()))
		}
		return exitCode(ExitInputError)
	}
	diffs, unpaired, err := audit.CompareBuilds(sides[0], sides[1], pols, cs)
	if err != nil {
		return notComparable(e, err)
	}
	r := &audit.DiffReport{Tool: audit.Tool{Name: "permaudit", Version: toolVersion()}, Policies: pols,
		FailOnAdded: gate, Comparisons: diffs, Unpaired: unpaired}
	var term terminal
	if e.terminal != nil {
		term = e.terminal(e.stdout)
	}
	if err := report.DiffWriterFor(format, report.Options{Width: tableWidth(e, term)}).WriteDiff(e.stdout, r); err != nil {
		return err
	}
	if r.Failed() {
		return exitCode(ExitFindings)
	}
	return nil
}

// notComparable reports two builds that are not one app's: the user named
// the wrong pair, so it is a usage error (exit 2), but --help would not
// help, so the message stands alone.
func notComparable(e env, err error) error {
	var de *audit.DifferentAppsError
	var se severalAppsError
	if !errors.As(err, &de) && !errors.As(err, &se) {
		return err
	}
	fmt.Fprintf(e.stderr, "permaudit: %s\n", audit.Visible(err.Error())) // app ids and paths come from the inputs
	return exitCode(ExitUsage)
}
