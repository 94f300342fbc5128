package android

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android/axmltest"
	"github.com/permaudit/permaudit/platforms/android/dextest"
	"github.com/permaudit/permaudit/platforms/archive"
	"github.com/permaudit/permaudit/platforms/sdktest"
)

func packagesOf(t *testing.T, data []byte, limit int64) ([]string, error) {
	t.Helper()
	seen := map[string]bool{}
	err := dexPackages(bytes.NewReader(data), limit, func(p string) { seen[p] = true })
	var out []string
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out, err
}

func TestDexPackages(t *testing.T) {
	tests := []struct {
		name string
		strs []string
		want []string
	}{
		{"classes give their packages once", []string{"Lcom/hyphenate/chat/EMClient;", "Lcom/hyphenate/chat/EMMessage;", "Lcom/a/B;"},
			[]string{"com.a", "com.hyphenate.chat"}},
		{"non-descriptors are ignored", []string{"(Lcom/x/Y;)V", "[Lcom/x/Y;", "LNoPackage;", "Lcom/x/Y", "hello", "L/x;"}, nil},
		{"MUTF-8 beyond the BMP and NUL", []string{"Lcom/\U0001F600/A;", "Lcom/a\x00b/C;"}, []string{"com.a\x00b", "com.\U0001F600"}},
		{"empty table", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := packagesOf(t, dextest.Dex(tc.strs...), 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("packages %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDexPackagesRefusesBrokenInput(t *testing.T) {
	good := dextest.Dex("Lcom/a/B;", "Lcom/c/D;")
	hugeCount := append([]byte(nil), good...)
	binary.LittleEndian.PutUint32(hugeCount[0x38:], maxDexStrings+1)
	idsOutside := append([]byte(nil), good...)
	binary.LittleEndian.PutUint32(idsOutside[0x3C:], 1<<30)
	tests := []struct {
		name  string
		data  []byte
		limit int64
		want  string
	}{
		{"bad magic", append([]byte("xex\n"), good[4:]...), 1 << 20, "bad magic"},
		{"truncated header", good[:0x40], 1 << 20, "ends early"},
		{"truncated string data", good[:len(good)-3], 1 << 20, "ends early"},
		{"over the read limit", good, int64(len(good) - 3), "ends early"},
		{"absurd string count", hugeCount, 1 << 20, "over the"},
		{"string_ids outside the file", idsOutside, 1 << 20, "outside the file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := packagesOf(t, tc.data, tc.limit)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestDecodeMUTF8(t *testing.T) {
	for _, s := range []string{"plain", "é", "中文", "\U0001F600", "a\x00b"} {
		got, ok := decodeMUTF8(dextest.MUTF8(s))
		if !ok || got != s {
			t.Errorf("decodeMUTF8(MUTF8(%q)) = %q, %t", s, got, ok)
		}
	}
	if _, ok := decodeMUTF8([]byte{0xE0, 0x80}); ok {
		t.Error("truncated sequence accepted")
	}
}

func TestDexIndexOrdersMultidex(t *testing.T) {
	for name, want := range map[string]int{"classes.dex": 1, "classes2.dex": 2, "classes10.dex": 10, "classes1.dex": -1, "classesx.dex": -1, "other.dex": -1} {
		if got := dexIndex(name); got != want {
			t.Errorf("dexIndex(%s) = %d, want %d", name, got, want)
		}
	}
}

func TestParseAPKCollectsSDKSignals(t *testing.T) {
	data := sdktest.IMApp()
	z, err := archive.Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseAPK(z)
	if err != nil {
		t.Fatal(err)
	}
	if !d.CodeScanned {
		t.Error("CodeScanned is false after reading two dex files")
	}
	var got []string
	for _, s := range d.Signals {
		got = append(got, string(s.Kind)+" "+s.Value+" @"+s.Entry)
	}
	sort.Strings(got)
	want := []string{
		"android-component com.example.chat.MainActivity @AndroidManifest.xml",
		"android-component com.hyphenate.chat.EMChatService @AndroidManifest.xml",
		"android-component com.xiaomi.push.service.receivers.PingReceiver @AndroidManifest.xml",
		"android-meta-data EASEMOB_APPKEY @AndroidManifest.xml",
		"dex-package androidx.core.app @classes2.dex",
		"dex-package com.example.chat @classes.dex",
		"dex-package com.hyphenate.chat @classes.dex",
		"dex-package com.hyphenate.chat.adapter @classes.dex",
		"dex-package com.xiaomi.mipush.sdk @classes2.dex",
		"dex-package java.lang @classes.dex",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("signals:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseAPKNotesAnUnreadableDex(t *testing.T) {
	data := apkOf(sampleManifest(), axmltest.File{Name: "classes.dex", Data: []byte("dex\n035\x00 too short")})
	z, err := archive.Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseAPK(z)
	if err != nil {
		t.Fatal(err)
	}
	if d.CodeScanned {
		t.Error("CodeScanned set although no dex could be read")
	}
	found := false
	for _, n := range d.Notes {
		found = found || n.RuleID == RuleDexUnread && n.Entry == "classes.dex" && n.Severity == audit.SeverityNote
	}
	if !found {
		t.Errorf("notes %v lack %s on classes.dex", noteRules(d.Notes), RuleDexUnread)
	}
}

func FuzzDexPackages(f *testing.F) {
	f.Add(dextest.Dex("Lcom/a/B;", "Lcom/\U0001F600/A;", "x"))
	f.Add(dextest.Dex())
	f.Add([]byte("dex\n035\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		_ = dexPackages(bytes.NewReader(data), int64(len(data)), func(pkg string) {
			n++
			if pkg == "" || strings.Contains(pkg, "/") {
				t.Fatalf("bad package %q", pkg)
			}
		})
		if n > len(data) {
			t.Fatalf("%d packages from %d bytes", n, len(data))
		}
	})
}
