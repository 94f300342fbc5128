package archive

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"reflect"
	"sort"

	"github.com/permaudit/permaudit/audit"
)

// Rule ids of the structural problems Open finds. Each is a way to show
// one reader of a package different content than another, or to make a
// few kilobytes inflate to gigabytes.
const (
	// RuleEntryOverlap: two entries share bytes, the trick of
	// non-recursive zip bombs and of packages that differ per reader.
	RuleEntryOverlap = "package-entry-overlap"
	// RuleEntryOutOfRange: an entry's data runs past the end of the archive.
	RuleEntryOutOfRange = "package-entry-out-of-range"
	// RuleEntryNameMismatch: the local header names an entry differently
	// from the central directory. Android's zip reader refuses such an
	// entry (AOSP system/libziparchive/zip_archive.cc, FindEntry:
	// "Inconsistent name"), while Go and most desktop tools go by the
	// central directory alone.
	RuleEntryNameMismatch = "package-entry-name-mismatch"
	// RuleDuplicateEntry: two entries carry one name. Android refuses such
	// a package (AOSP system/libziparchive/zip_archive.cc, ParseZipArchive:
	// "Duplicate entry"), the fix for the "Master Key" bug (CVE-2013-4787)
	// that showed the verifier one entry and the installer the other.
	RuleDuplicateEntry = "package-duplicate-entry"
)

// Problem is one structural fault of an archive, found as it is opened.
type Problem struct {
	Rule    string
	Entry   string // full name, with the parent archives before it
	Message string
}

// span is where one entry lies: its local header to the end of its data.
type span struct {
	f          *zip.File
	start, end int64
	localName  string // when it differs from the central directory's
}

// inspect reads each entry's local header and records overlapping,
// out-of-range and misnamed entries. Overlapping entries (all sides) and
// entries outside the archive are refused for reading, so a bomb's shared
// payload is never inflated.
func (z *Zip) inspect(size int64) {
	spans := make([]span, 0, len(z.r.File))
	for _, f := range z.r.File {
		s, err := z.locate(f, size)
		if err != nil {
			z.refuse(f, RuleEntryOutOfRange, err.Error())
			continue
		}
		spans = append(spans, s)
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var reach span // the entry reaching furthest so far
	for i, s := range spans {
		if i > 0 && s.start < reach.end {
			msg := fmt.Sprintf("shares bytes %d–%d with %s: a zip bomb or a package that reads differently per tool; not read",
				s.start, min(s.end, reach.end), z.EntryName(reach.f))
			z.refuse(s.f, RuleEntryOverlap, msg)
			// Neither side is read: which one is "the real one" is the trick.
			if _, done := z.refused[reach.f]; !done {
				z.refused[reach.f] = RuleEntryOverlap + ": shares bytes with " + z.EntryName(s.f) + "; not read"
			}
		}
		if s.end > reach.end {
			reach = s
		}
	}
	seen := make(map[string]bool, len(z.r.File))
	for _, f := range z.r.File {
		if seen[f.Name] {
			z.problem(f, RuleDuplicateEntry, "a second entry of this name: Android refuses the package (\"Duplicate entry\"), other tools read either copy; permaudit read the first")
		}
		seen[f.Name] = true
	}
	// An alias overlaps and is misnamed at once; the overlap says it all.
	for _, s := range spans {
		if _, refused := z.refused[s.f]; !refused && s.localName != "" {
			z.problem(s.f, RuleEntryNameMismatch, fmt.Sprintf("the local header names it %q; Android refuses such a package, other tools go by the central directory's name", s.localName))
		}
	}
	z.report()
}

// locate reads f's local header: it must be where the central directory
// says, carry the same name, and its data must end inside the archive.
func (z *Zip) locate(f *zip.File, size int64) (span, error) {
	start, ok := headerOffset(f)
	if !ok {
		return span{}, fmt.Errorf("cannot tell where the entry starts")
	}
	hdr := make([]byte, 30)
	if start < 0 || start > size-30 {
		return span{}, fmt.Errorf("local header at offset %d lies outside the %d-byte archive", start, size)
	}
	if _, err := z.ra.ReadAt(hdr, start); err != nil || !bytes.Equal(hdr[:4], []byte("PK\x03\x04")) {
		return span{}, fmt.Errorf("no local header at offset %d", start)
	}
	nameLen, extraLen := int64(binary.LittleEndian.Uint16(hdr[26:])), int64(binary.LittleEndian.Uint16(hdr[28:]))
	name := make([]byte, nameLen)
	if _, err := z.ra.ReadAt(name, start+30); err != nil {
		return span{}, fmt.Errorf("local header at offset %d is cut off", start)
	}
	end := start + 30 + nameLen + extraLen + int64(f.CompressedSize64)
	if f.CompressedSize64 > uint64(size) || end > size {
		return span{}, fmt.Errorf("its data (%d bytes from offset %d) runs past the end of the %d-byte archive; not read",
			f.CompressedSize64, start+30+nameLen+extraLen, size)
	}
	s := span{f: f, start: start, end: end}
	if string(name) != f.Name {
		s.localName = string(name)
	}
	return s, nil
}

// headerOffset is where f's local header starts, as archive/zip computed
// it (relative offset plus any data before the archive). archive/zip keeps
// it unexported; a test fails if a Go release renames it.
func headerOffset(f *zip.File) (int64, bool) {
	v := reflect.ValueOf(f).Elem().FieldByName("headerOffset")
	if !v.IsValid() || v.Kind() != reflect.Int64 {
		return 0, false
	}
	return v.Int(), true
}

func (z *Zip) problem(f *zip.File, rule, msg string) {
	z.found = append(z.found, Problem{Rule: rule, Entry: z.EntryName(f), Message: msg})
}

// report hands the problems found to the budget, one per rule: a bomb of
// a thousand aliases is one finding naming a few of them, not a thousand.
func (z *Zip) report() {
	byRule := map[string][]Problem{}
	var rules []string
	for _, p := range z.found {
		if byRule[p.Rule] == nil {
			rules = append(rules, p.Rule)
		}
		byRule[p.Rule] = append(byRule[p.Rule], p)
	}
	for _, rule := range rules {
		ps := byRule[rule]
		if len(ps) == 1 {
			z.budget.problems = append(z.budget.problems, ps[0])
			continue
		}
		names := make([]string, len(ps))
		for i, p := range ps {
			names[i] = p.Entry
		}
		z.budget.problems = append(z.budget.problems, Problem{Rule: rule, Entry: z.Prefix,
			Message: fmt.Sprintf("%d entries (%s); %s: %s", len(ps), audit.NameSome(names, 3), ps[0].Entry, ps[0].Message)})
	}
	z.found = nil
}

// refuse records a problem and keeps the entry from being read.
func (z *Zip) refuse(f *zip.File, rule, msg string) {
	z.problem(f, rule, msg)
	if z.refused == nil {
		z.refused = map[*zip.File]string{}
	}
	z.refused[f] = rule + ": " + msg
}
