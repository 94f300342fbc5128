package android

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/platforms/android/axmltest"
)

// findAapt returns aapt's path, or "" when it is not installed: the
// comparisons with it are a check on this machine, not a requirement.
func findAapt() string {
	p, err := exec.LookPath("aapt")
	if err != nil {
		return ""
	}
	return p
}

func runAapt(aapt string, args ...string) (string, error) {
	var out, errOut bytes.Buffer
	cmd := exec.Command(aapt, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("%v: %s", err, strings.TrimSpace(errOut.String()))
	}
	return out.String(), nil
}

// TestGeneratedFixturesAgainstAapt checks our encoder and parser against
// aapt on the fixtures the other tests build: aapt must read what
// axmltest writes, and agree on declared and implied permissions.
func TestGeneratedFixturesAgainstAapt(t *testing.T) {
	aapt := findAapt()
	if aapt == "" {
		t.Skip("aapt not on PATH")
	}
	perm := func(name string, attrs ...axmltest.Attr) *N {
		return &N{Name: "uses-permission", Attrs: append([]axmltest.Attr{axmltest.A("name", name)}, attrs...)}
	}
	sdk := func(attrs ...axmltest.Attr) *N { return &N{Name: "uses-sdk", Attrs: attrs} }
	fixtures := map[string]*N{"sample": sampleManifest()}
	for i, children := range [][]*N{
		nil,
		{sdk()},
		{sdk(axmltest.AInt("minSdkVersion", 3))},
		{sdk(axmltest.AInt("targetSdkVersion", 4))},
		{sdk(axmltest.AInt("targetSdkVersion", 3)), perm("android.permission.WRITE_EXTERNAL_STORAGE", axmltest.AInt("maxSdkVersion", 18))},
		{sdk(axmltest.AInt("targetSdkVersion", 30)), {Name: "uses-permission-sdk-23", Attrs: []axmltest.Attr{axmltest.A("name", "android.permission.WRITE_EXTERNAL_STORAGE")}}},
		{sdk(axmltest.AInt("targetSdkVersion", 15)), perm("android.permission.READ_CONTACTS"), perm("android.permission.WRITE_CONTACTS")},
		{sdk(axmltest.AInt("targetSdkVersion", 10)), perm("android.permission.READ_CONTACTS"), perm("android.permission.READ_CALL_LOG")},
		{sdk(axmltest.AInt("targetSdkVersion", 10)), {Name: "application", Children: []*N{perm("android.permission.READ_CONTACTS")}}},
		{sdk(axmltest.AInt("minSdkVersion", 2)), sdk(axmltest.AInt("minSdkVersion", 21))},
		{perm("android.permission.WRITE_EXTERNAL_STORAGE", axmltest.AInt("maxSdkVersion", 18)), perm("android.permission.WRITE_EXTERNAL_STORAGE")},
	} {
		fixtures[fmt.Sprintf("implied-%02d", i)] = &N{Name: "manifest", Attrs: []axmltest.Attr{axmltest.Plain("package", "a.b"), axmltest.A("versionName", "1")}, Children: children}
	}
	names := make([]string, 0, len(fixtures))
	for n := range fixtures {
		names = append(names, n)
	}
	sort.Strings(names)
	tmp := t.TempDir()
	agree := 0
	for _, name := range names {
		for _, opt := range []axmltest.Options{{}, {UTF8: true}} {
			data := apkOf(fixtures[name])
			if opt.UTF8 {
				data = axmltest.Zip(nil, axmltest.File{Name: "AndroidManifest.xml", Data: axmltest.Encode(fixtures[name], opt)},
					axmltest.File{Name: "resources.arsc", Data: sampleTable(), Store: true})
			}
			path := filepath.Join(tmp, name+".apk")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			d, err := ParseAPK(openZip(t, data))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			perms, err := runAapt(aapt, "dump", "permissions", path)
			if err != nil {
				t.Errorf("%s %+v: aapt cannot read our fixture: %v", name, opt, err)
				continue
			}
			badging, err := runAapt(aapt, "dump", "badging", path)
			if err != nil {
				t.Errorf("%s %+v: aapt dump badging: %v", name, opt, err)
				continue
			}
			want := nonEmptyLines(perms, "")
			sort.Strings(want)
			wantImplied := nonEmptyLines(badging, "uses-implied-permission:")
			got, gotImplied := aaptPermissionLines(d), impliedLines(d)
			if strings.Join(got, "\n") != strings.Join(want, "\n") || strings.Join(gotImplied, "\n") != strings.Join(wantImplied, "\n") {
				t.Errorf("%s %+v:\nours:\n%s\n%s\naapt:\n%s\n%s", name, opt, strings.Join(got, "\n"), strings.Join(gotImplied, "\n"),
					strings.Join(want, "\n"), strings.Join(wantImplied, "\n"))
				continue
			}
			agree++
		}
	}
	t.Logf("generated fixtures: %d of %d agree with aapt (declared and implied permissions)", agree, 2*len(names))
}
