package android

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android/axmltest"
	"github.com/permaudit/permaudit/platforms/archive"
)

// largeTableStrings is the string count of a big app's resources.arsc
// (a few MB), for benchmarks and the bytes-read test.
const largeTableStrings = 40_000

// largeTable writes a table with n strings in type 0x0c; the manifest
// references below name the first and the last of them.
func largeTable(n int, opt axmltest.TableOptions) []byte {
	values := make(map[uint32]axmltest.Value, n+2)
	for i := range n {
		values[0x7f0c0000+uint32(i)] = axmltest.Value{Type: axmltest.TypeString, Str: fmt.Sprintf("string number %d of the table", i)}
	}
	values[0x7f0c0000] = axmltest.Value{Type: axmltest.TypeString, Str: "android.permission.CAMERA"}
	values[0x7f0d0000] = axmltest.Value{Type: axmltest.TypeIntDec, Data: 28}
	return axmltest.Table(values, opt)
}

// referencingManifest points versionName at the table's last string and
// a permission's name and maxSdkVersion at its first string and integer.
func referencingManifest(last uint32) []byte {
	return axmltest.Encode(&N{Name: "manifest", Attrs: []axmltest.Attr{axmltest.Plain("package", "com.example.big"), axmltest.ARef("versionName", last)},
		Children: []*N{{Name: "uses-permission", Attrs: []axmltest.Attr{axmltest.ARef("name", 0x7f0c0000), axmltest.ARef("maxSdkVersion", 0x7f0d0000)}}}},
		axmltest.Options{})
}

// checkLargeTableAudit checks the three references came out resolved.
func checkLargeTableAudit(d audit.Declaration, err error) error {
	want := fmt.Sprintf("string number %d of the table", largeTableStrings-1)
	if err != nil || d.App.Version != want || len(d.Permissions) == 0 ||
		d.Permissions[0].Name != "android.permission.CAMERA" || d.Permissions[0].MaxSdkVersion != 28 {
		return fmt.Errorf("references not resolved: %v %+v %+v", err, d.App, d.Permissions)
	}
	return nil
}

// BenchmarkResolveReferences audits an APK whose manifest resolves three
// references through a large resources.arsc, stored (as release APKs
// keep it) and deflated.
func BenchmarkResolveReferences(b *testing.B) {
	table := largeTable(largeTableStrings, axmltest.TableOptions{})
	manifest := referencingManifest(0x7f0c0000 + largeTableStrings - 1)
	for _, stored := range []bool{true, false} {
		apk := axmltest.Zip(nil, axmltest.File{Name: "AndroidManifest.xml", Data: manifest},
			axmltest.File{Name: "resources.arsc", Data: table, Store: stored})
		b.Run(fmt.Sprintf("stored=%v", stored), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				z, err := archive.Open(bytes.NewReader(apk), int64(len(apk)))
				if err != nil {
					b.Fatal(err)
				}
				if err := checkLargeTableAudit(ParseAPK(z)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
