package android

import (
	"fmt"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android/axmltest"
)

// sameManifest is one manifest written twice: as source XML and compiled.
type sameManifest struct {
	min, target string // "" leaves the attribute out; a codename is a string
	perms       []string
}

func (m sameManifest) source() []byte {
	var b strings.Builder
	b.WriteString(`<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="org.example.app">` + "\n")
	b.WriteString("<uses-sdk")
	if m.min != "" {
		fmt.Fprintf(&b, ` android:minSdkVersion="%s"`, m.min)
	}
	if m.target != "" {
		fmt.Fprintf(&b, ` android:targetSdkVersion="%s"`, m.target)
	}
	b.WriteString("/>\n")
	for _, p := range m.perms {
		fmt.Fprintf(&b, `<uses-permission android:name="android.permission.%s"/>`+"\n", p)
	}
	b.WriteString("</manifest>\n")
	return []byte(b.String())
}

func (m sameManifest) binary() []byte {
	level := func(name, v string) axmltest.Attr {
		var n int32
		if _, err := fmt.Sscan(v, &n); err == nil {
			return axmltest.AInt(name, n)
		}
		return axmltest.A(name, v)
	}
	sdk := &axmltest.Node{Name: "uses-sdk"}
	if m.min != "" {
		sdk.Attrs = append(sdk.Attrs, level("minSdkVersion", m.min))
	}
	if m.target != "" {
		sdk.Attrs = append(sdk.Attrs, level("targetSdkVersion", m.target))
	}
	root := &axmltest.Node{Name: "manifest", Attrs: []axmltest.Attr{axmltest.Plain("package", "org.example.app")}, Children: []*axmltest.Node{sdk}}
	for _, p := range m.perms {
		root.Children = append(root.Children, &axmltest.Node{Name: "uses-permission", Attrs: []axmltest.Attr{axmltest.A("name", "android.permission."+p)}})
	}
	return axmltest.Encode(root, axmltest.Options{})
}

// TestImpliedSameForSourceAndPackage: the permissions the build implies
// (aapt's uses-implied-permission, Command.cpp) are the same whether the
// manifest is read as source or compiled, and a codename target is the
// in-development level 10000, not "below 16".
func TestImpliedSameForSourceAndPackage(t *testing.T) {
	tests := []struct {
		name    string
		m       sameManifest
		implied string // the implied lines, both ways
	}{
		{"WRITE implies READ", sameManifest{"21", "34", []string{"WRITE_EXTERNAL_STORAGE"}},
			"implied android.permission.READ_EXTERNAL_STORAGE reason=requested WRITE_EXTERNAL_STORAGE"},
		{"target 3 implies WRITE, READ_PHONE_STATE and READ", sameManifest{"3", "3", nil},
			"implied android.permission.WRITE_EXTERNAL_STORAGE reason=targetSdkVersion < 4\n" +
				"implied android.permission.READ_PHONE_STATE reason=targetSdkVersion < 4\n" +
				"implied android.permission.READ_EXTERNAL_STORAGE reason=requested WRITE_EXTERNAL_STORAGE"},
		{"target 15 with READ_CONTACTS implies READ_CALL_LOG", sameManifest{"14", "15", []string{"READ_CONTACTS"}},
			"implied android.permission.READ_CALL_LOG reason=targetSdkVersion < 16 and requested READ_CONTACTS"},
		{"codename target is the newest level: nothing implied", sameManifest{"Baklava", "Baklava", []string{"READ_CONTACTS", "WRITE_CONTACTS"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := ParseManifestXML(tt.m.source())
			if err != nil {
				t.Fatal(err)
			}
			bin, err := ParseBinaryManifest(tt.m.binary())
			if err != nil {
				t.Fatal(err)
			}
			for kind, got := range map[string]string{"source": impliedOnly(src.Permissions), "binary": impliedOnly(bin.Permissions)} {
				if got != tt.implied {
					t.Errorf("%s implied:\n%s\nwant:\n%s", kind, got, tt.implied)
				}
			}
			if src.App.TargetLevel != bin.App.TargetLevel {
				t.Errorf("target %q as source, %q compiled", src.App.TargetLevel, bin.App.TargetLevel)
			}
		})
	}
}

// TestImpliedSourceWithoutUsesSdk: a source manifest without <uses-sdk>
// gets its target from Gradle at build time, so only the target-free
// rule applies; a package without one really targets level 1.
func TestImpliedSourceWithoutUsesSdk(t *testing.T) {
	src, err := ParseManifestXML([]byte(`<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="p">
<uses-permission android:name="android.permission.WRITE_EXTERNAL_STORAGE"/>
<uses-permission android:name="android.permission.READ_CONTACTS"/>
</manifest>`))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := impliedOnly(src.Permissions), "implied android.permission.READ_EXTERNAL_STORAGE reason=requested WRITE_EXTERNAL_STORAGE"; got != want {
		t.Errorf("implied:\n%s\nwant:\n%s", got, want)
	}
}

func impliedOnly(ps []audit.Permission) string {
	var out []string
	for _, l := range permLines(ps) {
		if strings.HasPrefix(l, "implied ") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
