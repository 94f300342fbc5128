package cli

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/permaudit/permaudit/platforms/android/axmltest"
)

// BenchmarkAudit is a whole audit in process — flags, policy, read,
// evaluate, JSON report — of one APK and of the repository's example
// project. Whole-process figures against aapt: .ci/bench-peers.sh.
func BenchmarkAudit(b *testing.B) {
	root := &axmltest.Node{Name: "manifest", Attrs: []axmltest.Attr{axmltest.Plain("package", "com.example.bench")},
		Children: []*axmltest.Node{{Name: "uses-sdk", Attrs: []axmltest.Attr{axmltest.AInt("minSdkVersion", 24), axmltest.AInt("targetSdkVersion", 34)}}}}
	for _, p := range []string{"INTERNET", "ACCESS_NETWORK_STATE", "CAMERA", "RECORD_AUDIO", "READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE"} {
		root.Children = append(root.Children, &axmltest.Node{Name: "uses-permission", Attrs: []axmltest.Attr{axmltest.A("name", "android.permission."+p)}})
	}
	apk := filepath.Join(b.TempDir(), "app.apk")
	data := axmltest.Zip(nil, axmltest.File{Name: "AndroidManifest.xml", Data: axmltest.Encode(root, axmltest.Options{})})
	if err := os.WriteFile(apk, data, 0o644); err != nil {
		b.Fatal(err)
	}
	e := env{stdout: io.Discard, stderr: io.Discard, now: time.Now, getenv: func(string) string { return "" }}
	for name, path := range map[string]string{"apk": apk, "example-project": "testdata/examples/im-app"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if code := run([]string{"audit", "--no-digest", "--format", "json", path}, e); code > 1 { // 1: findings, which is fine here
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
