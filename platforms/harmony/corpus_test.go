package harmony_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
	"github.com/permaudit/permaudit/platforms/harmony"
	"github.com/titanous/json5"
)

// corpusDir finds the shared real-world corpus: $PERMAUDIT_CORPUS, or
// shared/corpus beside the repository. Tests skip when it is absent.
func corpusDir(t *testing.T, sub string) string {
	t.Helper()
	dir := os.Getenv("PERMAUDIT_CORPUS")
	if dir == "" {
		root, err := filepath.Abs(".")
		if err != nil {
			t.Skip(err)
		}
		for ; ; root = filepath.Dir(root) {
			if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
				break
			}
			if filepath.Dir(root) == root {
				t.Skip("repository root not found")
			}
		}
		dir = filepath.Join(root, "..", "shared", "corpus")
	}
	dir = filepath.Join(dir, filepath.FromSlash(sub))
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	return dir
}

func corpusFiles(t *testing.T, sub string) []string {
	files, err := filepath.Glob(filepath.Join(corpusDir(t, sub), "*"))
	if err != nil || len(files) == 0 {
		t.Skipf("no corpus files in %s", sub)
	}
	return files
}

// commentRE is the oracle's own comment remover, written apart from the
// package's lexer: strings are kept, comments dropped.
var commentRE = regexp.MustCompile(`("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|//[^\n]*|/\*[\s\S]*?\*/`)

// oracleNames decodes with json5 alone (after removing comments when the
// library cannot get past them) and lists the permission names.
func oracleNames(t *testing.T, data []byte) []string {
	var doc map[string]any
	if err := json5.Unmarshal(data, &doc); err != nil {
		stripped := commentRE.ReplaceAll(data, []byte("$1"))
		if err := json5.Unmarshal(stripped, &doc); err != nil {
			t.Fatalf("oracle cannot decode: %v", err)
		}
		t.Logf("plain json5 fails (%v); compared after removing comments", err)
	}
	module, _ := doc["module"].(map[string]any)
	list, ok := module["requestPermissions"].([]any)
	if !ok {
		list, _ = module["reqPermissions"].([]any)
	}
	names := []string{}
	for _, e := range list {
		names = append(names, e.(map[string]any)["name"].(string))
	}
	return names
}

func TestCorpusModules(t *testing.T) {
	total := 0
	for _, path := range corpusFiles(t, "harmony/module-json5") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			kind, ok := harmony.SniffJSON(data)
			if !ok || (kind != "module-json5" && kind != "module-json" && kind != "config-json") {
				t.Errorf("SniffJSON = %q, %v", kind, ok)
			}
			d, err := harmony.ParseModule(data)
			if err != nil {
				t.Fatalf("ParseModule: %v", err)
			}
			if d.Artifact.Kind != kind {
				t.Errorf("kind %q, sniffed %q", d.Artifact.Kind, kind)
			}
			var got []string
			lines := bytes.Split(data, []byte("\n"))
			for _, p := range d.Permissions {
				got = append(got, p.Name)
				// The line must hold the name key and its value.
				if p.Line < 1 || p.Line > len(lines) || !bytes.Contains(lines[p.Line-1], []byte("name")) ||
					!bytes.Contains(lines[p.Line-1], []byte(p.Name)) {
					t.Errorf("%s: line %d does not hold its name", p.Name, p.Line)
				}
			}
			if want := oracleNames(t, data); !reflect.DeepEqual(append([]string{}, got...), want) {
				t.Errorf("names differ from a plain json5 decode:\n got %v\nwant %v", got, want)
			}
			total += len(d.Permissions)
		})
	}
	t.Logf("%d permissions", total)
}

func TestCorpusAppJSON5(t *testing.T) {
	for _, path := range corpusFiles(t, "harmony/app-json5") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if kind, _ := harmony.SniffJSON(data); kind != "app-json5" {
				t.Errorf("SniffJSON = %q", kind)
			}
			app, err := harmony.ParseAppJSON(data)
			if err != nil {
				t.Fatal(err)
			}
			if app.ID == "" || app.Version == "" {
				t.Errorf("app = %+v, want bundleName and versionName", app)
			}
		})
	}
}

// Every package parses, or is refused with a reason; the only refusal
// expected is the zip that holds no HarmonyOS manifest at all.
func TestCorpusPackages(t *testing.T) {
	for _, path := range corpusFiles(t, "harmony/hap") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			info, err := f.Stat()
			if err != nil {
				t.Fatal(err)
			}
			z, err := archive.Open(f, info.Size())
			if err != nil {
				t.Fatal(err)
			}
			kind, ok := harmony.DetectPackage(z)
			var d audit.Declaration
			if kind == "app" {
				d, err = harmony.ParseAppPack(z)
			} else {
				d, err = harmony.ParseHAP(z)
			}
			if err != nil {
				checkError(t, err)
				if ok || !strings.Contains(err.Error(), "not a HarmonyOS package") {
					t.Errorf("detected %q but refused: %v", kind, err)
				}
				t.Logf("refused: %v", err)
				return
			}
			if !ok || d.Artifact.Kind != kind || d.App.ID == "" || len(d.Modules) == 0 {
				t.Errorf("detect %q %v, got %+v", kind, ok, d)
			}
			t.Logf("%s %s %s, modules %+v, %d permissions", d.Artifact.Kind, d.App.ID, d.App.Version, d.Modules, len(d.Permissions))
		})
	}
}

// TestCorpusResourceIndex: every "$string:" reference in a real
// package's manifest (labels, descriptions) has a base value in its
// resources.index, V1 tables from restool 2.x to 5.x.
func TestCorpusResourceIndex(t *testing.T) {
	refRE := regexp.MustCompile(`"\$string:([A-Za-z0-9_.]+)"`)
	checked := 0
	for _, path := range corpusFiles(t, "harmony/hap") {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		z, err := archive.Open(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			continue
		}
		var manifest, index []byte
		for _, f := range z.Files() {
			switch {
			case f.Name == "module.json" || f.Name == "config.json":
				manifest, _ = z.Read(f, archive.MaxEntry)
			case f.Name == "resources.index" || strings.HasSuffix(f.Name, "/resources.index"):
				index, _ = z.Read(f, archive.MaxEntry)
			}
		}
		refs := refRE.FindAllSubmatch(manifest, -1)
		if index == nil || len(refs) == 0 {
			continue
		}
		var names []string
		for _, r := range refs {
			names = append(names, string(r[1]))
		}
		got, err := harmony.LookupIndexStrings(index, names...)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(path), err)
			continue
		}
		for _, n := range names {
			if got[n] == "" {
				t.Errorf("%s: $string:%s has no base value", filepath.Base(path), n)
			}
		}
		t.Logf("%s: %q", filepath.Base(path), got)
		checked++
	}
	if checked == 0 {
		t.Skip("no corpus package with a resources.index and string references")
	}
	t.Logf("%d packages checked", checked)
}
