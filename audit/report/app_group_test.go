package report

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"reflect"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// TestAppBlocks: one app's artifacts come together at the place of its
// first artifact; lone artifacts keep their place.
func TestAppBlocks(t *testing.T) {
	g := &audit.AppGroup{Name: "chat", Framework: audit.FrameworkByAppID, Root: "app id chat"}
	h := &audit.AppGroup{Name: "RnChat", Framework: "React Native", Root: "rn"}
	art := func(path string, grp *audit.AppGroup) audit.ArtifactResult {
		return audit.ArtifactResult{Declaration: audit.Declaration{Artifact: audit.Artifact{Path: path}, Group: grp}}
	}
	arts := []audit.ArtifactResult{art("a.apk", g), art("b.xml", nil), art("c.ipa", g), art("rn/android", h), art("rn/ios", h), art("z.hap", g)}
	var got [][]int
	var names []string
	for _, b := range appBlocks(arts) {
		got = append(got, b.Index)
		names = append(names, appName(b.Group))
	}
	if want := [][]int{{0, 2, 5}, {1}, {3, 4}}; !reflect.DeepEqual(got, want) {
		t.Errorf("blocks %v, want %v", got, want)
	}
	if want := []string{"chat (packages with one app id)", "", "RnChat (React Native)"}; !reflect.DeepEqual(names, want) {
		t.Errorf("names %q, want %q", names, want)
	}
}

// TestEveryFormatNamesTheApp: each report of a cross-platform app's
// projects names the app and its framework for every artifact, and says
// which variant and build files each project was read with.
func TestEveryFormatNamesTheApp(t *testing.T) {
	r := projectScenario(t).run(t)
	for _, f := range Formats {
		t.Run(f.Name, func(t *testing.T) {
			out := string(render(t, f, r))
			for _, want := range []string{"RnChat", "React Native"} {
				if !strings.Contains(out, want) {
					t.Errorf("%s report lacks %q", f.Name, want)
				}
			}
			if f.Name == "html" || f.Name == "markdown" || f.Name == "table" {
				for _, want := range []string{"release", "Release", "product default", "app/build.gradle", "RnChat.xcodeproj/project.pbxproj", "build-profile.json5"} {
					if !strings.Contains(out, want) {
						t.Errorf("%s report lacks the build fact %q", f.Name, want)
					}
				}
			}
		})
	}
}

// TestCSVAppGroupColumn: app_group is the last column, so sheets built on
// the others keep them, and it names the app on every row of its artifacts.
func TestCSVAppGroupColumn(t *testing.T) {
	r := projectScenario(t).run(t)
	f, _ := Lookup("csv")
	rows, err := csv.NewReader(strings.NewReader(string(render(t, *f, r)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	last := len(CSVHeader) - 1
	if CSVHeader[last] != "app_group" || CSVHeader[last-1] != "audited_at" {
		t.Fatalf("header ends %q", CSVHeader[last-1:])
	}
	if len(rows) < 2 {
		t.Fatal("no finding rows")
	}
	for _, row := range rows[1:] {
		if row[last] != "RnChat (React Native)" {
			t.Errorf("%s %s: app_group %q", row[0], row[3], row[last])
		}
	}
}

// TestSARIFAppGroup: every artifact and result of the app carries the
// group, its root relative to %SRCROOT%, and the artifact a description
// naming the app and how it was built.
func TestSARIFAppGroup(t *testing.T) {
	r := projectScenario(t).run(t)
	f, _ := Lookup("sarif")
	var log struct {
		Runs []struct {
			Artifacts []struct {
				Description *sarifText
				Properties  sarifArtifactProps
			}
			Results []struct{ Properties sarifResultProps }
		}
	}
	if err := json.Unmarshal(render(t, *f, r), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	wantRoot := sarifArtifactLocation{URI: "testdata/projects/rn-app", URIBaseID: srcRoot}
	for _, a := range run.Artifacts {
		if a.Properties.Kind == "entry" {
			continue
		}
		g := a.Properties.AppGroup
		if g == nil || g.Name != "RnChat" || g.Framework != "React Native" || g.Root == nil || *g.Root != wantRoot {
			t.Errorf("%s artifact group %+v", a.Properties.Kind, g)
		}
		if a.Description == nil || !strings.HasPrefix(a.Description.Text, "App: RnChat (React Native)") ||
			!strings.Contains(a.Description.Text, "Built as ") || len(a.Properties.BuildVariant) != 1 || len(a.Properties.FilesRead) == 0 {
			t.Errorf("%s artifact: description %+v, variant %q, files %q", a.Properties.Kind, a.Description, a.Properties.BuildVariant, a.Properties.FilesRead)
		}
	}
	if len(run.Results) == 0 {
		t.Fatal("no results")
	}
	for _, res := range run.Results {
		if g := res.Properties.AppGroup; g == nil || g.Name != "RnChat" {
			t.Errorf("result %s: group %+v", res.Properties.Permission, g)
		}
	}
}

// TestJUnitAppGroupProperties: each artifact's testsuite names the app,
// its framework and root, and how the project was read.
func TestJUnitAppGroupProperties(t *testing.T) {
	r := projectScenario(t).run(t)
	f, _ := Lookup("junit")
	var doc junitSuites
	if err := xml.Unmarshal(render(t, *f, r), &doc); err != nil {
		t.Fatal(err)
	}
	for _, s := range doc.Suites {
		props := map[string][]string{}
		for _, p := range s.Properties {
			props[p.Name] = append(props[p.Name], p.Value)
		}
		if !reflect.DeepEqual(props["app.group"], []string{"RnChat"}) || !reflect.DeepEqual(props["app.group.framework"], []string{"React Native"}) ||
			!reflect.DeepEqual(props["app.group.root"], []string{"testdata/projects/rn-app"}) {
			t.Errorf("%s: group properties %q %q %q", s.Name, props["app.group"], props["app.group.framework"], props["app.group.root"])
		}
		if len(props["project.variant"]) != 1 || len(props["project.file"]) == 0 || len(props["project.modules"]) != 1 {
			t.Errorf("%s: project properties %v", s.Name, props)
		}
	}
}
