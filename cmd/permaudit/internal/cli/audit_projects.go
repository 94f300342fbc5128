package cli

import (
	"fmt"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms"
)

// projectScan is what project mode found in the directory arguments:
// the projects that build apps (their files are not audited alone) and
// how many apps each argument yielded.
type projectScan struct {
	projects []platforms.Project
	apps     map[string]int
	scans    []platforms.ProjectScan
}

// groupOf is the cross-platform app a file found in a directory belongs to.
func (s projectScan) groupOf(path string) *audit.AppGroup {
	for _, sc := range s.scans {
		if g := sc.GroupOf(path); g != nil {
			return g
		}
	}
	return nil
}

func (s projectScan) covers(path string) bool {
	for _, p := range s.projects {
		if p.Covers(path) {
			return true
		}
	}
	return false
}

// auditProjects reads every source project under the directory
// arguments as its build would ship and adds each app to the result.
func auditProjects(args []string, wo platforms.WalkOptions, po platforms.ProjectOptions, res *audit.Result, cs *audit.Catalogs) projectScan {
	scan := projectScan{apps: map[string]int{}}
	for _, arg := range args {
		if !platforms.IsDir(arg) {
			continue
		}
		found, err := platforms.FindProjects(arg, wo)
		if err != nil {
			res.Errors = append(res.Errors, audit.NewInputError(arg, err))
		}
		scan.scans = append(scan.scans, found)
		for _, p := range found.Projects {
			decls, err := p.Read(po)
			if err != nil {
				res.Errors = append(res.Errors, p.InputError(err))
				scan.projects = append(scan.projects, p) // its files are broken with it
				scan.apps[arg]++
				continue
			}
			if len(decls) == 0 {
				continue
			}
			scan.projects = append(scan.projects, p)
			scan.apps[arg] += len(decls)
			for _, d := range decls {
				res.Artifacts = append(res.Artifacts, audit.Evaluate(d, res.Policies, cs))
			}
		}
	}
	return scan
}

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
