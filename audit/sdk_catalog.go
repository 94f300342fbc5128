package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/permaudit/permaudit/policydata"
)

// SDK is one entry of the signature catalog (policydata/sdks/*.json): who
// ships it, where its privacy statement is, what it documents it needs,
// and how to recognise it in a package or a source tree.
type SDK struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Vendor        string `json:"vendor"`
	Purpose       string `json:"purpose"`
	PrivacyPolicy string `json:"privacyPolicy,omitempty"`
	// Policy names the built-in policy reproducing the SDK's statement;
	// its dataItems are the data the SDK collects.
	Policy string `json:"policy,omitempty"`
	// Permissions is the documented permission set per platform, only
	// where the vendor documents it (Source says where).
	Permissions         map[Platform][]string `json:"permissions,omitempty"`
	DataItemsFromPolicy bool                  `json:"dataItemsFromPolicy,omitempty"`
	Source              string                `json:"source,omitempty"`
	Recognise           Recognisers           `json:"recognise"`
}

// Recognisers are the names an SDK leaves in an app. Prefixes end where
// the catalog says: "com.hyphenate." matches classes in that package,
// "com.hyphenate" (a dex package) that package and those below it.
type Recognisers struct {
	AndroidComponents []string `json:"androidComponents,omitempty"`
	AndroidMetaData   []string `json:"androidMetaData,omitempty"`
	DexPackages       []string `json:"dexPackages,omitempty"`
	// DexPackagesExcept are packages below DexPackages that a library the
	// SDK does not own also fills (Play services' ads-identifier puts
	// AdvertisingIdClient under com.google.android.gms.ads): a class there
	// proves nothing about the SDK.
	DexPackagesExcept []string `json:"dexPackagesExcept,omitempty"`
	IOSFrameworks     []string `json:"iosFrameworks,omitempty"`
	IOSBundles        []string `json:"iosBundles,omitempty"`
	HarmonyModules    []string `json:"harmonyModules,omitempty"`
	Gradle            []string `json:"gradle,omitempty"`
	CocoaPods         []string `json:"cocoapods,omitempty"`
	SwiftPM           []string `json:"swiftpm,omitempty"`
	Ohpm              []string `json:"ohpm,omitempty"`
}

// SDKCatalog is the loaded signature catalog, in id order.
type SDKCatalog struct {
	SDKs []SDK
	byID map[string]*SDK
}

// Lookup finds an SDK by id.
func (c *SDKCatalog) Lookup(id string) (*SDK, bool) {
	s, ok := c.byID[id]
	return s, ok
}

var builtinSDKs = sync.OnceValues(func() (*SDKCatalog, error) { return loadSDKCatalog(policydata.FS) })

// BuiltinSDKCatalog loads the embedded SDK catalog once, on first use.
func BuiltinSDKCatalog() (*SDKCatalog, error) { return builtinSDKs() }

func loadSDKCatalog(fsys fs.FS) (*SDKCatalog, error) {
	names, err := fs.Glob(fsys, "sdks/*.json")
	if err != nil {
		return nil, err
	}
	c := &SDKCatalog{byID: map[string]*SDK{}}
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var list []SDK
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&list); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		c.SDKs = append(c.SDKs, list...)
	}
	sort.Slice(c.SDKs, func(i, j int) bool { return c.SDKs[i].ID < c.SDKs[j].ID })
	for i := range c.SDKs {
		s := &c.SDKs[i]
		if err := s.validate(); err != nil {
			return nil, fmt.Errorf("sdk %q: %w", s.ID, err)
		}
		if _, dup := c.byID[s.ID]; dup {
			return nil, fmt.Errorf("sdk %q appears twice", s.ID)
		}
		c.byID[s.ID] = s
	}
	return c, nil
}

// validate refuses entries that could match everything or nothing.
func (s *SDK) validate() error {
	if s.ID == "" || s.Name == "" || s.Vendor == "" || s.Purpose == "" {
		return fmt.Errorf("id, name, vendor and purpose are required")
	}
	if len(s.Permissions) > 0 && s.Source == "" {
		return fmt.Errorf("a documented permission set needs its source")
	}
	r := s.Recognise
	n := 0
	for _, list := range [][]string{r.AndroidComponents, r.AndroidMetaData, r.DexPackages, r.IOSFrameworks, r.IOSBundles,
		r.HarmonyModules, r.Gradle, r.CocoaPods, r.SwiftPM, r.Ohpm} {
		for _, v := range list {
			// Short recognisers match unrelated code (Exodus signatures of
			// three letters or fewer are skipped for this reason).
			if len(strings.TrimSpace(v)) < 4 {
				return fmt.Errorf("recogniser %q is too short to be specific", v)
			}
			n++
		}
	}
	if n == 0 {
		return fmt.Errorf("no recognisers")
	}
	for _, x := range r.DexPackagesExcept {
		if !anyPackage(r.DexPackages, x) || anyEqual(r.DexPackages, x) {
			return fmt.Errorf("dexPackagesExcept %q lies below none of dexPackages", x)
		}
	}
	return nil
}
