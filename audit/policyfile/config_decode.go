package policyfile

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/permaudit/permaudit/audit"
)

var waiverKeys = []string{"rule", "permission", "app", "path", "reason", "expires"}

func (d *decoder) at(n *yaml.Node) string { return fmt.Sprintf("%s:%d", d.file, resolve(n).Line) }

// config decodes the top-level mapping into c.
func (d *decoder) config(root *yaml.Node, c *Config) {
	for _, f := range d.mapping(root, "config", configKeys) {
		switch f.key {
		case "policies":
			for _, n := range d.strings(f.value, "policies") {
				ref := n.Value
				if strings.ContainsAny(ref, `/\`) || filepath.Ext(ref) != "" { // a file, not an id
					ref = c.Path(ref)
				}
				c.Policies = append(c.Policies, Setting{Value: ref, At: d.at(n)})
			}
		case "failOn":
			v := d.str(f.value, "failOn")
			if _, err := audit.ParseSeverity(v); err != nil && !strings.EqualFold(v, "never") {
				d.errorf(resolve(f.value), "failOn: %q is not error, warning, note or never", v)
			}
			c.FailOn = &Setting{Value: v, At: d.at(f.value)}
		case "exitCode":
			c.ExitCode = d.integer(f.value, "exitCode")
			if err := CheckExitCode(c.ExitCode); err != nil {
				d.errorf(resolve(f.value), "exitCode: %v", err)
			}
		case "excludes":
			for _, n := range d.strings(f.value, "excludes") {
				if _, err := audit.CompileGlob(n.Value); err != nil {
					d.errorf(n, "excludes: %v", err)
				}
				c.Excludes = append(c.Excludes, n.Value)
			}
		case "outputs":
			for _, n := range d.strings(f.value, "outputs") {
				spec := n.Value
				if name, path, ok := strings.Cut(spec, "="); ok && path != "" {
					spec = name + "=" + c.Path(path)
				}
				c.Outputs = append(c.Outputs, Setting{Value: spec, At: d.at(n)})
			}
		case "baseline":
			if v := d.str(f.value, "baseline"); v != "" {
				c.Baseline = &Setting{Value: c.Path(v), At: d.at(f.value)}
			}
		case "waivers":
			for i, n := range d.list(f.value, "waivers") {
				if w, ok := d.waiver(n, fmt.Sprintf("waivers[%d]", i)); ok {
					c.Waivers = append(c.Waivers, w)
				}
			}
		}
	}
}

// CheckExitCode accepts a code for a failed gate: one no other outcome
// uses, below the shell's reserved 126.
func CheckExitCode(n int) error {
	switch {
	case n < 1 || n > 125:
		return fmt.Errorf("%d is not between 1 and 125", n)
	case n >= 2 && n <= 5:
		return fmt.Errorf("%d already means something else (2 usage or config error, 3 unreadable input, 4 report not written, 5 nothing to audit)", n)
	}
	return nil
}

// strings reads a list of non-empty scalars.
func (d *decoder) strings(n *yaml.Node, what string) []*yaml.Node {
	var out []*yaml.Node
	for _, c := range d.list(n, what) {
		if c.Kind != yaml.ScalarNode || strings.TrimSpace(c.Value) == "" {
			d.errorf(c, "%s: each entry must be a non-empty value", what)
			continue
		}
		out = append(out, c)
	}
	return out
}

// waiver decodes one waiver; every mistake is reported at its line.
func (d *decoder) waiver(n *yaml.Node, what string) (audit.Waiver, bool) {
	before := len(d.errs)
	w := audit.Waiver{File: d.file, Line: resolve(n).Line}
	for _, f := range d.mapping(n, what, waiverKeys) {
		v := strings.TrimSpace(d.str(f.value, what+"."+f.key))
		switch f.key {
		case "rule":
			w.Rule = v
			if _, ok := audit.Rule(v); !ok {
				d.errorf(resolve(f.value), "%s.rule: unknown rule %q%s", what, v, ruleHint(v))
			}
		case "permission", "app", "path":
			if _, err := audit.CompileGlob(v); err != nil {
				d.errorf(resolve(f.value), "%s.%s: %v", what, f.key, err)
			}
			*map[string]*string{"permission": &w.Permission, "app": &w.App, "path": &w.Path}[f.key] = v
		case "reason":
			w.Reason = v
		case "expires":
			t, err := time.Parse(audit.DateLayout, v)
			if err != nil {
				d.errorf(resolve(f.value), "%s.expires: %q is not a date written YYYY-MM-DD", what, v)
			}
			w.Expires = t
		}
	}
	if resolve(n) != nil && resolve(n).Kind == yaml.MappingNode {
		if w.Reason == "" {
			d.errorf(n, "%s: a waiver needs a reason (who approved it, and why)", what)
		}
		if w.Rule == "" && w.Permission == "" {
			d.errorf(n, "%s: a waiver needs a rule or a permission; one that names neither would waive everything", what)
		}
	}
	return w, len(d.errs) == before
}

func ruleHint(id string) string {
	ids := make([]string, len(audit.Rules))
	for i, r := range audit.Rules {
		ids[i] = r.ID
	}
	if s := audit.SuggestWord(id, ids); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return " (the rule ids are listed in the README and in the SARIF report)"
}
