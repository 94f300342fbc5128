package ios_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"howett.net/plist"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
	"github.com/permaudit/permaudit/platforms/ios"
)

// corpusDir finds the shared real-world corpus: $PERMAUDIT_CORPUS, or
// ../shared/corpus beside the repository root. "" when absent.
func corpusDir() string {
	if dir := os.Getenv("PERMAUDIT_CORPUS"); dir != "" {
		return dir
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			c := filepath.Join(dir, "..", "shared", "corpus")
			if _, err := os.Stat(c); err == nil {
				return c
			}
			return ""
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
	}
}

func corpusFiles(t *testing.T, sub string) []string {
	t.Helper()
	dir := corpusDir()
	if dir == "" {
		t.Skip("corpus not found (set PERMAUDIT_CORPUS)")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "ios", sub, "*"))
	if len(files) == 0 {
		t.Skipf("no files in corpus ios/%s", sub)
	}
	return files
}

// TestCorpusInfoPlists: every Info.plist parses, and the usage keys we
// report are exactly the top-level *UsageDescription keys of a plain decode.
func TestCorpusInfoPlists(t *testing.T) {
	for _, name := range corpusFiles(t, "plist") {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := ios.ParseInfoPlist(data)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(name), err)
			continue
		}
		var plain map[string]any
		if _, err := plist.Unmarshal(data, &plain); err != nil {
			t.Fatalf("%s: plain decode: %v", filepath.Base(name), err)
		}
		var want, got []string
		for k := range plain {
			if strings.HasSuffix(k, "UsageDescription") {
				want = append(want, k)
			}
		}
		for _, p := range d.Permissions {
			if p.Form == audit.FormUsageDescription {
				got = append(got, p.Name)
				if p.Line == 0 {
					t.Errorf("%s: %s has no line", filepath.Base(name), p.Name)
				}
			}
		}
		sort.Strings(want)
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: usage keys\n got %v\nwant %v", filepath.Base(name), got, want)
		}
		if kind, ok := ios.SniffPlist(data); !ok || kind != ios.KindInfoPlist {
			t.Errorf("%s: sniffed as %q, %v", filepath.Base(name), kind, ok)
		}
		t.Logf("%s: %d permissions, %d facts, %d notes", filepath.Base(name), len(d.Permissions), len(d.Facts), len(d.Notes))
	}
}

func TestCorpusPrivacyManifests(t *testing.T) {
	for _, name := range corpusFiles(t, "xcprivacy") {
		data, _ := os.ReadFile(name)
		d, m, err := ios.ParsePrivacyManifest(data)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(name), err)
			continue
		}
		if kind, ok := ios.SniffPlist(data); !ok || kind != ios.KindPrivacyManifest {
			t.Errorf("%s: sniffed as %q, %v", filepath.Base(name), kind, ok)
		}
		t.Logf("%s: %d collected, %d APIs, %d domains, notes %v", filepath.Base(name), len(m.CollectedData), len(m.AccessedAPIs), len(m.TrackingDomains), d.Notes)
	}
}

func TestCorpusEntitlements(t *testing.T) {
	for _, name := range corpusFiles(t, "entitlements") {
		data, _ := os.ReadFile(name)
		d, err := ios.ParseEntitlements(data)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(name), err)
			continue
		}
		var plain map[string]any
		if _, err := plist.Unmarshal(data, &plain); err != nil || len(plain) != len(d.Permissions) {
			t.Errorf("%s: %d entitlements, plain decode has %d (%v)", filepath.Base(name), len(d.Permissions), len(plain), err)
		}
		kind, ok := ios.SniffPlist(data)
		t.Logf("%s: %d entitlements, sniffed %q %v", filepath.Base(name), len(d.Permissions), kind, ok)
	}
}

// TestCorpusIPAs parses every real .ipa and logs what it shows; each must
// parse or be refused with a parse error naming the entry.
func TestCorpusIPAs(t *testing.T) {
	for _, name := range corpusFiles(t, "ipa") {
		base := filepath.Base(name)
		fh, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := fh.Stat()
		z, err := archive.Open(fh, fi.Size())
		if err != nil {
			t.Logf("%s: refused: %v", base, err)
			fh.Close()
			continue
		}
		if !ios.LooksLikeIPA(z) {
			t.Errorf("%s: not recognised as an .ipa", base)
		}
		d, err := ios.ParseIPA(z)
		if err != nil {
			fh.Close()
			t.Logf("%s: refused: %v", base, err)
			continue
		}
		// The app's usage keys match a plain decode of its (binary) Info.plist.
		info := z.Match("Payload/*.app/Info.plist")[0]
		data, err := z.Read(info, archive.MaxEntry)
		fh.Close()
		var plain map[string]any
		if _, perr := plist.Unmarshal(data, &plain); err != nil || perr != nil {
			t.Fatalf("%s: plain decode: %v %v", base, err, perr)
		}
		var want, got []string
		for k := range plain {
			if strings.HasSuffix(k, "UsageDescription") {
				want = append(want, k)
			}
		}
		for _, p := range d.Permissions {
			if p.Form == audit.FormUsageDescription && p.Module == "" {
				got = append(got, p.Name)
			}
		}
		sort.Strings(want)
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: usage keys got %v, want %v", base, got, want)
		}
		t.Logf("%s: %s %s min %s; modules %s", base, d.App.ID, d.App.Version, d.App.MinLevel, moduleList(d.Modules))
		t.Logf("  permissions: %s", permissionSummary(d.Permissions))
		for _, n := range d.Notes {
			t.Logf("  note %s %s: %s", n.RuleID, n.Entry, n.Message)
		}
	}
}

func moduleList(ms []audit.Module) string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name+"("+m.Kind+")")
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// permissionSummary lists distinct name@source pairs.
func permissionSummary(ps []audit.Permission) string {
	seen := map[string]bool{}
	var out []string
	for _, p := range ps {
		src := filepath.Base(p.Entry)
		if p.Module != "" {
			src = p.Module + "/" + src
		}
		k := p.Name + "@" + src
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return strings.Join(out, " ")
}
