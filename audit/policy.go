package audit

import (
	"bytes"
	"encoding/json"
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
}

// PolicyRow is one row of a policy's permission table.
type PolicyRow struct {
	Label     string              `json:"label"`
	Purpose   string              `json:"purpose"`
	Level     Level               `json:"level"`
	Category  string              `json:"category"`
	Platforms map[Platform]*Match `json:"platforms"`
}

// Policy is a privacy policy's permission matrix as data.
type Policy struct {
	ID            string       `json:"id"`
	Name          string       `json:"name"`
	Version       string       `json:"version"`
	EffectiveDate string       `json:"effectiveDate"`
	Source        PolicySource `json:"source"`
	DataItems     []DataItem   `json:"dataItems,omitempty"`
	Rows          []PolicyRow  `json:"rows"`
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
		if m, ok := r.Platforms[pl]; ok {
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

// BuiltinPolicy loads an embedded policy by id and validates it.
func BuiltinPolicy(id string, cs *Catalogs) (*Policy, error) {
	raw, err := fs.ReadFile(policydata.FS, "policies/"+id+".json")
	if err != nil {
		return nil, fmt.Errorf("unknown policy %q (built-in: %s)", id, strings.Join(BuiltinPolicyIDs(), ", "))
	}
	return ParsePolicyJSON(raw, cs)
}

// ParsePolicyJSON decodes a policy in permaudit's JSON shape, refusing
// unknown keys, and validates it against the catalogs.
func ParsePolicyJSON(raw []byte, cs *Catalogs) (*Policy, error) {
	p := &Policy{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(p); err != nil {
		return nil, err
	}
	return p, p.Validate(cs)
}

// Validate rejects rows that could never be evaluated.
func (p *Policy) Validate(cs *Catalogs) error {
	if p.ID == "" {
		return fmt.Errorf("policy has no id")
	}
	for i, r := range p.Rows {
		where := fmt.Sprintf("policy %s row %d (%s)", p.ID, i+1, r.Label)
		switch r.Level {
		case LevelRequired, LevelOptional, LevelForbidden:
		default:
			return fmt.Errorf("%s: unknown level %q", where, r.Level)
		}
		if !cs.KnownCategory(r.Category) {
			return fmt.Errorf("%s: unknown category %q", where, r.Category)
		}
		if len(r.Platforms) == 0 {
			return fmt.Errorf("%s: names no platform", where)
		}
		for pl, m := range r.Platforms {
			if _, ok := cs.ByPlatform[pl]; !ok {
				return fmt.Errorf("%s: unknown platform %q", where, pl)
			}
			if m == nil || (len(m.AllOf) == 0 && len(m.AnyOf) == 0 && !m.AnyInCategory && m.Implicit == "") {
				return fmt.Errorf("%s: %s names no permission", where, pl)
			}
		}
	}
	return nil
}
