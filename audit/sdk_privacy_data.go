package audit

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/permaudit/permaudit/policydata"
)

// DataTypeRule maps policy data items, by words in their text, to the
// NSPrivacyCollectedDataType values any one of which declares them.
type DataTypeRule struct {
	Match []string `json:"match"`
	AnyOf []string `json:"anyOf"`
	Why   string   `json:"why"`
}

// applePrivacy is Apple's data the privacy-manifest checks rely on.
type applePrivacy struct {
	DataTypes  []DataTypeRule
	CommonSDKs map[string]bool
}

var builtinApplePrivacy = sync.OnceValues(func() (*applePrivacy, error) {
	var types struct {
		Rules []DataTypeRule `json:"rules"`
	}
	var common struct {
		SDKs []string `json:"sdks"`
	}
	for name, dst := range map[string]any{"privacy/apple-data-types.json": &types, "privacy/apple-commonly-used-sdks.json": &common} {
		raw, err := fs.ReadFile(policydata.FS, name)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(raw, dst); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	ap := &applePrivacy{DataTypes: types.Rules, CommonSDKs: map[string]bool{}}
	for _, s := range common.SDKs {
		ap.CommonSDKs[s] = true
	}
	return ap, nil
})

// DataTypesFor lists, for one data item, the alternatives that declare
// it: each element is a set of types any one of which will do, with why.
func (ap *applePrivacy) DataTypesFor(item string) []DataTypeRule {
	text := strings.ToLower(item)
	var out []DataTypeRule
	covered := map[string]bool{}
	for _, r := range ap.DataTypes {
		for _, m := range r.Match {
			if strings.Contains(text, m) {
				key := strings.Join(r.AnyOf, "|")
				if !covered[key] {
					covered[key] = true
					out = append(out, r)
				}
				break
			}
		}
	}
	return out
}
