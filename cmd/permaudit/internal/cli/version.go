package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// build is what `permaudit version` reports: enough to trace a binary
// back to its source.
type build struct {
	Version  string // module version: v1.2.3, or a pseudo-version, or "dev"
	Commit   string
	Modified bool // built from a work tree with uncommitted changes
	Date     string
	Go       string
}

// readBuildInfo is debug.ReadBuildInfo, replaced in tests.
var readBuildInfo = debug.ReadBuildInfo

// currentBuild takes what a release stamped with -ldflags; what it did not
// stamp comes from the build info Go embeds: the module version (set by
// `go install …@v1.2.3`, a pseudo-version or "(devel)" otherwise) and, for
// `go build` in a git checkout, vcs.revision, vcs.modified and vcs.time.
func currentBuild() build {
	b := build{Version: Version, Commit: Commit, Date: Date}
	info, ok := readBuildInfo()
	if !ok {
		return b
	}
	b.Go = info.GoVersion
	if b.Version == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		b.Version = info.Main.Version
	}
	stamped := Commit != ""
	for _, s := range info.Settings {
		switch {
		case stamped:
		case s.Key == "vcs.revision":
			b.Commit = s.Value
		case s.Key == "vcs.modified":
			b.Modified = s.Value == "true"
		case s.Key == "vcs.time" && b.Date == "":
			b.Date = s.Value
		}
	}
	return b
}

func (b build) String() string {
	s := "permaudit " + b.Version + "\n"
	commit := b.Commit
	if commit == "" {
		commit = "unknown"
	} else if b.Modified {
		commit += " (modified)"
	}
	date := b.Date
	if date == "" {
		date = "unknown"
	}
	s += fmt.Sprintf("commit: %s\nbuilt:  %s\n", commit, date)
	if b.Go != "" {
		s += "go:     " + b.Go + "\n"
	}
	return s
}

func newVersionCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print permaudit's version, commit and build date",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprint(e.stdout, currentBuild())
			return err
		},
	}
}

// toolVersion is the version reports carry (SARIF's tool.driver.version,
// JSON's tool.version): the release or module version, or for a build
// from a checkout a semantic version naming its commit, never "dev".
func toolVersion() string {
	b := currentBuild()
	if b.Version != "dev" && b.Version != "" {
		return b.Version
	}
	if b.Commit == "" {
		return "0.0.0-dev"
	}
	return "0.0.0-dev+" + b.Commit[:min(12, len(b.Commit))]
}
