package archive

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive/ziptest"
)

func crafted(files ...ziptest.CraftedFile) ziptest.Crafted { return ziptest.Crafted{Files: files} }

func file(name, data string) ziptest.CraftedFile {
	return ziptest.CraftedFile{File: ziptest.File{Name: name, Data: []byte(data)}}
}

// TestOpenFindsStructuralProblems: overlapping, out-of-range, misnamed and
// duplicate entries are found as the archive is opened, and the first two are
// refused for reading while the rest of the archive stays readable.
func TestOpenFindsStructuralProblems(t *testing.T) {
	misnamed := file("AndroidManifest.xml", "real")
	misnamed.LocalName = "AndroidManifest.xmk"
	shifted := file("b", "bbbb")
	shifted.Shift = 1 << 20
	tests := []struct {
		name      string
		archive   ziptest.Crafted
		rule      string
		refused   string // entry Read must refuse
		readable  string // entry Read must still return
		wantEntry string
	}{
		{"alias of another entry", ziptest.Crafted{Files: []ziptest.CraftedFile{file("a", "aaaa"), file("ok", "fine")},
			Aliases: []ziptest.Alias{{Name: "splits/b.apk", Of: 0}}},
			RuleEntryOverlap, "splits/b.apk", "ok", "splits/b.apk"},
		{"aliased entry itself", ziptest.Crafted{Files: []ziptest.CraftedFile{file("a", "aaaa"), file("ok", "fine")},
			Aliases: []ziptest.Alias{{Name: "splits/b.apk", Of: 0}}},
			RuleEntryOverlap, "a", "ok", "splits/b.apk"},
		{"data past the end", crafted(file("a", "aaaa"), shifted), RuleEntryOutOfRange, "b", "a", "b"},
		{"local name differs", crafted(misnamed, file("ok", "fine")), RuleEntryNameMismatch, "", "AndroidManifest.xml", "AndroidManifest.xml"},
		{"two entries of one name", crafted(file("AndroidManifest.xml", "first"), file("AndroidManifest.xml", "second")),
			RuleDuplicateEntry, "", "AndroidManifest.xml", "AndroidManifest.xml"},
		{"clean", crafted(file("a", "aaaa"), file("b", "bb")), "", "", "b", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := open(t, tt.archive.Write())
			probs := z.Budget().Problems()
			if tt.rule == "" {
				if len(probs) != 0 {
					t.Fatalf("problems in a clean archive: %v", probs)
				}
			} else if len(probs) != 1 || probs[0].Rule != tt.rule || probs[0].Entry != tt.wantEntry {
				t.Fatalf("problems %+v, want one %s naming %s", probs, tt.rule, tt.wantEntry)
			}
			if tt.refused != "" {
				f := findFile(z, tt.refused)
				_, err := z.Read(f, 1<<20)
				var pe *audit.ParseError
				if err == nil || !errors.As(err, &pe) || pe.Entry != tt.refused || !strings.Contains(err.Error(), tt.rule) {
					t.Errorf("Read(%s) = %v, want a refusal naming the entry and %s", tt.refused, err, tt.rule)
				}
			}
			if _, err := z.Read(z.File(tt.readable), 1<<20); err != nil {
				t.Errorf("Read(%s): %v", tt.readable, err)
			}
		})
	}
}

// findFile finds an entry even when it is a second record of one name.
func findFile(z *Zip, name string) *zip.File {
	for _, f := range z.Files() {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// TestOverlapBombReportsOnce: a thousand aliases are one problem naming
// a few, not a thousand.
func TestOverlapBombReportsOnce(t *testing.T) {
	c := ziptest.Crafted{Files: []ziptest.CraftedFile{file("base.apk", strings.Repeat("x", 100))}}
	for i := 0; i < 1000; i++ {
		c.Aliases = append(c.Aliases, ziptest.Alias{Name: fmt.Sprintf("splits/s%04d.apk", i)})
	}
	z := open(t, c.Write())
	probs := z.Budget().Problems()
	if len(probs) != 1 || probs[0].Rule != RuleEntryOverlap || !strings.Contains(probs[0].Message, "1000 entries") ||
		!strings.Contains(probs[0].Message, "and 997 more") {
		t.Fatalf("problems %+v", probs)
	}
}

// TestHeaderOffsetReadable guards the one field of archive/zip that the
// structural check reads by reflection.
func TestHeaderOffsetReadable(t *testing.T) {
	data := ziptest.Write([]byte("prefix"), ziptest.File{Name: "a", Data: []byte("x")})
	z := open(t, data)
	off, ok := headerOffset(z.Files()[0])
	if !ok || off != 6 {
		t.Fatalf("headerOffset = %d, %v; want 6 (after the prefix)", off, ok)
	}
	if !bytes.Equal(data[off:off+4], []byte("PK\x03\x04")) {
		t.Fatal("offset does not point at a local header")
	}
}
