package cli

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/policyfile"
	"github.com/permaudit/permaudit/audit/report"
	"github.com/permaudit/permaudit/platforms"
)

// auditOptions are the audit command's flags.
type auditOptions struct {
	Format      string
	Outputs     []string
	FormatSet   bool // --format given explicitly: it still goes to stdout next to -o files
	FailOn      string
	Policies    []string
	NoDigest    bool
	NoTimestamp bool
	IncludeAll  bool
	Exclude     []string
	Limits      limitFlags
}

func newAuditCmd(e env) *cobra.Command {
	opts := auditOptions{}
	cmd := &cobra.Command{
		Use:   "audit PATH...",
		Short: "Audit manifests and packages (files or directories) against a policy",
		Long: `audit reads each PATH — a manifest, a package, or a directory searched for them by content —
and checks what it declares against the policy (the built-in ` + audit.DefaultPolicyID + ` unless --policy names another).

Inputs: Android AndroidManifest.xml (source or binary), APK, AAB, .apks/.xapk; iOS Info.plist
(XML or binary), PrivacyInfo.xcprivacy, .entitlements, IPA; HarmonyOS module.json5, module.json,
config.json, .hap/.hsp and .app packages.

Output formats (--format for one on stdout, -o FORMAT[=PATH] for several):
` + report.Help(),
		Example: `  permaudit audit app/src/main/AndroidManifest.xml
  permaudit audit --format json ./my-app > report.json
  permaudit audit -o table -o sarif=permaudit.sarif -o junit=junit.xml -o html=report.html ./my-app
  permaudit audit --fail-on warning --exclude 'samples/**' ./my-app`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("audit needs at least one PATH")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.FormatSet = cmd.Flags().Changed("format")
			return runAudit(e, opts, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "table", "output format on stdout: "+strings.Join(report.Names(), ", "))
	f.StringArrayVarP(&opts.Outputs, "output", "o", nil, "FORMAT[=PATH]: write a report in FORMAT to PATH (stdout without PATH); repeatable (an explicit --format still goes to stdout)")
	f.StringVar(&opts.FailOn, "fail-on", "error", "exit 1 when a finding reaches this severity: error, warning, note or never")
	f.StringArrayVarP(&opts.Policies, "policy", "p", nil, "policy: a built-in id ("+strings.Join(audit.BuiltinPolicyIDs(), ", ")+") or a .yaml/.json file; repeatable, requirements are united (default "+audit.DefaultPolicyID+")")
	f.BoolVar(&opts.NoDigest, "no-digest", false, "skip the SHA-256 of each artifact")
	f.BoolVar(&opts.NoTimestamp, "no-timestamp", false, "leave the time of the audit out of the report")
	f.BoolVar(&opts.IncludeAll, "include-all", false, "also search "+strings.Join(platforms.SkippedDirs, ", ")+" directories")
	f.StringArrayVar(&opts.Exclude, "exclude", nil, "skip files and directories matching this glob (repeatable)")
	opts.Limits.register(cmd)
	return cmd
}

// runAudit is the whole pipeline: find → parse → evaluate → report → exit code.
func runAudit(e env, opts auditOptions, args []string) error {
	outs, err := outputs(opts)
	if err != nil {
		return usageError{err}
	}
	failOn, err := parseFailOn(opts.FailOn)
	if err != nil {
		return usageError{err}
	}
	cs, err := audit.BuiltinCatalogs()
	if err != nil {
		return fmt.Errorf("built-in catalogs: %w", err)
	}
	pols, err := policyfile.Load(opts.Policies, cs)
	if err != nil {
		return usageError{err}
	}
	limits, err := opts.Limits.parse()
	if err != nil {
		return usageError{err}
	}
	res := &audit.Result{Tool: audit.Tool{Name: "permaudit", Version: Version},
		Policies: pols, FailOn: failOn, Time: auditTime(e, opts.NoTimestamp)}
	for _, path := range collect(args, platforms.WalkOptions{IncludeAll: opts.IncludeAll, Exclude: opts.Exclude, Limits: limits}, res) {
		d, err := platforms.ReadWith(path, platforms.ReadOptions{Digest: !opts.NoDigest, Limits: limits})
		if err != nil {
			res.Errors = append(res.Errors, audit.NewInputError(path, err))
			continue
		}
		res.Artifacts = append(res.Artifacts, audit.Evaluate(d, res.Policies, cs))
	}
	sort.SliceStable(res.Errors, func(i, j int) bool { return res.Errors[i].Path < res.Errors[j].Path })
	for _, ie := range res.Errors {
		fmt.Fprintf(e.stderr, "permaudit: %s\n", audit.Visible(ie.String()))
	}
	if err := report.WriteAll(outs, res, e.stdout); err != nil {
		// The only way to get here is an -o PATH that cannot be written.
		return usageError{err}
	}
	switch {
	case len(res.Errors) > 0:
		return exitCode(ExitInputError)
	case res.Failed():
		return exitCode(ExitFindings)
	}
	return nil
}

// outputs turns --format and -o into the reports to write. Without -o,
// --format (default table) goes to stdout; with -o, --format still does
// when given explicitly and no -o claims stdout.
func outputs(opts auditOptions) ([]report.Output, error) {
	var outs []report.Output
	toStdout := 0
	for _, spec := range opts.Outputs {
		o, err := report.ParseOutput(spec)
		if err != nil {
			return nil, err
		}
		if o.Path == "" || o.Path == "-" {
			toStdout++
		}
		outs = append(outs, o)
	}
	if toStdout > 1 {
		return nil, fmt.Errorf("-o: only one report can go to stdout; give the others a PATH")
	}
	if len(outs) == 0 || (opts.FormatSet && toStdout == 0) {
		f, err := report.Lookup(opts.Format)
		if err != nil {
			return nil, err
		}
		outs = append([]report.Output{{Format: f}}, outs...)
	} else if opts.FormatSet {
		return nil, fmt.Errorf("--format %s and an -o without PATH both want stdout; keep one", opts.Format)
	}
	return outs, nil
}

// collect expands directories into the inputs found in them; a path that
// does not exist or a directory with nothing to audit is an input error.
func collect(args []string, wo platforms.WalkOptions, res *audit.Result) []string {
	var paths []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			paths = append(paths, p)
		}
	}
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil {
			res.Errors = append(res.Errors, audit.NewInputError(arg, err))
			continue
		}
		if !st.IsDir() {
			add(arg)
			continue
		}
		found, err := platforms.Walk(arg, wo)
		if err != nil {
			res.Errors = append(res.Errors, audit.NewInputError(arg, err))
		}
		n := 0
		for _, f := range found {
			if f.Err != nil {
				res.Errors = append(res.Errors, audit.NewInputError(f.Path, f.Err))
				continue
			}
			n++
			add(f.Path)
		}
		if n == 0 && err == nil {
			res.Errors = append(res.Errors, audit.InputError{Path: arg,
				Message: "no manifest or package found in this directory"})
		}
	}
	return paths
}

func parseFailOn(s string) (audit.Severity, error) {
	if strings.EqualFold(s, "never") {
		return "", nil
	}
	sev, err := audit.ParseSeverity(s)
	if err != nil {
		return "", fmt.Errorf("--fail-on: %w (or never)", err)
	}
	return sev, nil
}

// auditTime honours SOURCE_DATE_EPOCH so reproducible builds get
// reproducible reports.
func auditTime(e env, off bool) time.Time {
	if off {
		return time.Time{}
	}
	if s := e.getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return e.now()
}
