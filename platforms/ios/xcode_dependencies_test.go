package ios

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/permaudit/permaudit/audit"
)

const fixtureSDKApp = "../../testdata/projects/sdk-app/ios"

func librariesText(libs []audit.Library) string {
	var out []string
	for _, l := range libs {
		out = append(out, l.Name+" "+l.Version)
	}
	return strings.Join(out, "; ")
}

func TestParsePodfileLock(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"pods with and without dependencies, quoted subspecs", "PODS:\n  - A (1.0):\n    - B (~> 2)\n  - \"B/Sub (2.1)\":\n    - C\n  - C (3)\r\n\nDEPENDENCIES:\n  - A\n", "A 1.0; B/Sub 2.1; C 3"},
		{"other sections ignored", "DEPENDENCIES:\n  - A (= 1)\nSPEC REPOS:\n  trunk:\n    - A\n", ""},
		{"garbage", "\x00\xff - (\n  - \n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			libs, err := parsePodfileLock([]byte(tc.in))
			if err != nil || librariesText(libs) != tc.want {
				t.Errorf("got %q, %v; want %q", librariesText(libs), err, tc.want)
			}
		})
	}
	if _, err := parsePodfileLock([]byte("PODS:\n" + strings.Repeat("  - P (1)\n", maxPackages+1))); err == nil {
		t.Error("more pods than the cap accepted")
	}
}

func TestParsePackageResolved(t *testing.T) {
	for _, tc := range []struct{ name, in, want, err string }{
		{name: "version 1", in: `{"object":{"pins":[{"package":"Sentry","repositoryURL":"https://github.com/getsentry/sentry-cocoa.git","state":{"version":"8.0.0"}}]},"version":1}`,
			want: "https://github.com/getsentry/sentry-cocoa.git 8.0.0"},
		{name: "version 2, branch pin without version", in: `{"pins":[{"identity":"x","location":"https://github.com/a/x","state":{"branch":"main"}}],"version":2}`,
			want: "https://github.com/a/x "},
		{name: "not JSON", in: `{"pins":[`, err: "unexpected end of JSON input"},
		{name: "wrong shape", in: `{"pins":{}}`, err: "cannot unmarshal"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			libs, err := parsePackageResolved([]byte(tc.in))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || librariesText(libs) != tc.want {
				t.Errorf("got %q, %v; want %q", librariesText(libs), err, tc.want)
			}
		})
	}
}

// Podfile.lock beside the project and the workspace's Package.resolved
// become signals and libraries of every app target of the project.
func TestXcodeProjectPackageManagers(t *testing.T) {
	apps, err := ReadXcodeProject(os.DirFS(fixtureSDKApp), "Chat.xcodeproj", "")
	if err != nil || len(apps) != 1 {
		t.Fatalf("%d apps, %v", len(apps), err)
	}
	d := apps[0].Declaration
	want := "FirebaseCore 10.20.0; FirebaseMessaging 10.20.0; GoogleUtilities/AppDelegateSwizzler 7.12.0; GoogleUtilities/Environment 7.12.0; HyphenateChat 4.5.0; " +
		"https://github.com/getsentry/sentry-cocoa.git 8.21.0; https://github.com/apple/swift-collections.git 1.1.0"
	if got := librariesText(d.Libraries); got != want {
		t.Errorf("libraries\n%s\nwant\n%s", got, want)
	}
	kinds := map[audit.SignalKind]int{}
	for _, s := range d.Signals {
		kinds[s.Kind]++
	}
	if kinds[audit.SignalCocoaPods] != 5 || kinds[audit.SignalSwiftPM] != 2 {
		t.Errorf("signals %v", kinds)
	}
}

// A Package.resolved that is not JSON costs its packages, named in a
// note; the project is still read.
func TestXcodeProjectUnreadablePackageResolved(t *testing.T) {
	fsys := fstest.MapFS{}
	root := os.DirFS(fixtureSDKApp)
	for _, name := range []string{"Chat.xcodeproj/project.pbxproj", "Chat/Info.plist"} {
		data, err := fs.ReadFile(root, name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	const resolved = "Chat.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/Package.resolved"
	fsys[resolved] = &fstest.MapFile{Data: []byte("{ not json")}
	apps, err := ReadXcodeProject(fsys, "Chat.xcodeproj", "")
	if err != nil || len(apps) != 1 {
		t.Fatalf("%d apps, %v", len(apps), err)
	}
	if notes := notesOf(apps[0].Declaration); !strings.Contains(notes, "project-unresolved "+resolved+": could not be read (invalid character") {
		t.Errorf("notes:\n%s", notes)
	}
}

func FuzzParsePodfileLock(f *testing.F) {
	f.Add([]byte("PODS:\n  - A (1.0):\n    - B (~> 2)\n  - \"B/Sub (2.1)\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		libs, err := parsePodfileLock(data)
		for _, l := range libs {
			if l.Name == "" || err != nil {
				t.Fatalf("%+v, %v", l, err)
			}
		}
	})
}

func FuzzParsePackageResolved(f *testing.F) {
	f.Add([]byte(`{"pins":[{"identity":"x","location":"https://github.com/a/x.git","state":{"version":"1.0.0"}}],"version":2}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		libs, _ := parsePackageResolved(data)
		for _, l := range libs {
			if l.Name == "" || strings.ContainsAny(l.Name, " \t\n") {
				t.Fatalf("%+v", l)
			}
		}
	})
}
