package platforms

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/android/axmltest"
	"github.com/permaudit/permaudit/platforms/archive"
	"github.com/permaudit/permaudit/platforms/archive/ziptest"
	"github.com/permaudit/permaudit/platforms/harmony/harmonytest"
	"github.com/permaudit/permaudit/platforms/internal/fixture"
	"github.com/permaudit/permaudit/platforms/ios"
)

func writeInput(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBombsRefused: issue 14's nested and IPA bombs — names sharing one
// deflated payload — are refused without inflating it: a split set or
// App Pack becomes an error naming the overlap, an IPA a finding. The
// budget shows nothing big was inflated.
func TestBombsRefused(t *testing.T) {
	const payload = 8 << 20
	tests := []struct {
		bomb, file string
		n          int
		wantErr    bool
	}{
		{"apks", "bomb.apks", 1000, true},
		{"xapk", "bomb.xapk", 1000, true},
		{"app", "bomb.app", 5000, true},
		{"ipa", "bomb.ipa", 257, false},
	}
	for _, tt := range tests {
		t.Run(tt.bomb, func(t *testing.T) {
			path := writeInput(t, tt.file, fixture.Bombs[tt.bomb](tt.n, payload))
			o, err := probe(path, true, archive.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			defer o.file.Close()
			d, err := o.parse(path, false)
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), archive.RuleEntryOverlap) {
					t.Fatalf("err = %v, want a refusal naming %s", err, archive.RuleEntryOverlap)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if !hasNote(d, archive.RuleEntryOverlap, audit.SeverityError) {
					t.Fatalf("no %s error among %v", archive.RuleEntryOverlap, d.Notes)
				}
				// The refused executables cost one note, not one each.
				unread := 0
				for _, n := range d.Notes {
					if n.RuleID == ios.RuleEntitlementsUnread {
						unread++
					}
				}
				if unread != 1 {
					t.Errorf("%d %s notes for %d refused executables, want 1", unread, ios.RuleEntitlementsUnread, tt.n)
				}
			}
			if got := o.budget.Inflated(); got > payload/2 {
				t.Errorf("inflated %d bytes of a bomb", got)
			}
		})
	}
}

func hasNote(d audit.Declaration, rule string, sev audit.Severity) bool {
	for _, n := range d.Notes {
		if n.RuleID == rule && n.Severity == sev {
			return true
		}
	}
	return false
}

// TestBudgetCutsOffHonestBombs: without overlap, many distinct payloads
// still stop at the input's budget, with an error naming the limit.
func TestBudgetCutsOffHonestBombs(t *testing.T) {
	app := harmonytest.App{BundleName: "com.example.many", VersionName: "1", MinAPI: 12, TargetAPI: 12}
	var (
		haps    []ziptest.File
		modules []harmonytest.Module
	)
	for _, name := range []string{"a", "b", "c", "d"} {
		m := harmonytest.Module{Name: name, Type: "feature"}
		modules = append(modules, m)
		haps = append(haps, ziptest.File{Name: name + ".hap", Data: ziptest.Write(nil,
			ziptest.File{Name: "module.json", Data: harmonytest.ModuleJSON(app, m)},
			ziptest.File{Name: "pad.bin", Data: make([]byte, 2<<20), Store: true})})
	}
	// Deflated: each HAP is inflated into memory.
	pack := ziptest.Write(nil, append([]ziptest.File{{Name: "pack.info", Data: harmonytest.PackInfo(app, modules...)}}, haps...)...)
	splits := bytes.Buffer{}
	_ = fixture.WritePaddedAPKOf(&splits, 3<<20, make([]byte, 1<<20))
	apks := ziptest.Write(nil, ziptest.File{Name: "splits/base-master.apk", Data: splits.Bytes()},
		ziptest.File{Name: "splits/base-xx.apk", Data: splits.Bytes()})
	roomy := archive.Limits{Inflate: 1 << 30, Entries: 1000, Packages: 100, InflateTime: time.Minute}
	tests := []struct {
		name, file string
		data       []byte
		edit       func(*archive.Limits)
		flag       string
	}{
		{"inflated bytes", "many.app", pack, func(l *archive.Limits) { l.Inflate = 5 << 20 }, "--max-inflate"},
		{"nested packages", "many.app", pack, func(l *archive.Limits) { l.Packages = 3 }, "--max-packages"},
		{"entries", "many.app", pack, func(l *archive.Limits) { l.Entries = 8 }, "--max-entries"},
		{"split set bytes", "two.apks", apks, func(l *archive.Limits) { l.Inflate = 5 << 20 }, "--max-inflate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeInput(t, tt.file, tt.data)
			if _, err := ReadWith(path, ReadOptions{Limits: roomy}); err != nil {
				t.Fatalf("within roomy limits: %v", err)
			}
			l := roomy
			tt.edit(&l)
			_, err := ReadWith(path, ReadOptions{Limits: l})
			if err == nil || !strings.Contains(err.Error(), tt.flag) {
				t.Fatalf("err = %v, want the limit and %s", err, tt.flag)
			}
		})
	}
}

// TestStructuralFindings: an APK with a misnamed, an out-of-range or two
// overlapping entries the audit does not need is still audited, and each
// fault is an error-severity finding.
func TestStructuralFindings(t *testing.T) {
	manifest := axmltest.Encode(&axmltest.Node{Name: "manifest", Attrs: []axmltest.Attr{axmltest.Plain("package", "com.example.s")}}, axmltest.Options{})
	base := ziptest.CraftedFile{File: ziptest.File{Name: "AndroidManifest.xml", Data: manifest}}
	res := func(name string) ziptest.CraftedFile {
		return ziptest.CraftedFile{File: ziptest.File{Name: name, Data: []byte("resource bytes")}}
	}
	misnamed, shifted := res("res/a.png"), res("res/b.png")
	misnamed.LocalName = "res/A.png"
	shifted.Shift = 1 << 16
	tests := []struct {
		rule string
		c    ziptest.Crafted
	}{
		{archive.RuleEntryNameMismatch, ziptest.Crafted{Files: []ziptest.CraftedFile{base, misnamed}}},
		{archive.RuleEntryOutOfRange, ziptest.Crafted{Files: []ziptest.CraftedFile{base, shifted}}},
		{archive.RuleEntryOverlap, ziptest.Crafted{Files: []ziptest.CraftedFile{base, res("res/c.png")}, Aliases: []ziptest.Alias{{Name: "res/d.png", Of: 1}}}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			d, err := Read(writeInput(t, "app.apk", tt.c.Write()), false)
			if err != nil {
				t.Fatal(err)
			}
			if !hasNote(d, tt.rule, audit.SeverityError) {
				t.Errorf("no %s finding in %v", tt.rule, d.Notes)
			}
		})
	}
}

// TestFIFORefused: a named pipe on the command line or in a tree is an
// error at once, never a read that blocks forever.
func TestFIFORefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "AndroidManifest.xml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := Read(fifo, true); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("Read(FIFO) = %v, want a named-pipe error", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Read blocked on a FIFO")
	}
	found := scanAll(dir, WalkOptions{})
	if len(found) != 2 || found[0].Path != fifo || found[0].Err == nil || !errors.Is(found[1].Err, ErrNothingFound) {
		t.Errorf("Scan = %+v; want the FIFO reported, then nothing found", found)
	}
}
