package cli

import (
	"fmt"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms"
)

// projectOptions reads --variant, --configuration, --min-level and --target-level.
func projectOptions(opts auditOptions) (platforms.ProjectOptions, error) {
	po := platforms.ProjectOptions{Variant: opts.Variant, Config: opts.Configuration}
	var err error
	if po.MinLevel, err = levelOverrides("--min-level", opts.MinLevels); err != nil {
		return po, err
	}
	po.TargetLevel, err = levelOverrides("--target-level", opts.TargetLevels)
	return po, err
}

func levelOverrides(flag string, specs []string) (map[audit.Platform]string, error) {
	out := map[audit.Platform]string{}
	for _, spec := range specs {
		name, level, ok := strings.Cut(spec, "=")
		level = strings.TrimSpace(level)
		p, known := platformByName(strings.TrimSpace(name))
		if !ok || !known || level == "" {
			return nil, fmt.Errorf("%s %q: want PLATFORM=LEVEL, PLATFORM one of android, ios, harmonyos (e.g. android=24, ios=15.0, harmonyos=12)", flag, spec)
		}
		out[p] = level
	}
	return out, nil
}

func platformByName(s string) (audit.Platform, bool) {
	for _, p := range audit.Platforms {
		if strings.EqualFold(s, string(p)) || strings.EqualFold(s, p.Title()) {
			return p, true
		}
	}
	return "", false
}
