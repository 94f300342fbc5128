package cli

import (
	"errors"
	"fmt"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/policyfile"
	"github.com/permaudit/permaudit/audit/report"
)

// settings are what an audit runs with: each flag the command line gave,
// else the config file's setting, else the default.
type settings struct {
	outs     []report.Output
	failOn   audit.Severity
	gateCode int
	policies []policyfile.Setting
	excludes []string
	baseline *policyfile.Setting
	waivers  []audit.Waiver
}

// loadConfig reads --config, or the .permaudit.yaml found from the
// working directory upward; nil when there is none or --no-config.
func loadConfig(e env, explicit string, none bool) (*policyfile.Config, error) {
	if none {
		return nil, nil
	}
	path := explicit
	if path == "" {
		found, err := policyfile.FindConfig(e.wd)
		if err != nil || found == "" {
			return nil, err
		}
		path = found
	}
	return policyfile.LoadConfig(path)
}

func resolveSettings(opts auditOptions, cfg *policyfile.Config) (settings, error) {
	if cfg == nil {
		cfg = &policyfile.Config{}
	}
	s := settings{gateCode: opts.ExitCode, excludes: opts.Exclude, waivers: cfg.Waivers}
	if !opts.set("exit-code") && cfg.ExitCode != 0 {
		s.gateCode = cfg.ExitCode
	}
	if err := policyfile.CheckExitCode(s.gateCode); err != nil {
		return s, usagef("--exit-code: %v", err)
	}
	if err := opts.searchFlags.check(); err != nil {
		return s, err
	}
	if !opts.set("exclude") && len(cfg.Excludes) > 0 {
		s.excludes = cfg.Excludes
	}
	failOn := policyfile.Setting{Value: opts.FailOn}
	if !opts.set("fail-on") && cfg.FailOn != nil {
		failOn = *cfg.FailOn
	}
	var err error
	if s.failOn, err = parseFailOn(failOn.Value); err != nil {
		return s, settingError(failOn, err)
	}
	s.policies = flagSettings(opts.Policies)
	if !opts.set("policy") && len(cfg.Policies) > 0 {
		s.policies = cfg.Policies
	}
	s.policies = uniqueSettings(s.policies)
	if opts.Baseline != "" {
		s.baseline = &policyfile.Setting{Value: opts.Baseline}
	} else if !opts.set("baseline") {
		s.baseline = cfg.Baseline
	}
	specs := flagSettings(opts.Outputs)
	if !opts.set("output") && !opts.set("format") && len(cfg.Outputs) > 0 {
		specs = cfg.Outputs
	}
	if s.outs, err = outputs(specs, opts.Format, opts.set("format")); err != nil {
		return s, err
	}
	if opts.WriteBaseline != "" {
		json, _ := report.Lookup("json")
		s.outs = append(s.outs, report.Output{Format: json, Path: opts.WriteBaseline})
	}
	return s, nil
}

// uniqueSettings keeps the first of settings with the same value: a
// policy named twice (a script and a user both adding --policy) is
// applied once.
func uniqueSettings(list []policyfile.Setting) []policyfile.Setting {
	seen := map[string]bool{}
	var out []policyfile.Setting
	for _, s := range list {
		if !seen[s.Value] {
			seen[s.Value] = true
			out = append(out, s)
		}
	}
	return out
}

func flagSettings(values []string) []policyfile.Setting {
	out := make([]policyfile.Setting, len(values))
	for i, v := range values {
		out[i] = policyfile.Setting{Value: v}
	}
	return out
}

// settingError blames the config line a bad value came from, or the
// command line when it came from a flag.
func settingError(s policyfile.Setting, err error) error {
	if s.At != "" {
		return configError{fmt.Errorf("%s: %w", s.At, err)}
	}
	return usageError{err}
}

// outputs turns --format and -o (or the config's outputs) into the reports
// to write. Without -o, --format (default table) goes to stdout; with -o,
// --format still does when given explicitly and no -o claims stdout.
func outputs(specs []policyfile.Setting, format string, formatSet bool) ([]report.Output, error) {
	var outs []report.Output
	toStdout := 0
	for _, spec := range specs {
		o, err := report.ParseOutput(spec.Value)
		if err != nil {
			return nil, settingError(spec, err)
		}
		if o.Path == "" || o.Path == "-" {
			toStdout++
		}
		outs = append(outs, o)
	}
	if toStdout > 1 {
		return nil, usagef("-o: only one report can go to stdout; give the others a PATH")
	}
	if len(outs) == 0 || (formatSet && toStdout == 0) {
		f, err := report.Lookup(format)
		if err != nil {
			return nil, usageError{err}
		}
		outs = append([]report.Output{{Format: f}}, outs...)
	} else if formatSet {
		return nil, usagef("--format %s and an -o without PATH both want stdout; keep one", format)
	}
	return outs, nil
}

// loadPolicies loads the policies; a problem with one the config names
// is reported at the config's line.
func loadPolicies(refs []policyfile.Setting, cs *audit.Catalogs) ([]*audit.Policy, error) {
	names := make([]string, len(refs))
	at := map[string]string{}
	for i, r := range refs {
		names[i] = r.Value
		at[r.Value] = r.At
	}
	pols, err := policyfile.Load(names, cs)
	var list policyfile.Errors
	if errors.As(err, &list) {
		for _, e := range list {
			if where := at[e.File]; where != "" && e.Line == 0 {
				e.Message = "policies: " + e.File + ": " + e.Message
				e.File, e.Line = where, 0
			}
		}
	}
	if err != nil {
		return nil, configError{err}
	}
	return pols, nil
}
