package policyfile

import (
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/permaudit/permaudit/audit"
)

// StarterOptions shape the file `permaudit policy init` writes.
type StarterOptions struct {
	ID   string // the new policy's id; "my-policy" when empty
	Name string // its name; derived from the base when empty
	// Extend writes `extends: BASE` and no rows of its own instead of a
	// copy of the base's rows.
	Extend bool
	// Blank writes a policy of its own with no rows, for an SDK that has
	// nothing to do with the built-ins; base is not used.
	Blank bool
}

// WriteStarter writes a commented policy file built from base, ready to
// edit; it validates as it is.
func WriteStarter(w io.Writer, base *audit.Policy, opts StarterOptions) error {
	p := *base
	p.ID = opts.ID
	if p.ID == "" {
		p.ID = "my-policy"
	}
	p.Name = opts.Name
	if p.Name == "" {
		p.Name = "My policy, based on " + base.Name
	}
	if opts.Blank {
		p = audit.Policy{ID: p.ID, Name: opts.Name, Version: "1.0"}
		if p.Name == "" {
			p.Name = "My SDK's privacy policy"
		}
	}
	if opts.Extend {
		p.Extends = []string{base.ID}
		p.Rows, p.DataItems, p.Severity = nil, nil, nil
		p.Source = audit.PolicySource{}
		p.Version, p.EffectiveDate = "1.0", ""
	}
	body := policyNode(&p, true)
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{body}}
	origin := fmt.Sprintf("started from the built-in %q (%s)", base.ID, base.Name)
	if opts.Blank {
		origin = "started blank: add the rows your SDK's privacy policy states, and its source"
	}
	doc.HeadComment = strings.TrimSpace(fmt.Sprintf(`
permaudit policy, %s.
Check it with:  permaudit policy validate FILE
Use it with:    permaudit audit --policy FILE PATH...   (--policy repeats: requirements are united)
Editors can check it against policydata/schema/policy.schema.json in the permaudit repository.`, origin))
	body.FootComment = shortFormComment
	if opts.Extend || opts.Blank {
		addEmptyRowsHint(body)
	}
	return encode(w, doc)
}

// shortFormComment documents the short form next to the rows it can
// replace or complement.
const shortFormComment = `The short form lists permissions per platform and level; each entry becomes a row:

android:
  required: [android.permission.CAMERA]
  optional: [{category: location}]           # any permission of the category
  forbidden: [android.permission.READ_CONTACTS]
ios:
  optional: [NSCameraUsageDescription]
harmonyos:
  required: [ohos.permission.INTERNET]

An entry can also be a mapping: {permission: NAME} or {anyOf: [A, B]} or {allOf: [A, B]},
with category, label, purpose, severity (error | warning | note), minTarget, maxTarget,
equivalents: [{fromTarget: 33, anyOf: [...]}] and custom: true for names no catalog lists.

Other keys: extends: [easemob-im] puts another policy's rows first (a built-in id or a path
relative to this file); severity: {beyond-policy: error} changes a rule's severity for the
findings this policy raises.`

func addEmptyRowsHint(doc *yaml.Node) {
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == "rows" {
			doc.Content[i+1].Style = yaml.FlowStyle
		}
	}
}
