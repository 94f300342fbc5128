package cli

import (
	"strings"

	"github.com/spf13/pflag"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms"
)

// searchFlags say how a directory argument is searched; audit, diff and
// sdk-list share them, so one glob syntax and one check serve all three.
type searchFlags struct {
	IncludeAll bool
	Exclude    []string
}

func (s *searchFlags) register(f *pflag.FlagSet) {
	f.BoolVar(&s.IncludeAll, "include-all", false, "in a directory, also search "+strings.Join(platforms.SkippedDirs, ", "))
	f.StringArrayVar(&s.Exclude, "exclude", nil, "in a directory, skip files and directories matching this glob (repeatable)")
}

// check refuses a malformed --exclude glob: a usage error, before any
// input is read.
func (s searchFlags) check() error {
	for _, g := range s.Exclude {
		if _, err := audit.CompileGlob(g); err != nil {
			return usagef("--exclude: %v", err)
		}
	}
	return nil
}

// walk is the search the flags describe.
func (s searchFlags) walk() platforms.WalkOptions {
	return platforms.WalkOptions{IncludeAll: s.IncludeAll, Exclude: s.Exclude}
}
