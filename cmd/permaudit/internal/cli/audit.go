package cli

import (
	"runtime"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/report"
)

// auditOptions are the audit command's flags; set records which ones the
// command line gave, so they override the config file.
type auditOptions struct {
	Format      string
	Outputs     []string
	FailOn      string
	Policies    []string
	NoDigest    bool
	NoTimestamp bool
	searchFlags
	Config        string
	NoConfig      bool
	Baseline      string
	WriteBaseline string
	ExitCode      int
	Color         string
	SourceRoot    string
	Verbose       bool
	Limits        limitFlags
	Jobs          int
	FromFile      string
	Quiet         bool
	set           func(flag string) bool
	// project mode (audit_projects.go)
	Variant       string
	Configuration string
	MinLevels     []string
	TargetLevels  []string
}

func newAuditCmd(e env) *cobra.Command {
	opts := auditOptions{}
	cmd := &cobra.Command{
		Use:   "audit [PATH...]",
		Short: "Audit manifests and packages (files or directories) against a policy",
		Long: `audit reads each PATH — a manifest, a package, or a directory searched for them by content —
and checks what it declares against the policy (the built-in ` + audit.DefaultPolicyID + ` unless --policy names another).

Inputs: Android AndroidManifest.xml (source or binary), APK, AAB, .apks/.xapk; iOS Info.plist
(XML or binary), PrivacyInfo.xcprivacy, .entitlements, IPA; HarmonyOS module.json5, module.json,
config.json, .hap/.hsp and .app packages.

Settings come from .permaudit.yaml (found from the working directory upward, or --config FILE);
a flag given on the command line overrides the file's setting. Waivers in the file and findings
in a --baseline report are still shown, marked, but do not count for the gate.

Inputs are read and evaluated by -j workers at once; reports come out the same whatever -j is.
--from-file reads more paths from a list (- for stdin). --format jsonl on stdout writes a line
per input as each finishes; 'permaudit merge' turns such lines back into any report.

Output formats (--format for one on stdout, -o FORMAT[=PATH] for several):
` + report.Help(),
		Example: `  permaudit audit app/src/main/AndroidManifest.xml
  permaudit audit --format json ./my-app > report.json
  permaudit audit -o table -o sarif=permaudit.sarif -o junit=junit.xml -o html=report.html ./my-app
  permaudit audit --fail-on warning --exclude 'samples/**' ./my-app
  permaudit audit --write-baseline permaudit-baseline.json ./my-app   # accept today's findings
  permaudit audit --baseline permaudit-baseline.json ./my-app         # gate on new ones only
  find /apks -name '*.apk' | permaudit audit --from-file - -j 8 --format jsonl > audit.jsonl`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 && opts.FromFile == "" {
				return usagef("audit needs at least one PATH (or --from-file)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.set = cmd.Flags().Changed
			return runAudit(e, opts, args)
		},
	}
	f := cmd.Flags()
	reportFlags(f, &opts)
	f.BoolVar(&opts.NoDigest, "no-digest", false, "skip the SHA-256 of each artifact")
	opts.searchFlags.register(f)
	f.IntVarP(&opts.Jobs, "jobs", "j", runtime.NumCPU(), "read and evaluate this many inputs at once (1: one after another)")
	f.StringVar(&opts.FromFile, "from-file", "", "also audit the paths listed in FILE, one per line (- for stdin; blank lines and # comments skipped)")
	f.StringVar(&opts.Variant, "variant", "", "Android build variant a Gradle project is audited as (default release)")
	f.StringVar(&opts.Configuration, "configuration", "", "Xcode build configuration a project is audited as (default Release)")
	f.StringArrayVar(&opts.MinLevels, "min-level", nil, "PLATFORM=LEVEL: the app's minimum level, over what the input says (repeatable, e.g. android=24)")
	f.StringArrayVar(&opts.TargetLevels, "target-level", nil, "PLATFORM=LEVEL: the app's target level, over what the input says (repeatable, e.g. android=34)")
	f.BoolVarP(&opts.Verbose, "verbose", "v", false, "list on stderr every file a directory search passed over, and why")
	opts.Limits.register(cmd)
	completeAuditFlags(cmd)
	return cmd
}

// reportFlags are the flags audit and merge share: which policy, which
// gate, which reports.
func reportFlags(f *pflag.FlagSet, opts *auditOptions) {
	f.StringVarP(&opts.Format, "format", "f", "table", "output format on stdout: "+strings.Join(report.Names(), ", "))
	f.StringArrayVarP(&opts.Outputs, "output", "o", nil, "FORMAT[=PATH]: write a report in FORMAT to PATH (stdout without PATH); repeatable (an explicit --format still goes to stdout)")
	f.StringVar(&opts.FailOn, "fail-on", "error", "exit 1 when a finding that counts reaches this severity: error, warning, note or never")
	f.StringArrayVarP(&opts.Policies, "policy", "p", nil, "policy: a built-in id ("+strings.Join(audit.BuiltinPolicyIDs(), ", ")+") or a .yaml/.json file; repeatable, requirements are united (default "+audit.DefaultPolicyID+")")
	f.BoolVar(&opts.NoTimestamp, "no-timestamp", false, "leave the time of the audit out of the report")
	f.StringVar(&opts.Config, "config", "", "read settings from this file instead of the .permaudit.yaml found from the working directory upward")
	f.BoolVar(&opts.NoConfig, "no-config", false, "read no config file: flags and defaults only (for a job that must not inherit a .permaudit.yaml)")
	f.StringVar(&opts.Baseline, "baseline", "", "an earlier JSON report: findings already in it are shown but do not count for the gate")
	f.StringVar(&opts.WriteBaseline, "write-baseline", "", "also write this run's JSON report to FILE, to use as --baseline later")
	f.IntVar(&opts.ExitCode, "exit-code", ExitFindings, "exit with this code instead of 1 when the gate fails")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "no progress bar, and a table of only unread inputs and the summary")
	f.StringVar(&opts.Color, "color", "auto", "colour severities and verdicts in the table: auto (on a terminal, unless NO_COLOR is set), always or never")
	f.StringVar(&opts.SourceRoot, "source-root", "", "directory SARIF locations are relative to, e.g. the repository checkout (default: the working directory)")
}
