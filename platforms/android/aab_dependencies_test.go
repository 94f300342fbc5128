package android

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android/aabtest"
	"github.com/permaudit/permaudit/platforms/archive"
	"github.com/permaudit/permaudit/platforms/sdktest"
)

func parseAABBytes(t *testing.T, data []byte) audit.Declaration {
	t.Helper()
	z, err := archive.Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseAAB(z)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The libraries of dependencies.pb: direct ones name the modules that
// declare them, transitive ones the direct dependency that brings them,
// and every Maven coordinate is offered to SDK detection.
func TestParseAABListsBundleLibraries(t *testing.T) {
	d := parseAABBytes(t, sdktest.IMAppAAB())
	got, _ := json.Marshal(d.Libraries)
	src := `,"source":"` + aabtest.DependenciesEntry + `"`
	want := `[{"name":"androidx.core:core","version":"1.12.0","via":"com.google.firebase:firebase-messaging"` + src + `},` +
		`{"name":"com.github.bumptech.glide:glide","version":"4.16.0","modules":["gallery"]` + src + `},` +
		`{"name":"com.google.firebase:firebase-iid-interop","version":"17.1.0","via":"com.google.firebase:firebase-messaging"` + src + `},` +
		`{"name":"com.google.firebase:firebase-messaging","version":"23.4.1","modules":["base"]` + src + `},` +
		`{"name":"io.hyphenate:hyphenate-chat","version":"4.5.0","modules":["base"]` + src + `}]`
	if string(got) != want {
		t.Errorf("libraries\n%s\nwant\n%s", got, want)
	}
	var signals []string
	for _, s := range d.Signals {
		if s.Kind == audit.SignalAABLibrary && s.Entry == aabtest.DependenciesEntry {
			signals = append(signals, s.Value)
		}
	}
	if len(signals) != 5 || signals[4] != "io.hyphenate:hyphenate-chat:4.5.0" {
		t.Errorf("signals %v", signals)
	}
}

func TestParseAppDependencies(t *testing.T) {
	valid := aabtest.Dependencies([]aabtest.Library{{Group: "g", Artifact: "a", Version: "1", DependsOn: []int{1, 7, -1}}, {Group: "g", Artifact: "b"}},
		aabtest.ModuleDeps{Module: "base", Libraries: []int{0, 9}})
	for _, tc := range []struct {
		name, want, err string
		data            []byte
	}{
		{name: "out-of-range indices dropped", data: valid, want: "g:a:1 deps [1] | g:b: deps [] | base [0]"},
		{name: "empty file", data: nil, want: ""},
		{name: "truncated", data: valid[:len(valid)-3], err: "unexpected EOF"},
		{name: "bad tag", data: []byte{0x80}, err: "AppDependencies: bad field tag"},
		{name: "bad packed list", data: []byte{0x1a, 0x03, 0x12, 0x01, 0x80}, err: "ModuleDependencies: packed field 2"},
		{name: "unknown fields skipped", data: append([]byte{0x20, 0x05, 0x2a, 0x01, 0x00}, valid...), want: "g:a:1 deps [1] | g:b: deps [] | base [0]"},
		{name: "non-maven library kept out", data: []byte{0x0a, 0x04, 0x22, 0x02, 0x0a, 0x00}, want: ":: deps []"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := parseAppDependencies(tc.data)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var parts []string
			for i, l := range a.Libraries {
				deps, _ := json.Marshal(append([]int{}, a.Deps[i]...))
				parts = append(parts, l.Name()+":"+l.Version+" deps "+strings.ReplaceAll(string(deps), ",", " "))
			}
			for _, m := range a.Order {
				mods, _ := json.Marshal(a.Modules[m])
				parts = append(parts, m+" "+string(mods))
			}
			if strings.HasPrefix(tc.want, "::") && len(a.libraries("e")) != 0 {
				t.Errorf("a library without Maven coordinates listed: %+v", a.libraries("e"))
			}
			if got := strings.Join(parts, " | "); got != tc.want {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// More libraries than the cap is refused rather than kept in memory.
func TestParseAppDependenciesCapsLibraries(t *testing.T) {
	lib := aabtest.Dependencies([]aabtest.Library{{Group: "g", Artifact: "a"}})
	data := bytes.Repeat(lib, maxBundleLibraries+1)
	if _, err := parseAppDependencies(data); err == nil || !strings.Contains(err.Error(), "more than 20000 libraries") {
		t.Fatalf("error %v", err)
	}
	if a, err := parseAppDependencies(data[:len(data)-len(lib)]); err != nil || len(a.Libraries) != maxBundleLibraries {
		t.Fatalf("at the cap: %v, %d libraries", err, len(a.Libraries))
	}
}

// A garbled dependencies.pb costs the bundle its library list, named in a
// note, and nothing else: the manifests are still audited.
func TestParseAABUnreadableDependenciesIsANote(t *testing.T) {
	files := aabtest.AABFiles(aabtest.Module{Name: "base", Manifest: aabtest.Manifest("com.example", aabtest.UsesSdk(24, 34), aabtest.UsesPermission("android.permission.CAMERA"))})
	files = append(files, aabtest.File{Name: aabtest.DependenciesEntry, Data: []byte{0x0a, 0x7f, 0x01}})
	d := parseAABBytes(t, aabtest.Zip(files...))
	if len(d.Permissions) != 1 || len(d.Libraries) != 0 {
		t.Fatalf("permissions %v libraries %v", d.Permissions, d.Libraries)
	}
	if len(d.Notes) != 1 || d.Notes[0].RuleID != RuleDependenciesUnread || d.Notes[0].Entry != aabtest.DependenciesEntry ||
		!strings.Contains(d.Notes[0].Message, "AppDependencies: field 1") {
		t.Errorf("notes %+v", d.Notes)
	}
}

func FuzzParseAppDependencies(f *testing.F) {
	f.Add(aabtest.Dependencies([]aabtest.Library{{Group: "io.hyphenate", Artifact: "hyphenate-chat", Version: "4.5.0", DependsOn: []int{1}},
		{Group: "androidx.core", Artifact: "core", Version: "1.12.0", DependsOn: []int{0}}}, aabtest.ModuleDeps{Module: "base", Libraries: []int{0}}))
	f.Add([]byte{0x1a, 0x03, 0x12, 0x01, 0x80})
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := parseAppDependencies(data)
		if err != nil {
			return
		}
		for _, l := range a.libraries("e") {
			if l.Name == "" || (l.Via != "" && len(l.Modules) > 0) {
				t.Fatalf("library %+v", l)
			}
		}
	})
}
