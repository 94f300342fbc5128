package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit/golden"
)

// goldenExt is the file extension of each format's golden files. A format
// missing here fails TestEveryFormatHasGoldens.
var goldenExt = map[string]string{
	"table": "txt", "json": "json", "sarif": "sarif", "junit": "junit.xml",
	"markdown": "md", "html": "html", "csv": "csv", "jsonl": "jsonl",
}

// goldenName is testdata/golden/report/<scenario>.<ext>.
func goldenName(scenario, format string) string {
	return filepath.Join("report", scenario+"."+goldenExt[format])
}

// TestGoldens renders every scenario in every registered format.
// UPDATE_GOLDEN=1 rewrites the files.
func TestGoldens(t *testing.T) {
	for _, s := range scenarios {
		r := s.run(t)
		for _, f := range Formats {
			if _, ok := goldenExt[f.Name]; !ok {
				continue // reported by TestEveryFormatHasGoldens
			}
			t.Run(s.name+"/"+f.Name, func(t *testing.T) {
				golden.Check(t, goldenName(s.name, f.Name), render(t, f, r))
			})
		}
	}
}

// TestEveryFormatHasGoldens is the convention: a registered format has a
// golden file for every scenario, and no golden file belongs to no format.
func TestEveryFormatHasGoldens(t *testing.T) {
	if os.Getenv("UPDATE_GOLDEN") != "" {
		t.Skip("goldens are being rewritten")
	}
	want := map[string]bool{"screenshot.png": true}
	for _, f := range Formats {
		if _, ok := goldenExt[f.Name]; !ok {
			t.Errorf("format %q has no golden extension in goldenExt, so no golden files", f.Name)
			continue
		}
		for _, s := range scenarios {
			name := goldenName(s.name, f.Name)
			want[filepath.Base(name)] = true
			if _, err := os.Stat(filepath.Join(golden.Dir(), name)); err != nil {
				t.Errorf("format %q lacks its %s golden: %v", f.Name, s.name, err)
			}
		}
	}
	entries, err := os.ReadDir(filepath.Join(golden.Dir(), "report"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("testdata/golden/report/%s belongs to no registered format and scenario", e.Name())
		}
	}
}

// TestReproducible: two runs on the same input give byte-identical
// reports, and the time of the audit appears only when the run has one.
func TestReproducible(t *testing.T) {
	for _, f := range Formats {
		t.Run(f.Name, func(t *testing.T) {
			r := scenarios[0].run(t)
			a, b := render(t, f, r), render(t, f, scenarios[0].run(t))
			if !bytes.Equal(a, b) {
				t.Fatal("two renders of the same result differ")
			}
			for _, stamp := range []string{"2025-01-01", "1735689600"} {
				if bytes.Contains(a, []byte(stamp)) {
					t.Errorf("report without a time mentions %s", stamp)
				}
			}
			r.Time = testTime
			if f.Name != "table" && !bytes.Contains(render(t, f, r), []byte("2025-01-01T00:00:00")) {
				t.Errorf("report with a time does not record it")
			}
		})
	}
}

// TestAuditTrail: every format names the tool version, the policy and
// the artifact digests.
func TestAuditTrail(t *testing.T) {
	r := handResult(t)
	for _, f := range Formats {
		if f.Name == "table" {
			continue // the terminal view; the files carry the trail
		}
		t.Run(f.Name, func(t *testing.T) {
			out := string(render(t, f, r))
			for _, want := range []string{"0.9.0", "easemob-im", "2024-11-01",
				r.Artifacts[0].Artifact.SHA256, r.Artifacts[1].Artifact.SHA256} {
				if !strings.Contains(out, want) {
					t.Errorf("%s report lacks %q", f.Name, want)
				}
			}
		})
	}
}

// TestEmptyResult: no artifact and no error still gives a valid report in
// every format (a directory with nothing in it, for instance). A jsonl
// stream of no input is no line: empty, so it concatenates with others.
func TestEmptyResult(t *testing.T) {
	r := &scenario{}
	res := r.run(t)
	for _, f := range Formats {
		if empty := len(render(t, f, res)) == 0; empty != (f.Name == "jsonl") {
			t.Errorf("%s: empty output is %t", f.Name, empty)
		}
	}
}
