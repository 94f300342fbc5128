package harmony_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/harmony"
	"github.com/permaudit/permaudit/platforms/harmony/harmonytest"
)

func TestParseAppJSON(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		want      audit.App
		errLine   int
		errSubstr string
	}{
		{name: "generated app.json5",
			in:   string(harmonytest.AppJSON5(harmonytest.App{BundleName: "com.example.app", VersionName: "2.0.1", MinAPI: 11, TargetAPI: 12})),
			want: audit.App{ID: "com.example.app", Version: "2.0.1", MinLevel: "11", TargetLevel: "12"}},
		{name: "strict app.json without levels",
			in:   `{"app": {"bundleName": "com.a", "versionName": "1.0.0", "versionCode": 1}}`,
			want: audit.App{ID: "com.a", Version: "1.0.0"}},
		{name: "empty", in: "", errSubstr: "empty"},
		{name: "no app object", in: "{module: {}}", errLine: 1, errSubstr: `no "app" object`},
		{name: "bundleName not a string", in: "{app: {\nbundleName: 7}}", errLine: 2, errSubstr: "app.bundleName is a number, want a string"},
		{name: "syntax error", in: "{app: {\nbundleName: 'a'\nvendor: 'b'}}", errLine: 3, errSubstr: "invalid JSON5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := harmony.ParseAppJSON([]byte(tt.in))
			if tt.errSubstr != "" {
				wantParseError(t, err, tt.errLine, tt.errSubstr)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("app = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestFindAppJSON5(t *testing.T) {
	root := t.TempDir()
	write := func(rel string) string {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	appJSON5 := write("proj/AppScope/app.json5")
	module := write("proj/entry/src/main/module.json5")
	deepModule := write("proj/a/b/c/d/e/f/src/main/module.json5")
	otherApp := write("legacy/AppScope/app.json")
	otherModule := write("legacy/feature/src/main/module.json5")
	lonely := write("lonely/entry/src/main/module.json5")
	os.MkdirAll(filepath.Join(root, "dirapp", "AppScope", "app.json5"), 0o755) // a directory, not a file
	dirModule := write("dirapp/entry/src/main/module.json5")

	tests := []struct{ name, module, want string }{
		{"standard layout", module, appJSON5},
		{"app.json fallback", otherModule, otherApp},
		{"too deep", deepModule, ""},
		{"none", lonely, ""},
		{"directory named app.json5 is ignored", dirModule, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := harmony.FindAppJSON5(tt.module); got != tt.want {
				t.Errorf("FindAppJSON5(%s) = %q, want %q", tt.module, got, tt.want)
			}
		})
	}
	t.Run("relative path climbs past the working directory", func(t *testing.T) {
		t.Chdir(filepath.Join(root, "proj", "entry", "src"))
		got := harmony.FindAppJSON5(filepath.Join("main", "module.json5"))
		if want := filepath.Join("..", "..", "AppScope", "app.json5"); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}
