package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/report"
	"github.com/permaudit/permaudit/platforms"
)

// runAudit is the whole pipeline: settings → scan → evaluate → filter
// (audit.Run.Audit) → report → exit code.
func runAudit(e env, opts auditOptions, args []string) error {
	cfg, err := loadConfig(e, opts.Config)
	if err != nil {
		return configError{err}
	}
	s, err := resolveSettings(opts, cfg)
	if err != nil {
		return err
	}
	if err := layoutOutputs(s.outs, e, opts.Color, opts.SourceRoot); err != nil {
		return err
	}
	cs, err := audit.BuiltinCatalogs()
	if err != nil {
		return fmt.Errorf("built-in catalogs: %w", err)
	}
	pols, err := loadPolicies(s.policies, cs)
	if err != nil {
		return err
	}
	var baseline *audit.Baseline
	if s.baseline != nil {
		if baseline, err = report.ReadBaseline(s.baseline.Value); err != nil {
			return settingError(*s.baseline, fmt.Errorf("--baseline: %w", err))
		}
	}
	run := audit.Run{Tool: audit.Tool{Name: "permaudit", Version: toolVersion()}, Policies: pols, Catalogs: cs,
		Time:   auditTime(e, opts.NoTimestamp),
		Filter: audit.Filter{FailOn: s.failOn, Waivers: s.waivers, Baseline: baseline, Now: e.now()}}
	limits, err := opts.Limits.parse()
	if err != nil {
		return usageError{err}
	}
	scan := platforms.ScanOptions{Digest: !opts.NoDigest,
		WalkOptions: platforms.WalkOptions{IncludeAll: opts.IncludeAll, Exclude: s.excludes, Limits: limits}}
	scan.Stdin = e.stdin
	if opts.Verbose {
		scan.Skipped = func(path, reason string) {
			fmt.Fprintf(e.stderr, "permaudit: skipped %s: %s\n", audit.Visible(path), audit.Visible(reason))
		}
	}
	res, err := run.Audit(platforms.Scan(args, scan))
	if err != nil {
		return configError{err}
	}
	for _, ie := range res.Errors {
		fmt.Fprintf(e.stderr, "permaudit: %s\n", audit.Visible(ie.String()))
	}
	for _, u := range res.StaleWaivers() {
		fmt.Fprintf(e.stderr, "permaudit: %s\n", audit.Visible(u.Notice()))
	}
	return outcome(res, report.WriteAll(s.outs, res, e.stdout), s.gateCode, e)
}

// nothingToAudit: no artifact, and every "error" is a directory with
// nothing in it — a wrong path or an over-eager --exclude, which must not
// pass as a clean audit, nor read as a broken file.
func nothingToAudit(res *audit.Result) bool {
	if len(res.Artifacts) > 0 || len(res.Errors) == 0 {
		return false
	}
	for _, e := range res.Errors {
		if e.Message != platforms.ErrNothingFound.Error() {
			return false
		}
	}
	return true
}

// outcome is the exit-code mapping's precedence: nothing to audit (5), an unread input (3),
// then a failed gate (1 or --exit-code), then a report not written (4).
// The write error is printed whichever code wins.
func outcome(res *audit.Result, writeErr error, gateCode int, e env) error {
	var code int
	switch {
	case nothingToAudit(res):
		code = ExitNothing
	case len(res.Errors) > 0:
		code = ExitInputError
	case res.Failed():
		code = gateCode
	case writeErr != nil:
		return outputError{writeErr}
	default:
		return nil
	}
	if writeErr != nil {
		fmt.Fprintf(e.stderr, "permaudit: %s\n", audit.Visible(writeErr.Error()))
	}
	return exitCode(code)
}

// failOnValues are --fail-on's values, for hints and completion.
var failOnValues = []string{"error", "warning", "note", "never"}

func parseFailOn(s string) (audit.Severity, error) {
	if strings.EqualFold(s, "never") {
		return "", nil
	}
	sev, err := audit.ParseSeverity(s)
	if err != nil {
		err = fmt.Errorf("--fail-on %q: want error, warning, note or never", s)
		if w := audit.SuggestWord(strings.ToLower(s), failOnValues); w != "" {
			err = fmt.Errorf("%w; did you mean %q?", err, w)
		}
		return "", err
	}
	return sev, nil
}

// auditTime honours SOURCE_DATE_EPOCH so reproducible builds get
// reproducible reports. Waivers expire against the real clock instead:
// build systems pin SOURCE_DATE_EPOCH to a commit's (or 1980's) date, and
// a waiver must not outlive its date there.
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
