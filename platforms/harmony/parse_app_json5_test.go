package harmony_test

import (
	"testing"
	"testing/fstest"

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

func TestFindAppScope(t *testing.T) {
	file := &fstest.MapFile{Data: []byte("{}")}
	fsys := fstest.MapFS{
		"proj/AppScope/app.json5":                file,
		"proj/entry/src/main/module.json5":       file,
		"proj/a/b/c/d/e/f/src/main/module.json5": file,
		"legacy/AppScope/app.json":               file,
		"legacy/feature/src/main/module.json5":   file,
		"lonely/entry/src/main/module.json5":     file,
		"dirapp/AppScope/app.json5/x":            file, // a directory named app.json5
		"dirapp/entry/src/main/module.json5":     file,
	}
	tests := []struct{ name, module, want string }{
		{"standard layout", "proj/entry/src/main/module.json5", "proj/AppScope/app.json5"},
		{"app.json fallback", "legacy/feature/src/main/module.json5", "legacy/AppScope/app.json"},
		{"too deep", "proj/a/b/c/d/e/f/src/main/module.json5", ""},
		{"none", "lonely/entry/src/main/module.json5", ""},
		{"directory named app.json5 is ignored", "dirapp/entry/src/main/module.json5", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := harmony.FindAppScope(fsys, tt.module); got != tt.want {
				t.Errorf("FindAppScope(%s) = %q, want %q", tt.module, got, tt.want)
			}
		})
	}
}
