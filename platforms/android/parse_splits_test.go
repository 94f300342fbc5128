package android

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android/aabtest"
	"github.com/permaudit/permaudit/platforms/android/axmltest"
	"github.com/permaudit/permaudit/platforms/archive"
)

// splitAPKBytes is an APK of com.example.app. The base (split "") has
// <uses-sdk> and a version name; a split has only its split attribute,
// as bundletool writes config splits.
func splitAPKBytes(split string, perms ...string) []byte {
	root := &axmltest.Node{Name: "manifest", Line: 1, Attrs: []axmltest.Attr{
		axmltest.Plain("package", "com.example.app"), axmltest.AInt("versionCode", 7)}}
	if split == "" {
		root.Attrs = append(root.Attrs, axmltest.A("versionName", "1.2"))
		root.Children = append(root.Children, &axmltest.Node{Name: "uses-sdk", Line: 2,
			Attrs: []axmltest.Attr{axmltest.AInt("minSdkVersion", 24), axmltest.AInt("targetSdkVersion", 34)}})
	} else {
		root.Attrs = append(root.Attrs, axmltest.Plain("split", split))
	}
	for _, p := range perms {
		root.Children = append(root.Children, &axmltest.Node{Name: "uses-permission", Line: len(root.Children) + 2,
			Attrs: []axmltest.Attr{axmltest.A("name", p)}})
	}
	return axmltest.Zip(nil, axmltest.File{Name: manifestEntry, Data: axmltest.Encode(root, axmltest.Options{})})
}

func TestParseSplitSet(t *testing.T) {
	const (
		camera   = "android.permission.CAMERA"
		internet = "android.permission.INTERNET"
		write    = "android.permission.WRITE_EXTERNAL_STORAGE"
		baseAPK  = "splits/base-master.apk"
		baseMf   = baseAPK + "!/AndroidManifest.xml"
		featMf   = "splits/camera-master.apk!/AndroidManifest.xml"
	)
	base := splitAPKBytes("", internet, write)
	abi := splitAPKBytes("config.arm64_v8a")
	feature := splitAPKBytes("camera", camera, internet)
	featureDensity := splitAPKBytes("camera.config.xxhdpi")
	stored := func(name string, data []byte) aabtest.File { return aabtest.File{Name: name, Data: data} }
	deflated := func(name string, data []byte) aabtest.File {
		return aabtest.File{Name: name, Data: data, Deflate: true}
	}
	impliedRead := permSummary{"android.permission.READ_EXTERNAL_STORAGE", "", "", audit.FormImplied, 0, 0}
	app := audit.App{ID: "com.example.app", Version: "1.2", MinLevel: "24", TargetLevel: "34"}
	mod := func(name, entry string) audit.Module {
		return audit.Module{Name: name, Kind: "split-apk", Entry: entry}
	}
	basePerms := []permSummary{
		{internet, "base", baseMf, audit.FormUsesPermission, 3, 0},
		{write, "base", baseMf, audit.FormUsesPermission, 4, 0},
	}

	tests := []struct {
		name        string
		zip         []byte
		wantKind    string
		wantApp     audit.App
		wantModules []audit.Module
		wantPerms   []permSummary
		wantErr     string
		wantEntry   string
	}{
		{
			name: "apks: base, config and feature splits; standalones left aside",
			zip: aabtest.APKS(stored("splits/camera-xxhdpi.apk", featureDensity), stored("splits/base-arm64_v8a.apk", abi),
				stored("splits/camera-master.apk", feature), stored(baseAPK, base),
				stored("standalones/standalone-arm64_v8a.apk", splitAPKBytes("", camera))),
			wantKind: KindAPKS, wantApp: app,
			wantModules: []audit.Module{mod("base", baseAPK), mod("camera", "splits/camera-master.apk"),
				mod("camera.config.xxhdpi", "splits/camera-xxhdpi.apk"), mod("config.arm64_v8a", "splits/base-arm64_v8a.apk")},
			wantPerms: append(append([]permSummary{}, basePerms...),
				permSummary{camera, "camera", featMf, audit.FormUsesPermission, 2, 0},
				permSummary{internet, "camera", featMf, audit.FormUsesPermission, 3, 0},
				impliedRead), // once, from the base; the splits without <uses-sdk> imply nothing
		},
		{
			name:     "apks: deflated APKs are inflated",
			zip:      aabtest.APKS(deflated(baseAPK, base), deflated("splits/base-arm64_v8a.apk", abi)),
			wantKind: KindAPKS, wantApp: app,
			wantModules: []audit.Module{mod("base", baseAPK), mod("config.arm64_v8a", "splits/base-arm64_v8a.apk")},
			wantPerms:   append(append([]permSummary{}, basePerms...), impliedRead),
		},
		{
			name:     "apks: standalones only, named by file",
			zip:      aabtest.APKS(stored("standalones/standalone-x86.apk", splitAPKBytes("", camera))),
			wantKind: KindAPKS, wantApp: app,
			wantModules: []audit.Module{mod("standalone-x86", "standalones/standalone-x86.apk")},
			wantPerms:   []permSummary{{camera, "standalone-x86", "standalones/standalone-x86.apk!/AndroidManifest.xml", audit.FormUsesPermission, 3, 0}},
		},
		{
			name:     "apks: universal mode",
			zip:      aabtest.APKS(stored("universal.apk", splitAPKBytes("", camera))),
			wantKind: KindAPKS, wantApp: app,
			wantModules: []audit.Module{mod("universal", "universal.apk")},
			wantPerms:   []permSummary{{camera, "universal", "universal.apk!/AndroidManifest.xml", audit.FormUsesPermission, 3, 0}},
		},
		{
			name:     "apks: base.apk at the top without toc.pb",
			zip:      aabtest.Zip(stored("base.apk", splitAPKBytes("", camera)), stored("split_config.arm64_v8a.apk", abi)),
			wantKind: KindAPKS, wantApp: app,
			wantModules: []audit.Module{mod("base", "base.apk"), mod("config.arm64_v8a", "split_config.arm64_v8a.apk")},
			wantPerms:   []permSummary{{camera, "base", "base.apk!/AndroidManifest.xml", audit.FormUsesPermission, 3, 0}},
		},
		{
			name: "xapk: split ids from manifest.json, unlisted APKs too",
			zip: aabtest.XAPK("com.example.app",
				aabtest.Split{ID: "base", File: "com.example.app.apk", APK: base},
				aabtest.Split{ID: "config.arm64_v8a", File: "config.arm64_v8a.apk", APK: splitAPKBytes("")}),
			wantKind: KindXAPK, wantApp: app,
			wantModules: []audit.Module{mod("base", "com.example.app.apk"), mod("config.arm64_v8a", "config.arm64_v8a.apk")},
			wantPerms: []permSummary{
				{internet, "base", "com.example.app.apk!/AndroidManifest.xml", audit.FormUsesPermission, 3, 0},
				{write, "base", "com.example.app.apk!/AndroidManifest.xml", audit.FormUsesPermission, 4, 0},
				impliedRead,
			},
		},
		{
			name: "xapk: without split_apks, APKs named by their split attribute",
			zip: aabtest.Zip(aabtest.File{Name: "manifest.json", Data: []byte(`{"package_name":"com.example.app"}`)},
				stored("com.example.app.apk", splitAPKBytes("", camera)), stored("feature.apk", splitAPKBytes("camera", internet))),
			wantKind: KindXAPK, wantApp: app,
			wantModules: []audit.Module{mod("base", "com.example.app.apk"), mod("camera", "feature.apk")},
			wantPerms: []permSummary{
				{camera, "base", "com.example.app.apk!/AndroidManifest.xml", audit.FormUsesPermission, 3, 0},
				{internet, "camera", "feature.apk!/AndroidManifest.xml", audit.FormUsesPermission, 2, 0},
			},
		},
		{
			name:     "apks: a second APK without a split attribute is named by its path",
			zip:      aabtest.APKS(stored(baseAPK, splitAPKBytes("", camera)), stored("splits/other-master.apk", splitAPKBytes("", internet))),
			wantKind: KindAPKS, wantApp: app,
			wantModules: []audit.Module{mod("base", baseAPK), mod("splits/other-master", "splits/other-master.apk")},
			wantPerms: []permSummary{
				{camera, "base", baseMf, audit.FormUsesPermission, 3, 0},
				{internet, "splits/other-master", "splits/other-master.apk!/AndroidManifest.xml", audit.FormUsesPermission, 3, 0},
			},
		},
		{
			name:      "xapk: manifest.json is not JSON",
			zip:       aabtest.Zip(aabtest.File{Name: "manifest.json", Data: []byte("{split_apks")}, stored("a.apk", base)),
			wantErr:   "not valid XAPK JSON",
			wantEntry: "manifest.json",
		},
		{
			name: "xapk: split_apks names a missing file",
			zip: aabtest.Zip(aabtest.File{Name: "manifest.json", Data: []byte(`{"split_apks":[{"file":"gone.apk","id":"base"}]}`)},
				stored("a.apk", base)),
			wantErr:   `"gone.apk"`,
			wantEntry: "manifest.json",
		},
		{
			name:      "split without a manifest",
			zip:       aabtest.APKS(stored(baseAPK, aabtest.Zip(aabtest.File{Name: "classes.dex"}))),
			wantErr:   "no AndroidManifest.xml",
			wantEntry: baseMf,
		},
		{
			name:      "split that is not a zip",
			zip:       aabtest.APKS(stored(baseAPK, []byte("not a zip"))),
			wantErr:   "not a readable zip",
			wantEntry: baseAPK,
		},
		{
			name:      "broken split manifest",
			zip:       aabtest.APKS(stored(baseAPK, base), stored("splits/x-master.apk", aabtest.Zip(aabtest.File{Name: "AndroidManifest.xml", Data: []byte{3, 0, 8, 0, 0xff, 0, 0, 0}}))),
			wantErr:   "binary XML",
			wantEntry: "splits/x-master.apk!/AndroidManifest.xml",
		},
		{
			name:    "toc.pb and no APKs",
			zip:     aabtest.APKS(),
			wantErr: "holds no APKs",
		},
		{
			name:    "empty zip",
			zip:     aabtest.Zip(),
			wantErr: "not a split APK set",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := openZipBytes(t, tt.zip)
			d, err := ParseSplitSet(z)
			if tt.wantErr != "" {
				var pe *audit.ParseError
				if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.wantErr) || pe.Entry != tt.wantEntry {
					t.Fatalf("error = %v, want a ParseError at %q containing %q", err, tt.wantEntry, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if kind, ok := LooksLikeSplitSet(z); !ok || kind != tt.wantKind {
				t.Errorf("LooksLikeSplitSet = %q, %v; want %q", kind, ok, tt.wantKind)
			}
			if d.Platform != audit.Android || d.Artifact.Kind != tt.wantKind {
				t.Errorf("platform %q kind %q", d.Platform, d.Artifact.Kind)
			}
			if d.App != tt.wantApp {
				t.Errorf("app = %+v, want %+v", d.App, tt.wantApp)
			}
			if !reflect.DeepEqual(d.Modules, tt.wantModules) {
				t.Errorf("modules\n got %+v\nwant %+v", d.Modules, tt.wantModules)
			}
			if got := summarize(d.Permissions); !reflect.DeepEqual(got, tt.wantPerms) {
				t.Errorf("permissions\n got %+v\nwant %+v", got, tt.wantPerms)
			}
			for _, n := range d.Notes {
				if n.RuleID == RuleEmbeddedPackage {
					t.Errorf("split set reported as an APK carrying APKs: %+v", n)
				}
			}
		})
	}
}

func TestParseSplitSetFactsOnce(t *testing.T) {
	z := openZipBytes(t, aabtest.APKS(aabtest.File{Name: "splits/base-master.apk", Data: splitAPKBytes("")},
		aabtest.File{Name: "splits/base-xxhdpi.apk", Data: splitAPKBytes("config.xxhdpi")}))
	d, err := ParseSplitSet(z)
	if err != nil {
		t.Fatal(err)
	}
	// Every split repeats versionCode 7; the fact is kept once, at the base.
	want := []audit.Fact{{Key: "versionCode", Value: "7", Line: 1, Entry: "splits/base-master.apk!/AndroidManifest.xml"}}
	if !reflect.DeepEqual(d.Facts, want) {
		t.Errorf("facts = %+v, want %+v", d.Facts, want)
	}
}

func TestLooksLikeSplitSet(t *testing.T) {
	apk := splitAPKBytes("")
	tests := []struct {
		name string
		zip  []byte
		kind string
	}{
		{"bundletool apks", aabtest.APKS(aabtest.File{Name: "splits/base-master.apk", Data: apk}), KindAPKS},
		{"toc.pb alone", aabtest.APKS(), KindAPKS},
		{"splits without toc.pb", aabtest.Zip(aabtest.File{Name: "splits/base-master.apk", Data: apk}), KindAPKS},
		{"xapk", aabtest.XAPK("p", aabtest.Split{ID: "base", File: "p.apk", APK: apk}), KindXAPK},
		{"APK carrying an APK", aabtest.Zip(aabtest.File{Name: "AndroidManifest.xml"}, aabtest.File{Name: "base.apk", Data: apk}), ""},
		{"APK carrying toc.pb", aabtest.Zip(aabtest.File{Name: "AndroidManifest.xml"}, aabtest.File{Name: "toc.pb"}), ""},
		{"browser extension", aabtest.Zip(aabtest.File{Name: "manifest.json", Data: []byte("{}")}), ""},
		{"zip of some APK", aabtest.Zip(aabtest.File{Name: "tools/other.apk", Data: apk}), ""},
		{"App Bundle", aabtest.AAB(aabtest.Module{Name: "base", Manifest: aabtest.Manifest("p")}), ""},
		{"empty", aabtest.Zip(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, ok := LooksLikeSplitSet(openZipBytes(t, tt.zip))
			if kind != tt.kind || ok != (tt.kind != "") {
				t.Errorf("LooksLikeSplitSet = %q, %v; want %q", kind, ok, tt.kind)
			}
		})
	}
}

// FuzzParseSplitSet feeds a fuzzed manifest.json and a fuzzed nested APK
// through both set layouts.
func FuzzParseSplitSet(f *testing.F) {
	f.Add([]byte(`{"split_apks":[{"file":"base.apk","id":"base"}]}`), splitAPKBytes("", "android.permission.CAMERA"))
	f.Add([]byte(`{}`), splitAPKBytes("config.en"))
	f.Add([]byte(`[]`), []byte("PK\x05\x06"))
	f.Fuzz(func(t *testing.T, manifestJSON, apk []byte) {
		for _, data := range [][]byte{
			aabtest.Zip(aabtest.File{Name: "manifest.json", Data: manifestJSON}, aabtest.File{Name: "base.apk", Data: apk}),
			aabtest.APKS(aabtest.File{Name: "splits/base-master.apk", Data: apk}, aabtest.File{Name: "splits/base-en.apk", Data: apk}),
		} {
			z, err := archive.Open(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			d, err := ParseSplitSet(z)
			if err != nil {
				var pe *audit.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("error %v is not a ParseError", err)
				}
				continue
			}
			if len(d.Modules) == 0 {
				t.Fatal("no modules without an error")
			}
		}
	})
}
