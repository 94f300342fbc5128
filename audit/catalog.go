package audit

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/permaudit/permaudit/policydata"
)

// CategoryOther is where a name nobody catalogued lands.
const CategoryOther = "other"

// CatalogEntry is what permaudit knows about one permission or key.
type CatalogEntry struct {
	Name string `json:"name"`
	// Form restricts the entry to one declaration form (iOS keys and
	// background modes share a namespace otherwise); empty matches any.
	Form        Form   `json:"form,omitempty"`
	Category    string `json:"category"`
	Description string `json:"description,omitempty"`
	// Android: protectionLevel; HarmonyOS: grantMode and APL.
	Protection string `json:"protection,omitempty"`
	GrantMode  string `json:"grantMode,omitempty"`
	APL        string `json:"apl,omitempty"`
	// AddedIn is the API level (Android, HarmonyOS) or OS version (iOS).
	AddedIn    string `json:"addedIn,omitempty"`
	Deprecated string `json:"deprecated,omitempty"`
	// DeprecatedFrom, when set, is the level (target, or iOS deployment
	// target) from which an app no longer needs the deprecated name;
	// below it the name is still the right one to declare.
	DeprecatedFrom string `json:"deprecatedFrom,omitempty"`
	// IneffectiveFromTarget: from this target level on the platform ignores
	// the permission (WRITE_EXTERNAL_STORAGE from 30).
	IneffectiveFromTarget int `json:"ineffectiveFromTarget,omitempty"`
	// Requires lists names that must all be declared alongside this one,
	// RequiresAnyOf names of which one must be; RequiresRule is the rule
	// id reported when they are not. RequiresFrom, when set, limits the
	// pairing to apps from that level on: the target level on Android and
	// HarmonyOS, the deployment target on iOS.
	Requires      []string `json:"requires,omitempty"`
	RequiresAnyOf []string `json:"requiresAnyOf,omitempty"`
	RequiresRule  string   `json:"requiresRule,omitempty"`
	RequiresFrom  string   `json:"requiresFrom,omitempty"`
	Source        string   `json:"source"`
}

// Source is a document a catalog or policy cites.
type Source struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}

// Catalog is one platform's list of known permissions.
type Catalog struct {
	Platform Platform `json:"platform"`
	Sources  []Source `json:"sources"`
	// Entries are sorted by form, then name (LoadCatalogs insists), so a
	// lookup is a binary search and a catalog needs no index built at start.
	Entries []CatalogEntry `json:"permissions"`
}

// Category describes one category name used by catalogs and policies.
type Category struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

// Catalogs is the set of per-platform catalogs plus the category list.
type Catalogs struct {
	Categories []Category
	ByPlatform map[Platform]*Catalog
}

// Lookup finds the entry for a name declared in a form; a form-specific
// entry wins over a generic one.
func (c *Catalog) Lookup(form Form, name string) (*CatalogEntry, bool) {
	if c == nil {
		return nil, false
	}
	if e, ok := c.find(form, name); ok {
		return e, true
	}
	return c.find("", name)
}

func (c *Catalog) find(form Form, name string) (*CatalogEntry, bool) {
	i := sort.Search(len(c.Entries), func(i int) bool { return !entryBefore(&c.Entries[i], form, name) })
	if i < len(c.Entries) && c.Entries[i].Form == form && c.Entries[i].Name == name {
		return &c.Entries[i], true
	}
	return nil, false
}

// entryBefore orders entries by form, then name.
func entryBefore(e *CatalogEntry, form Form, name string) bool {
	return e.Form < form || e.Form == form && e.Name < name
}

// check rejects duplicates, entries out of order and unknown sources.
func (c *Catalog) check() error {
	sources := map[string]bool{}
	for _, s := range c.Sources {
		sources[s.ID] = true
	}
	for i := range c.Entries {
		e := &c.Entries[i]
		if i > 0 {
			prev := &c.Entries[i-1]
			if prev.Form == e.Form && prev.Name == e.Name {
				return fmt.Errorf("%s catalog: duplicate entry %q", c.Platform, e.Name)
			}
			if !entryBefore(prev, e.Form, e.Name) {
				return fmt.Errorf("%s catalog: %q (form %q) must come before %q (form %q): entries are sorted by form, then name",
					c.Platform, e.Name, e.Form, prev.Name, prev.Form)
			}
		}
		if !sources[e.Source] {
			return fmt.Errorf("%s catalog: %q cites unknown source %q", c.Platform, e.Name, e.Source)
		}
	}
	return nil
}

// Category returns the category of a declared name, CategoryOther when unknown.
func (cs *Catalogs) Category(p Platform, form Form, name string) string {
	if e, ok := cs.ByPlatform[p].Lookup(form, name); ok {
		return e.Category
	}
	return CategoryOther
}

// KnownCategory reports whether name is a category of the list.
func (cs *Catalogs) KnownCategory(name string) bool {
	for _, c := range cs.Categories {
		if c.Name == name {
			return true
		}
	}
	return false
}

var (
	builtinOnce     sync.Once
	builtinCatalogs *Catalogs
	builtinErr      error
)

// BuiltinCatalogs returns the embedded catalogs: compiled in from
// policydata by go generate (catalogs_gen.go), or, in a build with
// -tags permaudit_nogen, decoded from its JSON once.
func BuiltinCatalogs() (*Catalogs, error) {
	if generatedCatalogs != nil {
		return generatedCatalogs, nil
	}
	builtinOnce.Do(func() { builtinCatalogs, builtinErr = LoadCatalogs(policydata.FS) })
	return builtinCatalogs, builtinErr
}

// LoadCatalogs reads categories.json and catalogs/*.json from fsys and
// checks that every entry's category and source are known.
func LoadCatalogs(fsys fs.FS) (*Catalogs, error) {
	cs := &Catalogs{ByPlatform: map[Platform]*Catalog{}}
	raw, err := fs.ReadFile(fsys, "categories.json")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &cs.Categories); err != nil {
		return nil, fmt.Errorf("categories.json: %w", err)
	}
	names, err := fs.Glob(fsys, "catalogs/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, n := range names {
		raw, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		c := &Catalog{}
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(c); err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		if err := c.check(); err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		for _, e := range c.Entries {
			if !cs.KnownCategory(e.Category) {
				return nil, fmt.Errorf("%s: %q has unknown category %q", n, e.Name, e.Category)
			}
		}
		cs.ByPlatform[c.Platform] = c
	}
	return cs, nil
}
