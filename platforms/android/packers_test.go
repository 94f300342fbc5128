package android

import (
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android/aabtest"
	"github.com/permaudit/permaudit/platforms/android/axmltest"
	"github.com/permaudit/permaudit/platforms/android/dextest"
)

// packedAPK is an APK whose <application android:name> is appClass ("" for
// none), with a stub dex and the extra entries a packer adds.
func packedAPK(appClass string, extra ...string) []byte {
	type N = axmltest.Node
	app := &N{Name: "application", Line: 3}
	if appClass != "" {
		app.Attrs = []axmltest.Attr{axmltest.A("name", appClass)}
	}
	root := &N{Name: "manifest", Line: 1, Attrs: []axmltest.Attr{axmltest.Plain("package", "com.example.packed")},
		Children: []*N{{Name: "uses-permission", Line: 2, Attrs: []axmltest.Attr{axmltest.A("name", "android.permission.INTERNET")}}, app}}
	files := []axmltest.File{{Name: "AndroidManifest.xml", Data: axmltest.Encode(root, axmltest.Options{})},
		{Name: "classes.dex", Data: dextest.Dex("Lcom/stub/StubApp;", "Landroid/app/Application;")}}
	for _, e := range extra {
		files = append(files, axmltest.File{Name: e, Data: []byte{0x7f, 'E', 'L', 'F'}})
	}
	return axmltest.Zip(nil, files...)
}

// TestPackerMakesCodeUnscanned: a well-known packer's stub class or native
// loader means the dex read is the packer's, so the code counts as not
// scanned and one note names the packer and what showed it.
func TestPackerMakesCodeUnscanned(t *testing.T) {
	tests := []struct {
		name     string
		appClass string
		entries  []string
		want     string // "" = not packed; else the note's start
	}{
		{"360 Jiagu by class and loader", "com.stub.StubApp", []string{"assets/libjiagu.so", "assets/libjiagu_a64.so"},
			"protected by 360 Jiagu (Qihoo 360) (application class com.stub.StubApp, assets/libjiagu.so, assets/libjiagu_a64.so)"},
		{"Tencent Legu by class", "com.tencent.StubShell.TxAppEntry", nil, "protected by Tencent Legu (application class com.tencent.StubShell.TxAppEntry)"},
		{"Tencent Legu by loader", "", []string{"lib/armeabi-v7a/libshellx-2.10.so"}, "protected by Tencent Legu (lib/armeabi-v7a/libshellx-2.10.so)"},
		{"Bangcle by class", "com.secneo.apkwrapper.ApplicationWrapper", nil, "protected by Bangcle (SecNeo)"},
		{"Bangcle by loader", "", []string{"assets/libsecexe.so"}, "protected by Bangcle (SecNeo) (assets/libsecexe.so)"},
		{"Baidu by class", "com.baidu.protect.StubApplication", nil, "protected by Baidu app protection"},
		{"iJiami by class", "s.h.e.l.l.S", []string{"assets/ijiami.ajm"}, "protected by iJiami (application class s.h.e.l.l.S, assets/ijiami.ajm)"},
		{"Alibaba by loader", "", []string{"lib/arm64-v8a/libmobisec.so"}, "protected by Alibaba mobile security"},
		{"many loaders are counted, not all listed", "", []string{"lib/a/libjiagu.so", "lib/b/libjiagu.so", "lib/c/libjiagu.so", "lib/d/libjiagu.so", "lib/e/libjiagu.so"},
			"protected by 360 Jiagu (Qihoo 360) (lib/a/libjiagu.so, lib/b/libjiagu.so, lib/c/libjiagu.so, and 2 more)"},
		{"an app's own Application class", ".ChatApplication", []string{"lib/arm64-v8a/libchat.so"}, ""},
		{"a generic library name alone is not a packer", ".ChatApplication", []string{"lib/arm64-v8a/libshell.so", "lib/arm64-v8a/libsecmain.so"}, ""},
		{"a generic library name beside the stub class counts", "com.tencent.StubShell.TxAppEntry", []string{"lib/arm64-v8a/libshell.so"},
			"protected by Tencent Legu (application class com.tencent.StubShell.TxAppEntry, lib/arm64-v8a/libshell.so)"},
		{"a name like a loader's is not one", "com.stub.StubApplicationX", []string{"assets/shell.so", "lib/x/libshellcode.so"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseAPK(openZip(t, packedAPK(tt.appClass, tt.entries...)))
			if err != nil {
				t.Fatal(err)
			}
			var notes []string
			for _, n := range d.Notes {
				if n.RuleID == RulePacked {
					notes = append(notes, n.Message)
				}
			}
			switch {
			case tt.want == "":
				if len(notes) > 0 || !d.CodeScanned {
					t.Errorf("an unpacked app: notes %q, code scanned %v", notes, d.CodeScanned)
				}
			case len(notes) != 1 || !strings.HasPrefix(notes[0], tt.want):
				t.Errorf("notes %q, want one starting %q", notes, tt.want)
			case d.CodeScanned:
				t.Error("a packed app's code counts as scanned")
			}
		})
	}
}

// TestApplicationClassFact: <application android:name> is recorded as
// the package manager resolves it.
func TestApplicationClassFact(t *testing.T) {
	for in, want := range map[string]string{".ChatApplication": "com.example.packed.ChatApplication", "s.h.e.l.l.S": "s.h.e.l.l.S"} {
		d, err := ParseAPK(openZip(t, packedAPK(in)))
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, f := range d.Facts {
			if f.Key == factApplicationClass {
				got = f.Value
			}
		}
		if got != want {
			t.Errorf("%s: application class %q, want %q", in, got, want)
		}
	}
}

// TestPackedSplitHidesCode: in a split set, a packed base hides the app's
// code even when another split's dex was read.
func TestPackedSplitHidesCode(t *testing.T) {
	base := audit.Declaration{Notes: []audit.Note{{RuleID: RulePacked, Message: "protected by 360 Jiagu"}}}
	feature := audit.Declaration{CodeScanned: true}
	d := unionOfModules(KindAPK, []modulePart{{audit.Module{Name: "base"}, base}, {audit.Module{Name: "feature"}, feature}})
	if d.CodeScanned {
		t.Error("the union counts as scanned")
	}
	d = unionOfModules(KindAPK, []modulePart{{audit.Module{Name: "base"}, audit.Declaration{}}, {audit.Module{Name: "feature"}, feature}})
	if !d.CodeScanned {
		t.Error("an unpacked union with a scanned dex counts as not scanned")
	}
}

// TestPackedAABHidesCode: a bundle whose base module names a packer's
// stub Application keeps its code hidden whatever its dex shows.
func TestPackedAABHidesCode(t *testing.T) {
	base := aabtest.Manifest("com.example.chat", aabtest.UsesPermission("android.permission.INTERNET"),
		aabtest.El("application", []aabtest.Attr{aabtest.Android("name", "com.tencent.StubShell.TxAppEntry")}))
	files := []aabtest.File{{Name: "BundleConfig.pb", Data: aabtest.BundleConfig()},
		{Name: "base/manifest/AndroidManifest.xml", Data: base.Marshal()},
		{Name: "base/dex/classes.dex", Data: dextest.Dex("Lcom/tencent/StubShell/TxAppEntry;")}}
	d := parseAABBytes(t, aabtest.Zip(files...))
	if d.CodeScanned || !packed(d) {
		t.Errorf("code scanned %v, notes %+v", d.CodeScanned, d.Notes)
	}
}
