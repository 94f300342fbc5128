package policyfile

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/permaudit/permaudit/audit"
)

// decoder walks a node tree, collecting every error with its line rather
// than stopping at the first, so `policy validate` lists them all.
type decoder struct {
	file string
	errs Errors
	pos  *positions
	cs   *audit.Catalogs
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.errs = append(d.errs, &Error{File: d.file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// resolve follows YAML aliases to the node they name.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < maxDepth; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// field is one key of a mapping with its value.
type field struct {
	key   string
	keyN  *yaml.Node
	value *yaml.Node
}

// mapping returns a mapping's fields in file order, reporting keys that
// are not allowed (with the closest allowed one) and keys given twice.
func (d *decoder) mapping(n *yaml.Node, what string, allowed []string) []field {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping of keys to values", what)
		return nil
	}
	var out []field
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "%s: a key must be a plain word", what)
			continue
		}
		if k.Value == "<<" {
			d.errorf(k, "%s: YAML merge keys (<<) are not supported; write the keys out", what)
			continue
		}
		if line, dup := seen[k.Value]; dup {
			d.errorf(k, "%s: key %q is given twice (first on line %d)", what, k.Value, line)
			continue
		}
		seen[k.Value] = k.Line
		if !containsString(allowed, k.Value) {
			hint := ""
			if s := audit.SuggestWord(k.Value, allowed); s != "" {
				hint = fmt.Sprintf("; did you mean %q?", s)
			}
			d.errorf(k, "%s: unknown key %q%s (allowed: %s)", what, k.Value, hint, strings.Join(allowed, ", "))
			continue
		}
		out = append(out, field{key: k.Value, keyN: k, value: v})
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// str reads a scalar as text; YAML's `2.1` or `2025-01-01` stay as written.
func (d *decoder) str(n *yaml.Node, what string) string {
	n = resolve(n)
	if isNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s must be a single value", what)
		return ""
	}
	return n.Value
}

// list reads a sequence of nodes; a single scalar counts as a list of one.
func (d *decoder) list(n *yaml.Node, what string) []*yaml.Node {
	n = resolve(n)
	switch {
	case isNull(n):
		return nil
	case n.Kind == yaml.SequenceNode:
		out := make([]*yaml.Node, len(n.Content))
		for i, c := range n.Content {
			out[i] = resolve(c)
		}
		return out
	case n.Kind == yaml.ScalarNode:
		return []*yaml.Node{n}
	}
	d.errorf(n, "%s must be a list", what)
	return nil
}

// names reads a list of permission names, recording where each is.
func (d *decoder) names(n *yaml.Node, what string, at func(name string, n *yaml.Node)) []string {
	var out []string
	for _, c := range d.list(n, what) {
		if c.Kind != yaml.ScalarNode || isNull(c) {
			d.errorf(c, "%s: each entry must be a permission name", what)
			continue
		}
		if strings.TrimSpace(c.Value) == "" {
			d.errorf(c, "%s: empty permission name", what)
			continue
		}
		out = append(out, c.Value)
		at(c.Value, c)
	}
	return out
}

func (d *decoder) integer(n *yaml.Node, what string) int {
	s := d.str(n, what)
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		d.errorf(resolve(n), "%s must be a whole number ≥ 0, not %q", what, s)
		return 0
	}
	return v
}

func (d *decoder) boolean(n *yaml.Node, what string) bool {
	switch s := d.str(n, what); strings.ToLower(s) {
	case "true":
		return true
	case "false":
		return false
	default:
		d.errorf(resolve(n), "%s must be true or false, not %q", what, s)
	}
	return false
}
