package report

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/golden"
	"github.com/permaudit/permaudit/platforms"
)

// repoRoot is the repository's top directory.
var repoRoot = filepath.Join(golden.Dir(), "..", "..")

// pkgFile is a file of this package, wherever the test runs from.
func pkgFile(name string) string {
	return filepath.Join(repoRoot, "audit", "report", name)
}

// testTool is the tool identity every golden carries.
var testTool = audit.Tool{Name: "permaudit", Version: "v0.9.0"}

// testTime stands for SOURCE_DATE_EPOCH=1735689600 in the batch scenario.
var testTime = time.Unix(1735689600, 0).UTC()

// scenario is one golden-file input: a name and the inputs it audits.
type scenario struct {
	name   string
	inputs []string
	time   time.Time
}

var scenarios = []scenario{
	{name: "android", inputs: []string{"testdata/cases/android/misplaced.xml"}},
	{name: "ios", inputs: []string{"testdata/cases/ios/empty-purpose.plist"}},
	{name: "harmonyos", inputs: []string{"testdata/cases/harmony/missing-reason.json5"}},
	{name: "batch", time: testTime, inputs: []string{
		"testdata/examples/im-app",
		"testdata/cases/android/compliant.xml",
		"testdata/cases/android/misplaced.xml",
		"testdata/cases/android/no-internet.xml",
		"testdata/cases/ios/empty-purpose.plist",
		"testdata/cases/harmony/missing-reason.json5",
	}},
	{name: "errors", inputs: []string{
		"testdata/cases/android/compliant.xml",
		"testdata/cases/ios/Info.plist",
		"testdata/cases/harmony/syntax-error.json5",
		"testdata/cases/android/does-not-exist.xml",
	}},
}

var builtinCache struct {
	cs  *audit.Catalogs
	pol *audit.Policy
}

func builtins(t testing.TB) (*audit.Catalogs, *audit.Policy) {
	t.Helper()
	if builtinCache.cs == nil {
		cs, err := audit.BuiltinCatalogs()
		if err != nil {
			t.Fatal(err)
		}
		pol, err := audit.BuiltinPolicy("easemob-im", cs)
		if err != nil {
			t.Fatal(err)
		}
		builtinCache.cs, builtinCache.pol = cs, pol
	}
	return builtinCache.cs, builtinCache.pol
}

// run audits a scenario's inputs the way the CLI does: directories are
// walked, every file is read and evaluated, unreadable inputs are errors.
// It works from the repository root, for the rest of the test, so paths
// in the goldens are repository-relative, as `permaudit audit` run in a
// checkout records them.
func (s scenario) run(t testing.TB) *audit.Result {
	t.Helper()
	t.Chdir(repoRoot)
	cs, pol := builtins(t)
	res := &audit.Result{Tool: testTool, Policies: []*audit.Policy{pol}, FailOn: audit.SeverityError, Time: s.time}
	var files []string
	for _, in := range s.inputs {
		if !platforms.IsDir(in) {
			files = append(files, in)
			continue
		}
		found, err := platforms.Walk(in, platforms.WalkOptions{})
		if err != nil {
			t.Fatalf("walk %s: %v", in, err)
		}
		for _, f := range found {
			if f.Err != nil {
				res.Errors = append(res.Errors, audit.NewInputError(f.Path, f.Err))
				continue
			}
			files = append(files, f.Path)
		}
	}
	for _, path := range files {
		d, err := platforms.Read(path, true)
		if err != nil {
			res.Errors = append(res.Errors, audit.NewInputError(path, err))
			continue
		}
		res.Artifacts = append(res.Artifacts, audit.Evaluate(d, res.Policies, cs))
	}
	sort.SliceStable(res.Errors, func(i, j int) bool { return res.Errors[i].Path < res.Errors[j].Path })
	return res
}

// render writes a result in one format.
func render(t testing.TB, f Format, r *audit.Result) []byte {
	t.Helper()
	var b strings.Builder
	if err := f.Writer.Write(&b, r); err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return []byte(b.String())
}
