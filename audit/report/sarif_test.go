package report

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/golden"
)

func sarifOf(t *testing.T, r *audit.Result) sarifLog {
	t.Helper()
	f, _ := Lookup("sarif")
	var log sarifLog
	if err := json.Unmarshal(render(t, *f, r), &log); err != nil {
		t.Fatal(err)
	}
	return log
}

func TestSARIFRules(t *testing.T) {
	log := sarifOf(t, handResult(t))
	if log.Version != "2.1.0" || log.Schema == "" || len(log.Runs) != 1 {
		t.Fatalf("header: version %q schema %q runs %d", log.Version, log.Schema, len(log.Runs))
	}
	d := log.Runs[0].Tool.Driver
	if d.Name != "permaudit" || d.Version != "0.9.0" || d.SemanticVersion != "0.9.0" || d.InformationURI == "" {
		t.Errorf("driver %+v", d)
	}
	ids := map[string]bool{}
	for _, r := range d.Rules {
		ids[r.ID] = true
		switch {
		case r.Name == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "":
			t.Errorf("rule %s lacks name or descriptions", r.ID)
		case r.Help.Text == "" || r.Help.Markdown == "":
			t.Errorf("rule %s lacks help", r.ID)
		case r.DefaultConfiguration.Level == "" || len(r.Properties.Tags) == 0:
			t.Errorf("rule %s lacks level or tags", r.ID)
		case !regexp.MustCompile(`^([A-Z][a-z0-9]+)+$`).MatchString(r.Name):
			t.Errorf("rule %s name %q is not PascalCase", r.ID, r.Name)
		}
		if r.Properties.SecuritySeverity != "" && !contains(r.Properties.Tags, "security") {
			t.Errorf("rule %s has a security-severity but no security tag", r.ID)
		}
	}
	for _, ri := range audit.Rules {
		if !ids[ri.ID] {
			t.Errorf("rule %s missing from the driver", ri.ID)
		}
	}
	if !ids["package-prepended-data"] {
		t.Error("a parser's rule id seen in a finding has no rule entry")
	}
	if !strings.Contains(d.Rules[0].Help.Markdown, "```") || strings.Contains(d.Rules[0].Help.Text, "```") {
		t.Error("help.markdown should keep the code fence and help.text drop it")
	}
}

func TestSARIFResults(t *testing.T) {
	r := handResult(t)
	run := sarifOf(t, r).Runs[0]
	if len(run.Artifacts) != 4 {
		t.Fatalf("%d artifacts, want the manifest, the APK and its two entries", len(run.Artifacts))
	}
	apk := run.Artifacts[1] // sorted by path: app/src/… before build/…, then the APK's entries
	if apk.Location.URI != "build/out%20dir/app-release%20%231.apk" || apk.Location.URIBaseID != "%SRCROOT%" {
		t.Errorf("apk location %+v", apk.Location)
	}
	if apk.Hashes["sha-256"] != r.Artifacts[0].Artifact.SHA256 || apk.Length != 1234567 {
		t.Errorf("apk digest/length %+v", apk)
	}
	total := 0
	for _, a := range r.Artifacts {
		total += len(a.Findings)
	}
	if len(run.Results) != total {
		t.Fatalf("%d results for %d findings", len(run.Results), total)
	}
	for i, res := range run.Results {
		rule := run.Tool.Driver.Rules[res.RuleIndex]
		switch {
		case rule.ID != res.RuleID:
			t.Errorf("result %d: ruleIndex %d is %s, ruleId %s", i, res.RuleIndex, rule.ID, res.RuleID)
		case res.Message.Text == "" || res.Level == "":
			t.Errorf("result %d lacks message or level", i)
		case len(res.Locations) == 0 || len(res.Locations) > 10:
			t.Errorf("result %d has %d locations", i, len(res.Locations))
		case !strings.HasPrefix(res.PartialFingerprints[fingerprintKey], audit.FingerprintVersion+":"):
			t.Errorf("result %d fingerprints %v", i, res.PartialFingerprints)
		}
		pl := res.Locations[0].PhysicalLocation
		if pl.Region == nil || pl.Region.StartLine < 1 {
			t.Errorf("result %d: GitHub needs region.startLine", i)
		}
		if pl.ArtifactLocation.Index == nil {
			t.Fatalf("result %d: no artifact index", i)
		}
		at := run.Artifacts[*pl.ArtifactLocation.Index]
		if at.ParentIndex != nil { // an entry: the URI is its package's
			at = run.Artifacts[*at.ParentIndex]
		}
		if at.Location.URI != pl.ArtifactLocation.URI {
			t.Errorf("result %d: artifact index does not match its URI", i)
		}
		if res.Properties.Entry != "" && !strings.Contains(res.Message.Text, res.Properties.Entry) {
			t.Errorf("result %d: a package finding must name its entry in the message: %q", i, res.Message.Text)
		}
		if e := res.Properties.Entry; e != "" {
			nested := run.Artifacts[*pl.ArtifactLocation.Index]
			if nested.Location.URI != url.PathEscape(e) || nested.ParentIndex == nil {
				t.Errorf("result %d: entry %s is not a nested artifact of its package: %+v", i, e, nested)
			}
		}
	}
	// A source manifest's finding sits on its line.
	found := false
	for _, res := range run.Results {
		if res.RuleID == audit.RuleMisplaced && strings.HasPrefix(res.Locations[0].PhysicalLocation.ArtifactLocation.URI, "app/") {
			found = true
			if got := res.Locations[0].PhysicalLocation.Region.StartLine; got != 9 {
				t.Errorf("misplaced CAMERA on line %d, want 9", got)
			}
		}
	}
	if !found {
		t.Error("no permission-misplaced result on the source manifest")
	}
	if run.OriginalURIBaseIDs[srcRoot].URI != "file:///checkout/" {
		t.Errorf("originalUriBaseIds %+v", run.OriginalURIBaseIDs)
	}
	inv := run.Invocations[0]
	if inv.WorkingDirectory == nil || inv.WorkingDirectory.URI != "file:///checkout/" {
		t.Errorf("workingDirectory %+v", inv.WorkingDirectory)
	}
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 || inv.StartTimeUTC != "" {
		t.Errorf("invocation %+v", inv)
	}
	if n := inv.ToolExecutionNotifications[0]; n.Level != "error" || !strings.Contains(n.Message.Text, "Payload/App.app/Info.plist") {
		t.Errorf("notification %+v", n)
	}
	r.Time = testTime
	if got := sarifOf(t, r).Runs[0].Invocations[0].StartTimeUTC; got != "2025-01-01T00:00:00Z" {
		t.Errorf("startTimeUtc %q", got)
	}
}

func TestArtifactURI(t *testing.T) {
	checkout := sarifRoots{wd: "/checkout", root: "/checkout"}
	sub := sarifRoots{wd: "/checkout/app", root: "/checkout"} // --source-root above the working directory
	tests := []struct {
		roots           sarifRoots
		path, uri, base string
		ok              bool
	}{
		{checkout, "app/src/main/AndroidManifest.xml", "app/src/main/AndroidManifest.xml", "%SRCROOT%", true},
		{checkout, "./ios/Runner/Info.plist", "ios/Runner/Info.plist", "%SRCROOT%", true},
		{checkout, "out dir/a#b?c%.apk", "out%20dir/a%23b%3Fc%25.apk", "%SRCROOT%", true},
		{checkout, "中文/模块.json5", "%E4%B8%AD%E6%96%87/%E6%A8%A1%E5%9D%97.json5", "%SRCROOT%", true},
		{checkout, "c:odd/file.xml", "c%3Aodd/file.xml", "%SRCROOT%", true},
		{checkout, "/checkout/build/app.apk", "build/app.apk", "%SRCROOT%", true},
		{checkout, "../sibling/AndroidManifest.xml", "../sibling/AndroidManifest.xml", "%SRCROOT%", true},
		{checkout, "/abs/path/app.apk", "../abs/path/app.apk", "%SRCROOT%", true},
		{sub, "src/main/AndroidManifest.xml", "app/src/main/AndroidManifest.xml", "%SRCROOT%", true},
		{sub, "../ios/Info.plist", "ios/Info.plist", "%SRCROOT%", true},
		{checkout, "", "", "", false},
		{checkout, "-", "", "", false},
	}
	for _, tt := range tests {
		loc, ok := tt.roots.artifactURI(tt.path)
		if ok != tt.ok || loc.URI != tt.uri || loc.URIBaseID != tt.base {
			t.Errorf("artifactURI(%q) = %+v, %v; want %q %q %v", tt.path, loc, ok, tt.uri, tt.base, tt.ok)
		}
	}
	if got := entryURI("split_camera.apk!AndroidManifest.xml").URI; got != "split_camera.apk%21AndroidManifest.xml" {
		t.Errorf("entry URI %q", got)
	}
	if got := dirURI("/checkout/my app").URI; got != "file:///checkout/my%20app/" {
		t.Errorf("dirURI %q", got)
	}
}

func TestStrictPascal(t *testing.T) {
	for in, want := range map[string]string{"IOSBundleUnread": "IosBundleUnread", "HarmonyACLRequired": "HarmonyAclRequired",
		"HarmonyACL": "HarmonyAcl", "BeyondPolicy": "BeyondPolicy", "X": "X", "": ""} {
		if got := strictPascal(in); got != want {
			t.Errorf("strictPascal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSemanticVersion(t *testing.T) {
	for in, want := range map[string]string{"v1.2.3": "1.2.3", "1.2.3-rc.1+abc": "1.2.3-rc.1+abc", "dev": "", "1.2": "", "v01.2.3": ""} {
		if got := semanticVersion(in); got != want {
			t.Errorf("semanticVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

// sarifValidatorConfig turns on the validator's GitHub rules, which are
// off by default.
var sarifValidatorConfig = pkgFile("testdata/sarif-github.config.xml")

// TestSARIFValidator runs Microsoft's SARIF validator, with GitHub's rules,
// over every golden SARIF file and over the hand-built result. It needs
// `npm install -g @microsoft/sarif-multitool` and skips without it.
func TestSARIFValidator(t *testing.T) {
	tool, err := exec.LookPath("sarif-multitool")
	if err != nil {
		t.Skip("sarif-multitool not on PATH (npm install -g @microsoft/sarif-multitool)")
	}
	files, _ := filepath.Glob(filepath.Join(golden.Dir(), "report", "*.sarif"))
	if len(files) < len(scenarios) {
		t.Fatalf("found %d golden SARIF files, want %d", len(files), len(scenarios))
	}
	extra := filepath.Join(t.TempDir(), "hand-built.sarif")
	f, _ := Lookup("sarif")
	if err := os.WriteFile(extra, render(t, *f, handResult(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	// The same result audited by absolute paths outside the source root,
	// as a CI job that names /tmp/build/app.apk writes it.
	outside := handResult(t)
	for i := range outside.Artifacts {
		outside.Artifacts[i].Artifact.Path = "/elsewhere/" + outside.Artifacts[i].Artifact.Path
	}
	abs := filepath.Join(t.TempDir(), "absolute-paths.sarif")
	if err := os.WriteFile(abs, render(t, *f, outside), 0o644); err != nil {
		t.Fatal(err)
	}
	// One input read from standard input, which has no URI.
	piped := handResult(t)
	piped.Artifacts[0].Artifact.Path = "-"
	stdin := filepath.Join(t.TempDir(), "stdin.sarif")
	if err := os.WriteFile(stdin, render(t, *f, piped), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := sarifValidatorConfig
	// The npm wrapper hands its arguments to a shell, so the rule-kind
	// list is quoted a second time to keep its semicolons.
	args := append([]string{"validate", "--config", cfg, "--rule-kind", `"Sarif;Gh;Ghas"`}, append(files, extra, abs, stdin)...)
	cmd := exec.Command(tool, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("sarif-multitool: %v\n%s", err, out.String())
	}
	text := out.String()
	t.Logf("sarif-multitool validate (%d files):\n%s", len(files)+3, text)
	if !strings.Contains(text, "Analysis completed successfully") {
		t.Fatalf("validator did not complete:\n%s", text)
	}
	// Results about the files read "<file>(line,col): error|warning ID: …";
	// the tool's own WRN999 line only records that SARIF2006 is off.
	problem := regexp.MustCompile(`\.sarif\(\d+,\d+\): (error|warning) `)
	for _, line := range strings.Split(text, "\n") {
		if problem.MatchString(line) {
			t.Errorf("validator: %s", line)
		}
	}
}

// TestSARIFAbsolutePathsUnderWorkDir: an absolute path below the working
// directory becomes a checkout-relative URI GitHub can place; one outside
// it is relative too, with "..", never a file: URI GitHub would reject.
func TestSARIFAbsolutePathsUnderWorkDir(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	roots := newSarifRoots(Options{})
	loc, ok := roots.artifactURI(filepath.Join(wd, "app", "src", "main", "AndroidManifest.xml"))
	if !ok || loc.URI != "app/src/main/AndroidManifest.xml" || loc.URIBaseID != srcRoot {
		t.Errorf("got %+v", loc)
	}
	outside := filepath.Join(filepath.Dir(wd), "elsewhere", "Info.plist")
	if loc, _ := roots.artifactURI(outside); !strings.HasPrefix(loc.URI, "../elsewhere/") || loc.URIBaseID != srcRoot {
		t.Errorf("outside the work dir: %+v", loc)
	}
}

// TestSARIFStdinArtifact: an input read from standard input has no URI;
// its artifact says so in words, and its results still carry a location
// (GitHub shows no result without one).
func TestSARIFStdinArtifact(t *testing.T) {
	piped := handResult(t)
	piped.Artifacts[0].Artifact.Path = "-"
	log := newSarifLog(piped, newSarifRoots(Options{}))
	a := log.Runs[0].Artifacts[0]
	if a.Location.URI != "" || a.Location.Description == nil || a.Location.Description.Text != "standard input" {
		t.Errorf("stdin artifact location = %+v", a.Location)
	}
	for _, r := range log.Runs[0].Results {
		loc := r.Locations[0].PhysicalLocation.ArtifactLocation
		if loc.Index == nil || loc.Description != nil {
			t.Errorf("result location %+v: want an index and no description", loc)
		}
	}
}
