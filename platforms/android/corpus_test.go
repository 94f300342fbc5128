package android

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android/axmltest"
)

// corpusDir finds the shared real-world corpus: $PERMAUDIT_CORPUS, or
// shared/corpus beside the repository. Tests skip when it is absent.
func corpusDir(t *testing.T, sub string) string {
	t.Helper()
	root := os.Getenv("PERMAUDIT_CORPUS")
	if root == "" {
		dir, _ := filepath.Abs(".")
		for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				break
			}
		}
		root = filepath.Join(filepath.Dir(dir), "shared", "corpus")
	}
	path := filepath.Join(root, sub)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("corpus folder %s absent", path)
	}
	return path
}

// plainCounted reads a source manifest with encoding/xml alone: the
// names of the permission elements directly under <manifest> that are
// not tools:node="remove", with ${applicationId} filled from the package
// attribute as the merger fills it.
func plainCounted(data []byte) ([]string, error) {
	type perm struct {
		Name string `xml:"http://schemas.android.com/apk/res/android name,attr"`
		Node string `xml:"http://schemas.android.com/tools node,attr"`
	}
	var m struct {
		Package string `xml:"package,attr"`
		Perms   []perm `xml:"uses-permission"`
		Sdk23   []perm `xml:"uses-permission-sdk-23"`
		SdkM    []perm `xml:"uses-permission-sdk-m"`
	}
	if err := xml.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	var names []string
	for _, group := range [][]perm{m.Perms, m.Sdk23, m.SdkM} {
		for _, p := range group {
			if p.Node != "remove" {
				if m.Package != "" {
					p.Name = strings.ReplaceAll(p.Name, "${applicationId}", m.Package)
				}
				names = append(names, p.Name)
			}
		}
	}
	sort.Strings(names)
	return names, nil
}

func counted(d audit.Declaration) []string {
	var names []string
	for _, p := range d.Permissions {
		if (p.Form == audit.FormUsesPermission || p.Form == audit.FormUsesPermissionSdk23) && !p.Removed && p.Misplaced == "" {
			names = append(names, p.Name)
		}
	}
	sort.Strings(names)
	return names
}

func TestCorpusSourceManifests(t *testing.T) {
	dir := corpusDir(t, "android/manifest")
	files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	agree := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := ParseManifestXML(data)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		want, err := plainCounted(data)
		if err != nil {
			t.Errorf("%s: encoding/xml: %v", filepath.Base(f), err)
			continue
		}
		if got := counted(d); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: counted\n%v\nplain reading\n%v", filepath.Base(f), got, want)
			continue
		}
		agree++
	}
	t.Logf("source manifests: %d of %d parse and agree with a plain encoding/xml reading", agree, len(files))
}

func TestCorpusBinaryManifests(t *testing.T) {
	dir := corpusDir(t, "android/manifest-axml")
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	parsed, refused := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := ParseBinaryManifest(data)
		var pe *audit.ParseError
		switch {
		case err == nil:
			parsed++
			t.Logf("%s: %s, %d permissions, %d notes", filepath.Base(f), d.App.ID, len(d.Permissions), len(d.Notes))
		case errors.As(err, &pe):
			refused++
			t.Logf("%s: refused: %v", filepath.Base(f), err)
		default:
			t.Errorf("%s: error is not a ParseError: %v", filepath.Base(f), err)
		}
	}
	t.Logf("binary manifests: %d parse, %d refused with a ParseError, of %d", parsed, refused, len(files))
}

// aaptPermissionLines renders a declaration as `aapt dump permissions`
// prints it (aapt 1, Debian 1:10.0.0+r36): declared permissions only,
// optional-permission after the uses-permission line, <permission> lines.
func aaptPermissionLines(d audit.Declaration) []string {
	lines := []string{"package: " + d.App.ID}
	for _, p := range d.Permissions {
		if p.Misplaced != "" || p.Removed || p.Form == audit.FormImplied {
			continue
		}
		max := ""
		if p.MaxSdkVersion != 0 {
			max = fmt.Sprintf(" maxSdkVersion='%d'", p.MaxSdkVersion)
		}
		lines = append(lines, fmt.Sprintf("%s: name='%s'%s", p.Form, p.Name, max))
		if p.NotRequired {
			lines = append(lines, fmt.Sprintf("optional-permission: name='%s'%s", p.Name, max))
		}
	}
	for _, f := range d.Facts {
		if f.Key == "permission.declared" {
			lines = append(lines, "permission: "+f.Value)
		}
	}
	sort.Strings(lines)
	return lines
}

// impliedLines renders implied permissions as `aapt dump badging` does.
func impliedLines(d audit.Declaration) []string {
	lines := []string{}
	for _, p := range d.Permissions {
		if p.Form != audit.FormImplied {
			continue
		}
		max := ""
		if p.MaxSdkVersion != 0 {
			max = fmt.Sprintf(" maxSdkVersion='%d'", p.MaxSdkVersion)
		}
		lines = append(lines, fmt.Sprintf("uses-implied-permission: name='%s'%s reason='%s'", p.Name, max, p.Reason))
	}
	return lines
}

func nonEmptyLines(s string, prefix string) []string {
	out := []string{}
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimRight(l, "\r"); l != "" && strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return out
}

func TestCorpusAPKs(t *testing.T) {
	dir := corpusDir(t, "android/apk")
	files, _ := filepath.Glob(filepath.Join(dir, "*.apk"))
	aapt := findAapt()
	compared, agree, impliedCompared, impliedAgree := 0, 0, 0, 0
	for _, f := range files {
		base := filepath.Base(f)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := ParseAPK(openZip(t, data))
		expected, _ := os.ReadFile(filepath.Join(dir, "EXPECTED", strings.TrimSuffix(base, ".apk")+".txt"))
		if len(bytes.TrimSpace(expected)) == 0 {
			// aapt could not read it (janus, multidex): we must either read it or say why not.
			var pe *audit.ParseError
			if err != nil && !errors.As(err, &pe) {
				t.Errorf("%s: error is not a ParseError: %v", base, err)
			}
			t.Logf("%s: aapt failed; we: err=%v, %d permissions, notes %v", base, err, len(d.Permissions), noteRules(d.Notes))
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", base, err)
			continue
		}
		compared++
		want := nonEmptyLines(string(expected), "")
		sort.Strings(want)
		if got := aaptPermissionLines(d); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: dump permissions differs:\nours:\n%s\naapt:\n%s", base, strings.Join(got, "\n"), strings.Join(want, "\n"))
		} else {
			agree++
		}
		if aapt != "" {
			out, err := runAapt(aapt, "dump", "badging", f)
			if err != nil {
				t.Logf("%s: aapt dump badging: %v", base, err)
				continue
			}
			impliedCompared++
			want := nonEmptyLines(out, "uses-implied-permission:")
			if got := impliedLines(d); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s: implied permissions differ:\nours:\n%s\naapt:\n%s", base, strings.Join(got, "\n"), strings.Join(want, "\n"))
			} else {
				impliedAgree++
			}
		}
	}
	t.Logf("APKs: declared permissions agree with EXPECTED (aapt dump permissions) for %d of %d that aapt read (%d APKs in all)", agree, compared, len(files))
	if aapt == "" {
		t.Logf("aapt not on PATH: implied permissions not compared")
	} else {
		t.Logf("APKs: implied permissions agree with aapt dump badging for %d of %d", impliedAgree, impliedCompared)
	}
}

// TestCorpusBinaryManifestsAgainstAapt wraps each corpus binary manifest
// in a zip and compares with `aapt dump permissions` where aapt reads it.
func TestCorpusBinaryManifestsAgainstAapt(t *testing.T) {
	dir := corpusDir(t, "android/manifest-axml")
	aapt := findAapt()
	if aapt == "" {
		t.Skip("aapt not on PATH")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	tmp := t.TempDir()
	compared, agree := 0, 0
	for _, f := range files {
		data, _ := os.ReadFile(f)
		apk := filepath.Join(tmp, filepath.Base(f)+".apk")
		if err := os.WriteFile(apk, axmltest.Zip(nil, axmltest.File{Name: "AndroidManifest.xml", Data: data}), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := runAapt(aapt, "dump", "permissions", apk)
		if err != nil {
			t.Logf("%s: aapt refuses it: %v", filepath.Base(f), err)
			continue
		}
		d, err := ParseBinaryManifest(data)
		if err != nil {
			t.Errorf("%s: aapt reads it but we do not: %v", filepath.Base(f), err)
			continue
		}
		compared++
		want := nonEmptyLines(out, "")
		sort.Strings(want)
		if got := aaptPermissionLines(d); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: differs:\nours:\n%s\naapt:\n%s", filepath.Base(f), strings.Join(got, "\n"), strings.Join(want, "\n"))
		} else {
			agree++
		}
	}
	t.Logf("binary manifests: declared permissions agree with aapt dump permissions for %d of %d that aapt read (%d files)", agree, compared, len(files))
}
