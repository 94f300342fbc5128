// Package policyfile reads policies written as YAML or JSON files (and
// the built-in ones) into audit.Policy values, resolving extends and
// reporting every problem with its file and line. It also writes
// policies back out: as a starter file, YAML, JSON, Markdown or a table.
package policyfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/permaudit/permaudit/audit"
)

// MaxFileSize caps what is read of a policy file.
const MaxFileSize = 1 << 20

// Load reads the policies named by refs, each a built-in id or a path to
// a .yaml, .yml or .json file; no refs means the default built-in. Every
// problem in every file is returned together as Errors.
func Load(refs []string, cs *audit.Catalogs) ([]*audit.Policy, error) {
	if len(refs) == 0 {
		refs = []string{audit.DefaultPolicyID}
	}
	l := newLoader(cs)
	var out []*audit.Policy
	var errs Errors
	seen := map[string]string{}
	for _, ref := range refs {
		p, err := l.load(ref, "")
		if err != nil {
			errs = appendErr(errs, ref, err)
			continue
		}
		if prev, dup := seen[p.ID]; dup {
			errs = append(errs, &Error{File: ref, Message: fmt.Sprintf("policy id %q is already used by %s; give one of them another id", p.ID, prev)})
			continue
		}
		seen[p.ID] = ref
		out = append(out, p)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// LoadOne reads one policy by reference, as Load does.
func LoadOne(ref string, cs *audit.Catalogs) (*audit.Policy, error) {
	p, err := newLoader(cs).load(ref, "")
	if err != nil {
		return nil, appendErr(nil, ref, err)
	}
	return p, nil
}

// Parse reads one policy document. file names it in errors and anchors
// relative extends paths; built-in ids in extends need no file.
func Parse(file string, raw []byte, cs *audit.Catalogs) (*audit.Policy, error) {
	l := newLoader(cs)
	l.stack = append(l.stack, file)
	p, err := l.parse(file, raw)
	if err != nil {
		return nil, appendErr(nil, file, err)
	}
	return p, nil
}

func appendErr(errs Errors, file string, err error) Errors {
	var list Errors
	var one *Error
	switch {
	case errors.As(err, &list):
		return append(errs, list...)
	case errors.As(err, &one):
		if one.File == "" {
			one.File = file
		}
		return append(errs, one)
	}
	return append(errs, &Error{File: file, Message: err.Error()})
}

// IsBuiltin reports whether ref names an embedded policy rather than a file.
func IsBuiltin(ref string) bool {
	if strings.ContainsAny(ref, `/\`) || filepath.Ext(ref) != "" {
		return false
	}
	for _, id := range audit.BuiltinPolicyIDs() {
		if id == ref {
			return true
		}
	}
	return false
}

type loader struct {
	cs    *audit.Catalogs
	stack []string // files and ids being loaded, to catch extends cycles
	// noGenerated makes built-in ids parse from their JSON (tests, and
	// the generator's reference).
	noGenerated bool
}

func newLoader(cs *audit.Catalogs) *loader { return &loader{cs: cs} }

// load resolves a reference; relTo is the file whose extends named it.
func (l *loader) load(ref, relTo string) (*audit.Policy, error) {
	if p := l.generated(ref); p != nil {
		return p, nil
	}
	key, name, raw, err := l.read(ref, relTo)
	if err != nil {
		return nil, err
	}
	for _, s := range l.stack {
		if s == key {
			return nil, fmt.Errorf("extends loops back to %s (%s)", ref, strings.Join(append(l.stack, key), " → "))
		}
	}
	l.stack = append(l.stack, key)
	defer func() { l.stack = l.stack[:len(l.stack)-1] }()
	return l.parse(name, raw)
}

// read fetches a built-in's or a file's bytes; key identifies it for
// cycle detection, name is what errors call it.
func (l *loader) read(ref, relTo string) (key, name string, raw []byte, err error) {
	if IsBuiltin(ref) {
		raw, err := audit.BuiltinPolicyJSON(ref)
		return "builtin:" + ref, ref + ".json (built-in)", raw, err
	}
	path := ref
	if relTo != "" && !filepath.IsAbs(path) && !strings.HasSuffix(relTo, "(built-in)") {
		path = filepath.Join(filepath.Dir(relTo), path)
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && filepath.Ext(ref) == "" && !strings.ContainsAny(ref, `/\`) {
			return "", "", nil, fmt.Errorf("unknown policy %q (built-in: %s; or give the path of a .yaml or .json file)",
				ref, strings.Join(audit.BuiltinPolicyIDs(), ", "))
		}
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return "", "", nil, &Error{File: path, Message: err.Error()}
	}
	defer f.Close()
	raw, err = io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return "", "", nil, &Error{File: path, Message: err.Error()}
	}
	if len(raw) > MaxFileSize {
		return "", "", nil, &Error{File: path, Message: fmt.Sprintf("larger than %d bytes; a policy is a short document", MaxFileSize)}
	}
	abs, _ := filepath.Abs(path)
	return abs, path, raw, nil
}

// parse decodes, merges what it extends and checks one document.
func (l *loader) parse(name string, raw []byte) (*audit.Policy, error) {
	root, err := parseNode(name, raw)
	if err != nil {
		return nil, err
	}
	d := &decoder{file: name, pos: newPositions(), cs: l.cs}
	doc := d.document(root)
	p := doc.policy
	if len(doc.extends) > 0 && len(d.errs) == 0 {
		d.pos.extendsLine = doc.extendsNode.Line
		var parents []*audit.Policy
		for _, ref := range doc.extends {
			parent, err := l.load(ref, name)
			if err != nil {
				errs := appendErr(nil, name, err)
				return nil, append(Errors{{File: name, Line: doc.extendsNode.Line, Message: "extends " + ref + ": cannot load it"}}, errs...)
			}
			parents = append(parents, parent)
		}
		d.pos.inherited = merge(p, doc.extends, parents)
	}
	// Check the policy even when decoding failed somewhere, so one run
	// lists every mistake; a line that already has a decoding error gets
	// no follow-on complaint.
	bad := map[int]bool{}
	for _, e := range d.errs {
		bad[e.Line] = true
	}
	for _, pr := range p.Check(l.cs) {
		if line := d.pos.line(pr); !bad[line] {
			d.errs = append(d.errs, &Error{File: name, Line: line, Message: problemMessage(pr)})
		}
	}
	if len(d.errs) > 0 {
		sort.SliceStable(d.errs, func(i, j int) bool { return d.errs[i].Line < d.errs[j].Line })
		return nil, d.errs
	}
	return p, nil
}

// merge puts the parents' rows before the child's, adds their data items
// and severities (the child's win) and returns the number of rows it added.
func merge(child *audit.Policy, refs []string, parents []*audit.Policy) int {
	var rows []audit.PolicyRow
	var items []audit.DataItem
	sev := map[string]audit.Severity{}
	for _, parent := range parents {
		for _, r := range parent.Rows {
			if r.InheritedFrom == "" {
				r.InheritedFrom = parent.ID
			}
			rows = append(rows, r)
		}
		for _, it := range parent.DataItems {
			if it.InheritedFrom == "" {
				it.InheritedFrom = parent.ID
			}
			items = append(items, it)
		}
		for k, v := range parent.Severity {
			sev[k] = v
		}
	}
	for k, v := range child.Severity {
		sev[k] = v
	}
	n := len(rows)
	child.Rows = append(rows, child.Rows...)
	child.DataItems = append(items, child.DataItems...)
	if len(sev) > 0 {
		child.Severity = sev
	}
	child.Extends = refs
	return n
}

// parseNode reads a document as JSON when it looks like JSON, else YAML.
func parseNode(name string, raw []byte) (*yaml.Node, error) {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")))
	if len(trimmed) == 0 {
		return nil, &Error{File: name, Message: "empty policy file"}
	}
	if strings.EqualFold(filepath.Ext(strings.TrimSuffix(name, " (built-in)")), ".json") || trimmed[0] == '{' {
		n, err := parseJSON(raw)
		if err != nil {
			var e *Error
			if errors.As(err, &e) {
				e.File = name
			}
			return nil, err
		}
		return n, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, yamlError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		line := extra.Line
		if err != nil {
			return nil, yamlError(name, err)
		}
		return nil, &Error{File: name, Line: line, Message: "more than one YAML document; the file must hold one"}
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return doc.Content[0], nil
	}
	return nil, &Error{File: name, Message: "empty policy file"}
}

// yamlError lifts "yaml: line N: msg" into a line-numbered Error.
func yamlError(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ": "); i > 0 {
			fmt.Sscanf(rest[:i], "%d", &line)
			msg = rest[i+2:]
		}
	}
	return &Error{File: name, Line: line, Message: "YAML: " + msg}
}
