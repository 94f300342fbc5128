package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/permaudit/permaudit/platforms/archive"
)

// limitFlags bound what one input may cost (see archive.Limits); the
// defaults refuse zip bombs, and a trusted, unusually large package can
// be given more room.
type limitFlags struct {
	Inflate     string
	Entries     int
	Packages    int
	InflateTime time.Duration
}

func (l *limitFlags) register(cmd *cobra.Command) {
	f, d := cmd.Flags(), archive.DefaultLimits
	f.StringVar(&l.Inflate, "max-inflate", archive.FormatBytes(d.Inflate), "most bytes read out of one input's zip entries, nested packages included (e.g. 4GiB)")
	f.IntVar(&l.Entries, "max-entries", d.Entries, "most zip entries in one input, nested packages included")
	f.IntVar(&l.Packages, "max-packages", d.Packages, "most packages nested in one input (splits in an .apks, HAPs in an .app)")
	f.DurationVar(&l.InflateTime, "max-inflate-time", d.InflateTime, "most time spent reading one input's zip entries")
}

func (l limitFlags) parse() (archive.Limits, error) {
	inflate, err := archive.ParseBytes(l.Inflate)
	if err != nil {
		return archive.Limits{}, fmt.Errorf("--max-inflate: %w", err)
	}
	switch {
	case l.Entries <= 0:
		return archive.Limits{}, fmt.Errorf("--max-entries must be at least 1")
	case l.Packages < 0:
		return archive.Limits{}, fmt.Errorf("--max-packages must not be negative")
	case l.InflateTime <= 0:
		return archive.Limits{}, fmt.Errorf("--max-inflate-time must be positive")
	}
	return archive.Limits{Inflate: inflate, Entries: l.Entries, Packages: l.Packages, InflateTime: l.InflateTime}, nil
}
