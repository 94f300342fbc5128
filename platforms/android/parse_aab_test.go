package android

import (
	"fmt"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/permaudit/permaudit/platforms/android/aabtest"
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
	// One element with more attributes than the cap: each is 2 bytes.
	el := pbBytes(nil, 3, []byte("m"))
	for range maxProtoNodes + 1 {
		el = pbBytes(el, 4, nil)
	}
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
