package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/permaudit/permaudit/policydata"
)

// Level is what a policy says about a category on a platform.
type Level string

const (
	LevelRequired  Level = "required"
	LevelOptional  Level = "optional"
	LevelForbidden Level = "forbidden"
)

// Levels lists the levels in the order policy files spell them.
var Levels = []Level{LevelRequired, LevelOptional, LevelForbidden}

// PolicySource names the document a policy reproduces.
type PolicySource struct {
	Title     string `json:"title"`
	Publisher string `json:"publisher,omitempty"`
	Section   string `json:"section,omitempty"`
	URL       string `json:"url,omitempty"`
}

// DataItem is personal information the policy says is collected.
type DataItem struct {
	Item      string     `json:"item"`
	Purpose   string     `json:"purpose"`
	Platforms []Platform `json:"platforms"`
	// InheritedFrom names the policy the item came from through extends.
	InheritedFrom string `json:"inheritedFrom,omitempty"`
}

// Equivalent lets other permissions stand in for a requirement once the
// app targets a level where the platform replaced it (storage → media).
type Equivalent struct {
	FromTarget int      `json:"fromTarget"`
	AnyOf      []string `json:"anyOf"`
}

// Match says which declarations satisfy one row on one platform.
type Match struct {
	// AllOf must all be declared; AnyOf needs one of them.
	AllOf []string `json:"allOf,omitempty"`
	AnyOf []string `json:"anyOf,omitempty"`
	// AnyInCategory lets every permission of the row's category count.
	AnyInCategory bool         `json:"anyInCategory,omitempty"`
	Equivalents   []Equivalent `json:"equivalents,omitempty"`
	// Implicit, when set, says why the platform satisfies the row without
	// any declaration (iOS has no key for network access).
	Implicit string `json:"implicit,omitempty"`
	// MinTarget and MaxTarget limit the row to apps whose target level
	// lies in the range; 0 leaves that end open.
	MinTarget int `json:"minTarget,omitempty"`
	MaxTarget int `json:"maxTarget,omitempty"`
	// Custom says the names are the app's or a vendor's own permissions,
	// which no catalog lists, so they are not checked against one.
	Custom bool `json:"custom,omitempty"`
}

// PolicyRow is one row of a policy's permission table.
type PolicyRow struct {
	Label    string `json:"label"`
	Purpose  string `json:"purpose"`
	Level    Level  `json:"level"`
	Category string `json:"category"`
	// Severity, when set, replaces the default severity of every finding
	// the row raises (required-missing, forbidden-declared, …).
	Severity  Severity            `json:"severity,omitempty"`
	Platforms map[Platform]*Match `json:"platforms"`
	// InheritedFrom names the policy the row came from through extends.
	InheritedFrom string `json:"inheritedFrom,omitempty"`
}

// Policy is a privacy policy's permission matrix as data.
type Policy struct {
	ID            string       `json:"id"`
	Name          string       `json:"name"`
	Version       string       `json:"version"`
	EffectiveDate string       `json:"effectiveDate"`
	Source        PolicySource `json:"source"`
	// Extends lists the policies whose rows come first; the loader in
	// audit/policyfile resolves them into Rows.
	Extends []string `json:"extends,omitempty"`
	// Severity overrides rule ids' default severities for the findings
	// this policy raises.
	Severity map[string]Severity `json:"severity,omitempty"`
	// AppliesTo limits the policy to apps that embed an SDK.
	AppliesTo *PolicyScope `json:"appliesTo,omitempty"`
	DataItems []DataItem   `json:"dataItems,omitempty"`
	Rows      []PolicyRow  `json:"rows"`
}

// Requirement is one row as it applies to one platform.
type Requirement struct {
	Row int
	*PolicyRow
	Platform Platform
	Match    *Match
}

// Requirements lists the rows that apply to a platform, in row order.
func (p *Policy) Requirements(pl Platform) []Requirement {
	var out []Requirement
	for i := range p.Rows {
		r := &p.Rows[i]
		if m, ok := r.Platforms[pl]; ok && m != nil {
			out = append(out, Requirement{Row: i + 1, PolicyRow: r, Platform: pl, Match: m})
		}
	}
	return out
}

// Names lists every permission name the match mentions.
func (m *Match) Names() []string {
	out := append(append([]string{}, m.AllOf...), m.AnyOf...)
	for _, e := range m.Equivalents {
		out = append(out, e.AnyOf...)
	}
	return out
}

// AppliesTo reports whether the row applies at a target level; an
// unknown target (0) only meets a row without a range.
func (m *Match) AppliesTo(target int) bool {
	if m.MinTarget == 0 && m.MaxTarget == 0 {
		return true
	}
	if target == 0 {
		return false
	}
	return target >= m.MinTarget && (m.MaxTarget == 0 || target <= m.MaxTarget)
}

// TargetRange describes MinTarget/MaxTarget in words; "" when open.
func (m *Match) TargetRange() string {
	switch {
	case m.MinTarget > 0 && m.MaxTarget > 0:
		return fmt.Sprintf("target %d to %d", m.MinTarget, m.MaxTarget)
	case m.MinTarget > 0:
		return fmt.Sprintf("target %d and later", m.MinTarget)
	case m.MaxTarget > 0:
		return fmt.Sprintf("target %d and earlier", m.MaxTarget)
	}
	return ""
}

// Platforms lists the platforms the policy speaks about, in report order.
func (p *Policy) Platforms() []Platform {
	var out []Platform
	for _, pl := range Platforms {
		if len(p.Requirements(pl)) > 0 {
			out = append(out, pl)
		}
	}
	return out
}

// DefaultPolicyID is the policy used when the user names none.
const DefaultPolicyID = "easemob-im"

// BuiltinPolicyIDs lists the embedded policies, sorted.
func BuiltinPolicyIDs() []string {
	names, _ := fs.Glob(policydata.FS, "policies/*.json")
	ids := make([]string, 0, len(names))
	for _, n := range names {
		ids = append(ids, strings.TrimSuffix(path.Base(n), ".json"))
	}
	sort.Strings(ids)
	return ids
}

// BuiltinPolicyJSON returns an embedded policy's bytes.
func BuiltinPolicyJSON(id string) ([]byte, error) {
	raw, err := fs.ReadFile(policydata.FS, "policies/"+id+".json")
	if err != nil || strings.ContainsAny(id, "/\\") {
		return nil, fmt.Errorf("unknown policy %q (built-in: %s)", id, strings.Join(BuiltinPolicyIDs(), ", "))
	}
	return raw, nil
}

// BuiltinPolicy loads an embedded policy by id and validates it.
func BuiltinPolicy(id string, cs *Catalogs) (*Policy, error) {
	raw, err := BuiltinPolicyJSON(id)
	if err != nil {
		return nil, err
	}
	p, err := ParsePolicyJSON(raw, cs)
	if err != nil {
		return nil, fmt.Errorf("built-in policy %s: %w", id, err)
	}
	return p, nil
}

// ParsePolicyJSON decodes a policy in permaudit's JSON shape, refusing
// unknown keys, and validates it against the catalogs. It neither
// resolves extends nor reports lines: audit/policyfile does both.
func ParsePolicyJSON(raw []byte, cs *Catalogs) (*Policy, error) {
	p := &Policy{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(p); err != nil {
		return nil, err
	}
	return p, p.Validate(cs)
}

// Validate rejects a policy that could never be evaluated as written; it
// returns every problem Check finds, one per line.
func (p *Policy) Validate(cs *Catalogs) error {
	var errs []error
	for _, pr := range p.Check(cs) {
		errs = append(errs, errors.New(pr.String()))
	}
	return errors.Join(errs...)
}
