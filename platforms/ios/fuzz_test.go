package ios_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
	"github.com/permaudit/permaudit/platforms/ios"
	"github.com/permaudit/permaudit/platforms/ios/iostest"
)

// addCorpusSeeds adds the shared corpus files of one folder as seeds when
// the corpus is present; they are read at run time, never committed.
func addCorpusSeeds(f *testing.F, sub string) {
	dir := corpusDir()
	if dir == "" {
		return
	}
	files, _ := filepath.Glob(filepath.Join(dir, "ios", sub, "*"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
}

func mustParseError(t *testing.T, err error) {
	if err != nil && !errors.As(err, new(*audit.ParseError)) {
		t.Fatalf("error %v (%T) is not an *audit.ParseError", err, err)
	}
}

func FuzzParseInfoPlist(f *testing.F) {
	f.Add([]byte(infoXML))
	f.Add(iostest.BinaryPlist(chatApp().Info))
	f.Add(bombPlist(5))
	f.Add([]byte(xmlHeader + "<dict><key>A</key><array><dict/></array></dict></plist>"))
	addCorpusSeeds(f, "plist")
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ios.ParseInfoPlist(data)
		mustParseError(t, err)
		if err == nil && d.Permissions == nil {
			t.Fatal("nil permissions")
		}
		ios.SniffPlist(data)
	})
}

func FuzzParsePrivacyManifest(f *testing.F) {
	f.Add(iostest.XMLPlist(sdkManifest()))
	f.Add(iostest.BinaryPlist(sdkManifest()))
	addCorpusSeeds(f, "xcprivacy")
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _, err := ios.ParsePrivacyManifest(data)
		mustParseError(t, err)
	})
}

func FuzzParseEntitlements(f *testing.F) {
	f.Add(iostest.XMLPlist(pushEntitlements))
	f.Add(iostest.BinaryPlist(pushEntitlements))
	f.Add(iostest.MobileProvision(map[string]any{"Entitlements": pushEntitlements, "ProvisionedDevices": []any{"a"}}))
	addCorpusSeeds(f, "entitlements")
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ios.ParseEntitlements(data)
		mustParseError(t, err)
		_, err = ios.ParseMobileProvision(data)
		mustParseError(t, err)
	})
}

func FuzzMachOEntitlements(f *testing.F) {
	thin := iostest.MachO{Entitlements: entsXML, CodeSize: 32}.Bytes()
	f.Add(thin)
	f.Add(iostest.MachO{Bits32: true, BigEndian: true, DEREntitlements: []byte{1}}.Bytes())
	f.Add(iostest.Fat(false, iostest.MachO{Unsigned: true}.Bytes(), thin))
	f.Add(iostest.Fat(true, thin))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, errA := ios.MachOEntitlements(bytes.NewReader(data), int64(len(data)))
		b, errB := ios.MachOEntitlementsStream(onlyReader{bytes.NewReader(data)}, int64(len(data)))
		if len(a) > len(data) || len(b) > len(data) {
			t.Fatal("returned more bytes than the input holds")
		}
		// A thin file is read in one sequence of pieces: when both readers
		// get through it, they saw the same bytes. (In a fat file the stream
		// may give up on a malformed slice the random reader accepts.)
		fat := bytes.HasPrefix(data, []byte{0xca, 0xfe, 0xba, 0xbe}) || bytes.HasPrefix(data, []byte{0xca, 0xfe, 0xba, 0xbf})
		if !fat && errA == nil && errB == nil && !bytes.Equal(a, b) {
			t.Fatalf("random access %q and stream %q disagree", a, b)
		}
	})
}

// FuzzParseIPA starts from IPAs of a few hundred bytes: the fuzzer spends
// its time mutating, not minimizing a full app's seed.
func FuzzParseIPA(f *testing.F) {
	tiny := iostest.Bundle{Name: "A", Info: map[string]any{"CFBundleIdentifier": "a", "NSCameraUsageDescription": "c"},
		Entitlements: map[string]any{"aps-environment": "production"}, StoreExecutable: true}
	f.Add(iostest.IPA(tiny))
	tiny.StoreExecutable = false
	tiny.Extensions = []iostest.Bundle{{Name: "E", Info: map[string]any{"CFBundleIdentifier": "a.e"}}}
	f.Add(iostest.IPA(tiny))
	f.Add(iostest.Zip(iostest.File{Name: "Payload/A.app/Info.plist", Data: []byte(infoXML)}))
	f.Fuzz(func(t *testing.T, data []byte) {
		z, err := archive.Open(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		ios.LooksLikeIPA(z)
		_, err = ios.ParseIPA(z)
		mustParseError(t, err)
	})
}
