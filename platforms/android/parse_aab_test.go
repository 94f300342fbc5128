package android

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android/aabtest"
	"github.com/permaudit/permaudit/platforms/archive"
)

// protoTreeDump renders a tree compactly so expectations fit on one line:
// name@line[ns|name=value#resid ...]{children}.
func protoTreeDump(e *element) string {
	var b strings.Builder
	var walk func(e *element)
	walk = func(e *element) {
		b.WriteString(e.Name)
		if e.Line > 0 {
			fmt.Fprintf(&b, "@%d", e.Line)
		}
		if len(e.Attrs) > 0 {
			b.WriteString("[")
			for i, a := range e.Attrs {
				if i > 0 {
					b.WriteString(" ")
				}
				switch a.NS {
				case "":
				case nsAndroid:
					b.WriteString("android:")
				default:
					b.WriteString("{" + a.NS + "}")
				}
				fmt.Fprintf(&b, "%s=%q", a.Name, a.Value)
				if a.ResID != 0 {
					fmt.Fprintf(&b, "#%08x", a.ResID)
				}
			}
			b.WriteString("]")
		}
		if len(e.Children) > 0 {
			b.WriteString("{")
			for i, c := range e.Children {
				if i > 0 {
					b.WriteString(" ")
				}
				walk(c)
			}
			b.WriteString("}")
		}
	}
	walk(e)
	return b.String()
}

func pbTag(b []byte, num protowire.Number, typ protowire.Type) []byte {
	return protowire.AppendTag(b, num, typ)
}

func pbBytes(b []byte, num protowire.Number, v []byte) []byte {
	return protowire.AppendBytes(pbTag(b, num, protowire.BytesType), v)
}

func pbVarint(b []byte, num protowire.Number, v uint64) []byte {
	return protowire.AppendVarint(pbTag(b, num, protowire.VarintType), v)
}

func TestParseProtoManifest(t *testing.T) {
	happy := aabtest.Manifest("com.example.app",
		aabtest.UsesSdk(24, 34),
		aabtest.UsesPermission("android.permission.CAMERA"),
		aabtest.UsesPermission("android.permission.WRITE_EXTERNAL_STORAGE", aabtest.Android("maxSdkVersion", "28")),
		aabtest.UsesPermissionSdk23("android.permission.ACCESS_FINE_LOCATION"),
		aabtest.El("application", []aabtest.Attr{aabtest.Typed("debuggable", aabtest.Bool(true))}),
	)
	happy.NumberLines(2)
	happy.Text = "\n  " // whitespace text nodes are not elements

	typed := aabtest.Manifest("com.example.typed",
		aabtest.UsesPermission("android.permission.INTERNET", aabtest.Typed("maxSdkVersion", aabtest.Int(28))),
		aabtest.El("uses-sdk", []aabtest.Attr{
			aabtest.Typed("minSdkVersion", aabtest.Int(-5)),
			aabtest.Typed("targetSdkVersion", aabtest.Hex(0x22)),
		}),
		aabtest.El("application", []aabtest.Attr{
			aabtest.Typed("allowBackup", aabtest.Bool(false)),
			{NS: aabtest.NSAndroid, Name: "label", ResID: 0x01010001, Item: aabtest.Ref(0x7f0e001b, "string/app_name")},
			{NS: aabtest.NSAndroid, Name: "icon", ResID: 0x01010002, Item: aabtest.Ref(0x7f080001, "")},
			{NS: aabtest.NSAndroid, Name: "theme", Item: aabtest.Str("plain")},
			{NS: aabtest.NSAndroid, Name: "alpha", Item: aabtest.Float(0.5)},
			{NS: aabtest.NSAndroid, Name: "color", Item: aabtest.Color(0xff00ff00)},
			{NS: aabtest.NSAndroid, Name: "nothing", Item: aabtest.Null()},
			// The source string wins over the compiled item.
			{NS: aabtest.NSAndroid, Name: "versionName", Value: "1.0", Item: aabtest.Int(7)},
		}),
	)

	validRoot := aabtest.Manifest("a.b").Marshal()
	tests := []struct {
		name    string
		data    []byte
		want    string
		wantErr string
	}{
		{name: "happy", data: happy.Marshal(),
			want: `manifest@2[package="com.example.app"]{` +
				`uses-sdk@3[android:minSdkVersion="24"#0101020c android:targetSdkVersion="34"#01010270] ` +
				`uses-permission@4[android:name="android.permission.CAMERA"#01010003] ` +
				`uses-permission@5[android:name="android.permission.WRITE_EXTERNAL_STORAGE"#01010003 android:maxSdkVersion="28"#01010271] ` +
				`uses-permission-sdk-23@6[android:name="android.permission.ACCESS_FINE_LOCATION"#01010003] ` +
				`application@7[android:debuggable="true"#0101000f]}`},
		{name: "typed-only attributes", data: typed.Marshal(),
			want: `manifest[package="com.example.typed"]{` +
				`uses-permission[android:name="android.permission.INTERNET"#01010003 android:maxSdkVersion="28"#01010271] ` +
				`uses-sdk[android:minSdkVersion="-5"#0101020c android:targetSdkVersion="0x22"#01010270] ` +
				`application[android:allowBackup="false"#01010280 android:label="@string/app_name"#01010001 ` +
				`android:icon="@0x7f080001"#01010002 android:theme="plain" android:alpha="0.5" ` +
				`android:color="#ff00ff00" android:nothing="" android:versionName="1.0"]}`},
		{name: "unknown fields and a group are skipped",
			data: func() []byte {
				b := pbVarint(nil, 99, 7)
				b = protowire.AppendTag(b, 98, protowire.StartGroupType)
				b = pbVarint(b, 1, 1)
				b = protowire.AppendTag(b, 98, protowire.EndGroupType)
				b = protowire.AppendFixed64(pbTag(b, 97, protowire.Fixed64Type), 1)
				return append(b, validRoot...)
			}(),
			want: `manifest[package="a.b"]`},
		{name: "element field repeated merges",
			data: pbBytes(pbBytes(nil, 1, pbVarint(pbBytes(nil, 3, []byte("first")), 77, 1)), 1,
				pbBytes(pbBytes(nil, 3, []byte("manifest")), 4, pbBytes(nil, 2, []byte("package")))),
			want: `manifest[package=""]`},
		{name: "wrong wire type on an attribute field is skipped",
			data: pbBytes(nil, 1, pbBytes(pbBytes(nil, 3, []byte("manifest")), 4,
				pbVarint(pbVarint(pbBytes(nil, 2, []byte("name")), 3, 5), 5, 0x01010003))),
			want: `manifest[name=""#01010003]`},
		{name: "resource id given as bytes is skipped",
			data: pbBytes(nil, 1, pbBytes(pbBytes(nil, 3, []byte("m")), 4,
				pbBytes(pbBytes(nil, 2, []byte("name")), 5, []byte{1, 2}))),
			want: `m[name=""]`},
		{name: "empty", data: nil, wantErr: "empty"},
		{name: "root is text", data: pbBytes(nil, 2, []byte("hello")), wantErr: "no root element"},
		{name: "root element given as varint", data: pbVarint(nil, 1, 3), wantErr: "no root element"},
		{name: "truncated", data: validRoot[:len(validRoot)-3], wantErr: "unexpected EOF"},
		{name: "bad tag", data: []byte{0x80}, wantErr: "bad field tag"},
		{name: "field number zero", data: []byte{0x00, 0x00}, wantErr: "bad field tag"},
		{name: "length past end", data: []byte{0x0a, 0x7f, 0x1a}, wantErr: "unexpected EOF"},
		{name: "end group without start", data: []byte{0x0c}, wantErr: "XmlNode"},
		{name: "too deep", data: pbNested(maxProtoDepth + 1), wantErr: "nested deeper"},
		{name: "deep but within limit", data: pbNested(maxProtoDepth - 1), want: strings.Repeat("e{", maxProtoDepth-2) + "e" + strings.Repeat("}", maxProtoDepth-2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := parseProtoManifest(tt.data)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := protoTreeDump(root); got != tt.want {
				t.Errorf("tree\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// nested is depth elements each the only child of the one before.
func pbNested(depth int) []byte {
	e := &aabtest.Element{Name: "e"}
	for range depth - 1 {
		e = &aabtest.Element{Name: "e", Children: []*aabtest.Element{e}}
	}
	return e.Marshal()
}

func TestParseProtoManifestNegativeInt32IsTenBytes(t *testing.T) {
	item := aabtest.Int(-1)
	// Item{prim: Primitive{int_decimal_value: -1}}: a plain int32 varint
	// is sign-extended to 10 bytes, not zigzag-encoded.
	if len(item) != 2+1+10 {
		t.Fatalf("encoded Int(-1) is %d bytes, want 13: % x", len(item), item)
	}
	for _, v := range []int32{-1, -2147483648, 2147483647, 0} {
		m := &aabtest.Element{Name: "m", Attrs: []aabtest.Attr{aabtest.Typed("versionCode", aabtest.Int(v))}}
		root, err := parseProtoManifest(m.Marshal())
		if err != nil {
			t.Fatal(err)
		}
		if got, want := root.Attrs[0].Value, fmt.Sprint(v); got != want {
			t.Errorf("Int(%d) decoded as %q", v, got)
		}
	}
}

func TestParseProtoManifestTooManyNodes(t *testing.T) {
	// An element with three empty attributes (0x22 0x00: field 4, length 0)
	// is four nodes.
	small := pbBytes(nil, 1, append(pbBytes(nil, 3, []byte("m")), 0x22, 0x00, 0x22, 0x00, 0x22, 0x00))
	for budget, wantErr := range map[int]bool{3: true, 4: false} {
		d := protoDecoder{budget: budget}
		root, err := d.node(small, 0)
		if (err != nil) != wantErr || (err == nil && len(root.Attrs) != 3) {
			t.Errorf("budget %d: %v, %+v", budget, err, root)
		}
	}
	if testing.Short() {
		return
	}
	// The real cap, exceeded by one.
	el := append(pbBytes(nil, 3, []byte("m")), bytes.Repeat([]byte{0x22, 0x00}, maxProtoNodes)...)
	_, err := parseProtoManifest(pbBytes(nil, 1, el))
	if err == nil || !strings.Contains(err.Error(), "more than") {
		t.Fatalf("error = %v, want the node cap", err)
	}
}

func TestParseProtoManifestEveryPrefix(t *testing.T) {
	data := aabtest.Manifest("com.example", aabtest.UsesPermission("android.permission.CAMERA")).Marshal()
	for n := range len(data) {
		// Must not panic; most prefixes are errors, a few are valid trees.
		_, _ = parseProtoManifest(data[:n])
	}
}

func FuzzParseProtoManifest(f *testing.F) {
	f.Add(aabtest.Manifest("com.example",
		aabtest.UsesSdk(21, 34),
		aabtest.UsesPermission("android.permission.CAMERA", aabtest.Typed("maxSdkVersion", aabtest.Int(-3))),
		aabtest.El("application", []aabtest.Attr{aabtest.Typed("debuggable", aabtest.Bool(true))}),
	).Marshal())
	f.Add([]byte{})
	f.Add(pbNested(8))
	f.Fuzz(func(t *testing.T, data []byte) {
		root, err := parseProtoManifest(data)
		if err == nil && root == nil {
			t.Fatal("nil tree without an error")
		}
	})
}

func openZipBytes(t testing.TB, data []byte) *archive.Zip {
	t.Helper()
	z, err := archive.Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// permSummary is what the AAB and split-set tests compare per permission.
type permSummary struct {
	Name, Module, Entry string
	Form                audit.Form
	Line, MaxSdk        int
}

func summarize(perms []audit.Permission) []permSummary {
	out := []permSummary{}
	for _, p := range perms {
		out = append(out, permSummary{p.Name, p.Module, p.Entry, p.Form, p.Line, p.MaxSdkVersion})
	}
	return out
}

func TestParseAAB(t *testing.T) {
	const (
		baseEntry    = "base/manifest/AndroidManifest.xml"
		cameraEntry  = "camera/manifest/AndroidManifest.xml"
		assetsEntry  = "assets/manifest/AndroidManifest.xml"
		permCamera   = "android.permission.CAMERA"
		permInternet = "android.permission.INTERNET"
	)
	base := aabtest.Manifest("com.example.app",
		aabtest.UsesSdk(24, 34),
		aabtest.UsesPermission(permInternet),
		aabtest.UsesPermission("android.permission.WRITE_EXTERNAL_STORAGE", aabtest.Android("maxSdkVersion", "28")),
	)
	base.Attrs = append(base.Attrs, aabtest.Android("versionCode", "7"), aabtest.Android("versionName", "1.2"))
	base.NumberLines(1)
	camera := aabtest.Manifest("com.example.app",
		aabtest.UsesPermission(permCamera),
		aabtest.UsesPermissionSdk23("android.permission.RECORD_AUDIO"),
		aabtest.UsesPermission(permInternet),
	)
	camera.Attrs = append(camera.Attrs, aabtest.Plain("split", "camera"), aabtest.Android("versionCode", "7"))
	camera.NumberLines(1)
	assetPack := aabtest.Manifest("com.example.app")
	typed := aabtest.Manifest("com.example.typed",
		aabtest.El("uses-sdk", []aabtest.Attr{aabtest.Typed("minSdkVersion", aabtest.Int(21)), aabtest.Typed("targetSdkVersion", aabtest.Int(33))}),
		aabtest.UsesPermission("android.permission.READ_EXTERNAL_STORAGE", aabtest.Typed("maxSdkVersion", aabtest.Int(32))),
		aabtest.El("application", []aabtest.Attr{aabtest.Typed("debuggable", aabtest.Bool(true))}),
	)

	impliedRead := permSummary{"android.permission.READ_EXTERNAL_STORAGE", "", "", audit.FormImplied, 0, 28}
	tests := []struct {
		name        string
		zip         []byte
		wantApp     audit.App
		wantModules []audit.Module
		wantPerms   []permSummary
		wantFacts   []string
		wantErr     string
		wantEntry   string
	}{
		{
			name:        "base only",
			zip:         aabtest.AAB(aabtest.Module{Name: "base", Manifest: base}),
			wantApp:     audit.App{ID: "com.example.app", Version: "1.2", MinLevel: "24", TargetLevel: "34"},
			wantModules: []audit.Module{{Name: "base", Kind: "aab-module", Entry: baseEntry}},
			wantPerms: []permSummary{
				{permInternet, "base", baseEntry, audit.FormUsesPermission, 3, 0},
				{"android.permission.WRITE_EXTERNAL_STORAGE", "base", baseEntry, audit.FormUsesPermission, 4, 28},
				impliedRead,
			},
			wantFacts: []string{"versionCode=7@" + baseEntry},
		},
		{
			name: "feature and asset-pack modules, base listed first",
			zip: aabtest.AAB(aabtest.Module{Name: "camera", Manifest: camera}, aabtest.Module{Name: "assets", Manifest: assetPack},
				aabtest.Module{Name: "base", Manifest: base}),
			wantApp: audit.App{ID: "com.example.app", Version: "1.2", MinLevel: "24", TargetLevel: "34"},
			wantModules: []audit.Module{
				{Name: "base", Kind: "aab-module", Entry: baseEntry},
				{Name: "assets", Kind: "aab-module", Entry: assetsEntry},
				{Name: "camera", Kind: "aab-module", Entry: cameraEntry},
			},
			wantPerms: []permSummary{
				{permInternet, "base", baseEntry, audit.FormUsesPermission, 3, 0},
				{"android.permission.WRITE_EXTERNAL_STORAGE", "base", baseEntry, audit.FormUsesPermission, 4, 28},
				{permCamera, "camera", cameraEntry, audit.FormUsesPermission, 2, 0},
				{"android.permission.RECORD_AUDIO", "camera", cameraEntry, audit.FormUsesPermissionSdk23, 3, 0},
				{permInternet, "camera", cameraEntry, audit.FormUsesPermission, 4, 0},
				impliedRead, // app-wide, from the base's target level
			},
			wantFacts: []string{"versionCode=7@" + baseEntry},
		},
		{
			name:        "typed-only attributes",
			zip:         aabtest.AAB(aabtest.Module{Name: "base", Manifest: typed}),
			wantApp:     audit.App{ID: "com.example.typed", MinLevel: "21", TargetLevel: "33"},
			wantModules: []audit.Module{{Name: "base", Kind: "aab-module", Entry: baseEntry}},
			wantPerms:   []permSummary{{"android.permission.READ_EXTERNAL_STORAGE", "base", baseEntry, audit.FormUsesPermission, 0, 32}},
			wantFacts:   []string{"application.debuggable=true@" + baseEntry},
		},
		{
			name:        "manifests without BundleConfig.pb",
			zip:         aabtest.Zip(aabtest.File{Name: baseEntry, Data: base.Marshal()}),
			wantApp:     audit.App{ID: "com.example.app", Version: "1.2", MinLevel: "24", TargetLevel: "34"},
			wantModules: []audit.Module{{Name: "base", Kind: "aab-module", Entry: baseEntry}},
			wantPerms: []permSummary{
				{permInternet, "base", baseEntry, audit.FormUsesPermission, 3, 0},
				{"android.permission.WRITE_EXTERNAL_STORAGE", "base", baseEntry, audit.FormUsesPermission, 4, 28},
				impliedRead,
			},
			wantFacts: []string{"versionCode=7@" + baseEntry},
		},
		{
			name: "metadata folders are not modules",
			zip: aabtest.Zip(aabtest.File{Name: "BundleConfig.pb", Data: aabtest.BundleConfig()},
				aabtest.File{Name: baseEntry, Data: assetPack.Marshal()},
				aabtest.File{Name: "META-INF/manifest/AndroidManifest.xml", Data: camera.Marshal()},
				aabtest.File{Name: "BUNDLE-METADATA/manifest/AndroidManifest.xml", Data: []byte("junk")}),
			wantApp:     audit.App{ID: "com.example.app"},
			wantModules: []audit.Module{{Name: "base", Kind: "aab-module", Entry: baseEntry}},
			wantPerms: []permSummary{ // no <uses-sdk>: aapt's targetSdk < 4 rules apply
				{"android.permission.WRITE_EXTERNAL_STORAGE", "", "", audit.FormImplied, 0, 0},
				{"android.permission.READ_PHONE_STATE", "", "", audit.FormImplied, 0, 0},
				{"android.permission.READ_EXTERNAL_STORAGE", "", "", audit.FormImplied, 0, 0},
			},
		},
		{
			name:      "missing base manifest",
			zip:       aabtest.Zip(aabtest.File{Name: "BundleConfig.pb", Data: aabtest.BundleConfig()}, aabtest.File{Name: cameraEntry, Data: camera.Marshal()}),
			wantErr:   "no base module manifest",
			wantEntry: baseEntry,
		},
		{
			name:    "not a bundle",
			zip:     aabtest.Zip(aabtest.File{Name: "AndroidManifest.xml", Data: []byte{3, 0, 8, 0}}),
			wantErr: "not an App Bundle",
		},
		{
			name:      "empty base manifest",
			zip:       aabtest.Zip(aabtest.File{Name: "BundleConfig.pb"}, aabtest.File{Name: baseEntry}),
			wantErr:   "empty",
			wantEntry: baseEntry,
		},
		{
			name: "truncated feature manifest",
			zip: aabtest.Zip(aabtest.File{Name: "BundleConfig.pb", Data: aabtest.BundleConfig()},
				aabtest.File{Name: baseEntry, Data: base.Marshal()},
				aabtest.File{Name: cameraEntry, Data: camera.Marshal()[:20]}),
			wantErr:   "unexpected EOF",
			wantEntry: cameraEntry,
		},
		{
			name:      "root is not <manifest>",
			zip:       aabtest.AAB(aabtest.Module{Name: "base", Manifest: aabtest.El("application", nil)}),
			wantErr:   "not <manifest>",
			wantEntry: baseEntry,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := openZipBytes(t, tt.zip)
			d, err := ParseAAB(z)
			if tt.wantErr != "" {
				var pe *audit.ParseError
				if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.wantErr) || pe.Entry != tt.wantEntry {
					t.Fatalf("error = %#v (%v), want a ParseError at %q containing %q", err, err, tt.wantEntry, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !LooksLikeAAB(z) {
				t.Error("LooksLikeAAB = false")
			}
			if d.Platform != audit.Android || d.Artifact.Kind != "aab" {
				t.Errorf("platform %q kind %q", d.Platform, d.Artifact.Kind)
			}
			if d.App != tt.wantApp {
				t.Errorf("app = %+v, want %+v", d.App, tt.wantApp)
			}
			if !reflect.DeepEqual(d.Modules, tt.wantModules) {
				t.Errorf("modules = %+v\nwant %+v", d.Modules, tt.wantModules)
			}
			if got := summarize(d.Permissions); !reflect.DeepEqual(got, tt.wantPerms) {
				t.Errorf("permissions\n got %+v\nwant %+v", got, tt.wantPerms)
			}
			var facts []string
			for _, f := range d.Facts {
				facts = append(facts, f.Key+"="+f.Value+"@"+f.Entry)
			}
			if !reflect.DeepEqual(facts, tt.wantFacts) {
				t.Errorf("facts = %q, want %q", facts, tt.wantFacts)
			}
		})
	}
}

// aabCorpusDir is the shared real-world corpus, or "" when it is absent.
func aabCorpusDir(t *testing.T) string {
	t.Helper()
	if dir := os.Getenv("PERMAUDIT_CORPUS"); dir != "" {
		return dir
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "corpus")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// TestParseAABCorpus reads every App Bundle in the shared corpus. The
// expectations are what a schema-less protobuf dump of each module
// manifest shows: its uses-permission elements, in order.
func TestParseAABCorpus(t *testing.T) {
	dir := filepath.Join(aabCorpusDir(t), "android", "aab")
	paths, _ := filepath.Glob(filepath.Join(dir, "*.aab"))
	if len(paths) == 0 {
		t.Skipf("no App Bundles in %s", dir)
	}
	// module → permission count, for the bundles whose contents we checked.
	want := map[string]map[string]int{
		"google-bundletool__src_test_resources_com_android_tools_build_bundletool_testdata_bundle_install-time-permanent-modules.aab": {
			"base": 0, "assets": 0, "initialInstall": 0, "java": 0},
		"google-bundletool__src_test_resources_com_android_tools_build_bundletool_testdata_bundle_watch-face-from-tool.aab": {
			"base": 12, "runtime": 9},
		"icyleaf-app-info__spec_fixtures_apps_android.aab": {"base": 1},
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			f, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			st, err := f.Stat()
			if err != nil {
				t.Fatal(err)
			}
			z, err := archive.Open(f, st.Size())
			if err != nil {
				t.Fatal(err)
			}
			if !LooksLikeAAB(z) {
				t.Fatal("LooksLikeAAB = false")
			}
			d, err := ParseAAB(z)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, m := range d.Modules {
				got[m.Name] = 0
			}
			for _, perm := range d.Permissions {
				got[perm.Module]++
				t.Logf("%s %s:%d %s max=%d", perm.Module, perm.Entry, perm.Line, perm.Name, perm.MaxSdkVersion)
				if perm.Entry != perm.Module+"/manifest/AndroidManifest.xml" || perm.Line == 0 {
					t.Errorf("%s: entry %q line %d", perm.Name, perm.Entry, perm.Line)
				}
			}
			t.Logf("app %+v, %d modules, %d permissions %v, facts %v, notes %v", d.App, len(d.Modules), len(d.Permissions), got, d.Facts, d.Notes)
			if w, ok := want[filepath.Base(p)]; ok && !reflect.DeepEqual(got, w) {
				t.Errorf("permissions per module = %v, want %v", got, w)
			}
		})
	}
}

// FuzzParseAAB feeds fuzzed base and feature manifests through the whole
// bundle path: zip, protobuf, tree, declaration, union. (The zip layer
// itself is archive's to fuzz.)
func FuzzParseAAB(f *testing.F) {
	base := aabtest.Manifest("com.example",
		aabtest.UsesSdk(21, 34),
		aabtest.UsesPermission("android.permission.CAMERA", aabtest.Typed("maxSdkVersion", aabtest.Int(28))),
		aabtest.El("application", []aabtest.Attr{aabtest.Typed("debuggable", aabtest.Bool(true))}),
	)
	feature := aabtest.Manifest("com.example", aabtest.UsesPermission("android.permission.RECORD_AUDIO"))
	feature.Attrs = append(feature.Attrs, aabtest.Plain("split", "feature"))
	f.Add(base.Marshal(), feature.Marshal())
	f.Add(base.Marshal(), []byte{})
	f.Add([]byte{}, feature.Marshal())
	f.Fuzz(func(t *testing.T, baseData, featureData []byte) {
		files := []aabtest.File{{Name: "BundleConfig.pb", Data: aabtest.BundleConfig()},
			{Name: "base/manifest/AndroidManifest.xml", Data: baseData}}
		if len(featureData) > 0 {
			files = append(files, aabtest.File{Name: "feature/manifest/AndroidManifest.xml", Data: featureData})
		}
		data := aabtest.Zip(files...)
		z, err := archive.Open(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		d, err := ParseAAB(z)
		if err != nil {
			var pe *audit.ParseError
			if !errors.As(err, &pe) || pe.Entry == "" {
				t.Fatalf("error %v is not a ParseError naming its entry", err)
			}
			return
		}
		if len(d.Modules) != len(files)-1 || d.Modules[0].Name != "base" {
			t.Fatalf("modules %+v", d.Modules)
		}
		// Declared permissions point at their module; implied ones are the
		// whole app's (as aapt lists them for an APK) and point nowhere.
		for _, p := range d.Permissions {
			if p.Form != audit.FormImplied && (p.Module == "" || p.Entry == "") {
				t.Fatalf("permission %+v lacks its module or entry", p)
			}
		}
	})
}

func TestParseAABTooManyModules(t *testing.T) {
	files := []aabtest.File{{Name: "BundleConfig.pb"}, {Name: "base/manifest/AndroidManifest.xml", Data: aabtest.Manifest("p").Marshal()}}
	for i := range maxModules {
		files = append(files, aabtest.File{Name: fmt.Sprintf("m%d/manifest/AndroidManifest.xml", i)})
	}
	_, err := ParseAAB(openZipBytes(t, aabtest.Zip(files...)))
	if err == nil || !strings.Contains(err.Error(), "more than the 1000") {
		t.Fatalf("error = %v, want the module cap", err)
	}
}
