package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/report"
	"github.com/permaudit/permaudit/platforms"
)

// runAudit is the whole pipeline: settings → scan → read and evaluate in
// a pool → filter (audit.Run.Audit) → report → exit code.
func runAudit(e env, opts auditOptions, args []string) error {
	if opts.Jobs < 1 {
		return usagef("-j %d: at least one worker is needed", opts.Jobs)
	}
	paths, err := inputPaths(e, args, opts.FromFile)
	if err != nil {
		return err
	}
	p, err := prepare(e, opts, nil)
	if err != nil {
		return err
	}
	limits, err := opts.Limits.parse()
	if err != nil {
		return usageError{err}
	}
	project, err := projectOptions(opts)
	if err != nil {
		return usageError{err}
	}
	scan := platforms.ScanOptions{Digest: !opts.NoDigest, Project: project, Stdin: e.stdin,
		WalkOptions: platforms.WalkOptions{IncludeAll: opts.IncludeAll, Exclude: p.s.excludes, Limits: limits}}
	if opts.Verbose {
		scan.Skipped = func(path, reason string) {
			fmt.Fprintf(e.stderr, "permaudit: skipped %s: %s\n", audit.Visible(path), audit.Visible(reason))
		}
	}
	run := p.run(e, opts)
	run.Workers = opts.Jobs
	b := startBatch(e, opts, &p.s, run, paths, scan.WalkOptions)
	run.Each = b.done
	res, err := run.Audit(b.found(platforms.Find(paths, scan)))
	b.bar.Finish()
	if err != nil {
		return configError{err}
	}
	return finish(e, res, p.s, b.lines.Err())
}

// prepared is what an audit or a merge runs with.
type prepared struct {
	s        settings
	policies []*audit.Policy
	catalogs *audit.Catalogs
	baseline *audit.Baseline
}

// prepare resolves the settings and loads the policies and the baseline;
// policies, when given, replace the default policy (not one the command
// line or the config names).
func prepare(e env, opts auditOptions, policies []string) (prepared, error) {
	var p prepared
	if opts.NoConfig && opts.Config != "" {
		return p, usagef("--config and --no-config contradict each other: give one")
	}
	cfg, err := loadConfig(e, opts.Config, opts.NoConfig)
	if err != nil {
		return p, configError{err}
	}
	if p.s, err = resolveSettings(opts, cfg); err != nil {
		return p, err
	}
	if len(p.s.policies) == 0 {
		p.s.policies = flagSettings(policies)
	}
	if err := layoutOutputs(p.s.outs, e, opts.Color, opts.SourceRoot); err != nil {
		return p, err
	}
	if opts.Quiet {
		report.Quiet(p.s.outs)
	}
	if p.catalogs, err = audit.BuiltinCatalogs(); err != nil {
		return p, fmt.Errorf("built-in catalogs: %w", err)
	}
	if p.policies, err = loadPolicies(p.s.policies, p.catalogs); err != nil {
		return p, err
	}
	if p.s.baseline != nil {
		if p.baseline, err = report.ReadBaseline(p.s.baseline.Value); err != nil {
			return p, settingError(*p.s.baseline, fmt.Errorf("--baseline: %w", err))
		}
	}
	return p, nil
}

func (p prepared) run(e env, opts auditOptions) audit.Run {
	return audit.Run{Tool: audit.Tool{Name: "permaudit", Version: toolVersion()}, Policies: p.policies, Catalogs: p.catalogs,
		Time:   auditTime(e, opts.NoTimestamp),
		Filter: audit.Filter{FailOn: p.s.failOn, Waivers: p.s.waivers, Baseline: p.baseline, Now: e.now()}}
}

// finish reports a result: unread inputs and stale waivers on stderr,
// every report, then the exit code. streamErr is a streamed report that
// could not be written.
func finish(e env, res *audit.Result, s settings, streamErr error) error {
	for _, ie := range res.Errors {
		fmt.Fprintf(e.stderr, "permaudit: %s\n", audit.Visible(ie.String()))
	}
	for _, u := range res.StaleWaivers() {
		fmt.Fprintf(e.stderr, "permaudit: %s\n", audit.Visible(u.Notice()))
	}
	return outcome(res, errors.Join(streamErr, report.WriteAll(s.outs, res, e.stdout)), s.gateCode, e)
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
