package report

import (
	"path/filepath"
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
	filter audit.Filter
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
	suppressedScenario,
	// One React Native app: Gradle, Xcode and hvigor projects grouped.
	{name: "project", inputs: []string{"testdata/projects/rn-app"}},
}

// suppressedScenario gates on warnings with a waiver that applies (by
// rule and permission), one that applies by path glob, one that expired,
// one that matches nothing, and a baseline that holds one old finding.
var suppressedScenario = scenario{name: "suppressed",
	inputs: []string{"testdata/cases/android/misplaced.xml", "testdata/cases/ios/empty-purpose.plist"},
	filter: audit.Filter{FailOn: audit.SeverityWarning, Now: time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC),
		Waivers: []audit.Waiver{
			{Rule: audit.RuleBeyondPolicy, Permission: "android.permission.READ_CONTACTS",
				Reason: "contact sync, approved by the privacy review of 2025-03", Expires: day(2026, 12, 31),
				File: ".permaudit.yaml", Line: 4},
			{Rule: audit.RuleMisplaced, Path: "testdata/cases/**/misplaced.xml",
				Reason: "fixture kept broken on purpose", File: ".permaudit.yaml", Line: 9},
			{Rule: audit.RulePurposeEmpty, Permission: "NSCamera*", App: "com.example.*",
				Reason: "camera text ships in 2.1", Expires: day(2025, 3, 31), File: ".permaudit.yaml", Line: 12},
			{Permission: "android.permission.READ_SMS", Reason: "SMS login, dropped in 3.0",
				Expires: day(2026, 1, 31), File: ".permaudit.yaml", Line: 17},
		},
		Baseline: audit.NewBaseline("previous.json", []string{audit.Fingerprint(audit.IOS, "com.example.purpose",
			"ats-arbitrary-loads", "", "NSAppTransportSecurity.NSAllowsArbitraryLoads", "")}),
	}}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

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

// run audits a scenario's inputs through the pipeline the CLI runs
// (scan, evaluate, filter). It works from the repository root, for the
// rest of the test, so paths in the goldens are repository-relative, as
// `permaudit audit` run in a checkout records them.
func (s scenario) run(t testing.TB) *audit.Result {
	t.Helper()
	t.Chdir(repoRoot)
	cs, pol := builtins(t)
	f := s.filter
	if f.FailOn == "" {
		f.FailOn = audit.SeverityError
	}
	run := audit.Run{Tool: testTool, Policies: []*audit.Policy{pol}, Catalogs: cs, Time: s.time, Filter: f}
	res, err := run.Audit(platforms.Find(s.inputs, platforms.ScanOptions{Digest: true}))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// testOptions lay goldens out as on an 80-column terminal without
// colour, with SARIF's roots at a fixed checkout so no machine's
// directory reaches a golden file.
var testOptions = Options{WorkDir: "/checkout", SourceRoot: "/checkout"}

// render writes a result in one format.
func render(t testing.TB, f Format, r *audit.Result) []byte {
	t.Helper()
	var b strings.Builder
	if err := WriterFor(&f, testOptions).Write(&b, r); err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return []byte(b.String())
}
