package cli

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionFromBuildInfo(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.0.0-20260102030405-abcdef123456+dirty"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abcdef1234567890"},
			{Key: "vcs.modified", Value: "true"}, {Key: "vcs.time", Value: "2026-01-02T03:04:05Z"}}}
	tests := []struct {
		name                  string
		version, commit, date string // what ldflags stamped
		info                  *debug.BuildInfo
		want                  []string
	}{
		{"go build in a checkout: all from build info", "dev", "", "", info,
			[]string{"permaudit v0.0.0-20260102030405-abcdef123456+dirty\n", "commit: abcdef1234567890 (modified)\n",
				"built:  2026-01-02T03:04:05Z\n", "go:     go1.26.0\n"}},
		{"go install @version: module version, no VCS", "dev", "", "",
			&debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}},
			[]string{"permaudit v1.4.0\n", "commit: unknown\n", "built:  unknown\n"}},
		{"a release stamps all three and wins", "1.4.0", "0123abc", "2026-03-04T05:06:07Z", info,
			[]string{"permaudit 1.4.0\n", "commit: 0123abc\n", "built:  2026-03-04T05:06:07Z\n"}},
		{"no build info at all", "dev", "", "", nil, []string{"permaudit dev\n", "commit: unknown\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			saved := []string{Version, Commit, Date}
			savedRead := readBuildInfo
			defer func() { Version, Commit, Date, readBuildInfo = saved[0], saved[1], saved[2], savedRead }()
			Version, Commit, Date = tt.version, tt.commit, tt.date
			readBuildInfo = func() (*debug.BuildInfo, bool) { return tt.info, tt.info != nil }
			code, out, _ := runCLI("version")
			if code != 0 {
				t.Fatalf("exit %d", code)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if tt.version == "1.4.0" && strings.Contains(out, "modified") {
				t.Errorf("a stamped release reports the build info's modified flag:\n%s", out)
			}
		})
	}
}
