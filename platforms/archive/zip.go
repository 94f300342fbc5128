// Package archive opens zip-based packages (APK, AAB, IPA, HAP, .app) and
// reads only the entries asked for, each under a size cap: the cost of a
// package depends on its central directory and manifests, not its size.
package archive

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"

	"github.com/permaudit/permaudit/audit"
)

// MaxEntry caps a manifest, plist or JSON entry: nothing legitimate comes
// near it, and a zip bomb stops here.
const MaxEntry = 16 << 20

// MaxNested caps a compressed archive inside an archive (.hap in .app,
// split .apk in .apks) that must be inflated before it can be read (see
// spool). Stored nested archives are read in place and need no cap.
const MaxNested = 256 << 20

// Zip is an opened archive: its central directory, read once.
type Zip struct {
	r  *zip.Reader
	ra io.ReaderAt // kept so stored nested archives are read in place
	// Prefix is the path of this archive inside its parent ("" at the top),
	// so errors and locations can name nested entries fully.
	Prefix string
	byName map[string]*zip.File
	budget *Budget
	// refused maps entries that must not be read (overlapping, out of
	// range) to why.
	refused map[*zip.File]string
	found   []Problem
	release func() error // frees what a compressed nested archive was inflated into
}

// Open reads the central directory of a zip held by ra, under a budget of
// its own with the DefaultLimits.
func Open(ra io.ReaderAt, size int64) (*Zip, error) {
	return OpenWithin(ra, size, NewBudget(DefaultLimits))
}

// OpenWithin reads the central directory of a zip held by ra, charging
// its entries to b, and checks where each entry lies (see Problem).
func OpenWithin(ra io.ReaderAt, size int64, b *Budget) (*Zip, error) {
	return openZip(ra, size, b, "")
}

func openZip(ra io.ReaderAt, size int64, b *Budget, prefix string) (*Zip, error) {
	r, err := zip.NewReader(ra, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("not a readable zip archive: %w", err)
	}
	if err := b.addEntries(len(r.File), prefix); err != nil {
		return nil, err
	}
	z := &Zip{r: r, ra: ra, Prefix: prefix, byName: make(map[string]*zip.File, len(r.File)), budget: b}
	for _, f := range r.File {
		if _, dup := z.byName[f.Name]; !dup {
			z.byName[f.Name] = f
		}
	}
	z.inspect(size)
	return z, nil
}

// Budget is the budget this archive, and every one nested in it, reads under.
func (z *Zip) Budget() *Budget { return z.budget }

// Files lists the entries in central-directory order.
func (z *Zip) Files() []*zip.File { return z.r.File }

// File returns the entry with exactly this name, or nil.
func (z *Zip) File(name string) *zip.File { return z.byName[name] }

// Match returns the entries whose names match a path.Match pattern, sorted by name.
func (z *Zip) Match(pattern string) []*zip.File {
	var out []*zip.File
	for _, f := range z.r.File {
		if ok, _ := path.Match(pattern, f.Name); ok && z.byName[f.Name] == f {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// EntryName is an entry's full name, with the parent archives before it.
func (z *Zip) EntryName(f *zip.File) string {
	if z.Prefix == "" {
		return f.Name
	}
	return z.Prefix + "!/" + f.Name
}

func (z *Zip) fail(f *zip.File, format string, args ...any) error {
	return z.wrap(f, fmt.Errorf(format, args...))
}

func (z *Zip) wrap(f *zip.File, err error) error {
	return &audit.ParseError{Entry: z.EntryName(f), Err: err}
}

// usable refuses an entry Open found overlapping or out of range.
func (z *Zip) usable(f *zip.File) error {
	if why, bad := z.refused[f]; bad {
		return z.wrap(f, &RefusedError{Why: why})
	}
	return nil
}

// RefusedError is a read of an entry Open refused (overlapping, out of
// range): the archive's structural finding already names it.
type RefusedError struct{ Why string }

func (e *RefusedError) Error() string { return e.Why }

// Refused tells an error that only repeats a structural finding.
func Refused(err error) bool {
	var re *RefusedError
	return errors.As(err, &re)
}

// Read returns an entry's bytes, refusing anything over max bytes
// whatever its header claims.
func (z *Zip) Read(f *zip.File, max int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(max) {
		return nil, z.fail(f, "entry is %d bytes uncompressed, over the %d-byte limit", f.UncompressedSize64, max)
	}
	rc, err := z.Stream(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// The header's size is only a hint (it may lie), but an honest one
	// saves growing the buffer by doubling.
	buf := bytes.NewBuffer(make([]byte, 0, min(f.UncompressedSize64, 1<<20)+1))
	if _, err := buf.ReadFrom(io.LimitReader(rc, max+1)); err != nil {
		return nil, z.readFail(f, err)
	}
	if int64(buf.Len()) > max {
		return nil, z.fail(f, "entry inflates past the %d-byte limit", max)
	}
	return buf.Bytes(), nil
}

// Stream opens an entry for reading forward; every byte read is charged
// to the budget, and reading stops when it runs out.
func (z *Zip) Stream(f *zip.File) (io.ReadCloser, error) {
	if err := z.usable(f); err != nil {
		return nil, err
	}
	rc, err := f.Open()
	if err != nil {
		return nil, z.fail(f, "cannot open entry: %v", err)
	}
	return struct {
		io.Reader
		io.Closer
	}{meter{rc, z.budget, z.EntryName(f)}, rc}, nil
}

// InPlace returns a stored entry's bytes as a slice of the archive, read
// without copying; ok is false for a compressed entry.
func (z *Zip) InPlace(f *zip.File) (ra io.ReaderAt, size int64, ok bool, err error) {
	if err := z.usable(f); err != nil {
		return nil, 0, false, err
	}
	off, derr := f.DataOffset()
	if derr != nil || f.Method != zip.Store || f.CompressedSize64 != f.UncompressedSize64 {
		return nil, 0, false, nil
	}
	return io.NewSectionReader(z.ra, off, int64(f.UncompressedSize64)), int64(f.UncompressedSize64), true, nil
}

func (z *Zip) readFail(f *zip.File, err error) error {
	var le *LimitError
	if errors.As(err, &le) {
		return z.wrap(f, le)
	}
	return z.fail(f, "cannot read entry: %v", err)
}

// OpenNested opens an archive stored inside this one, under the same
// budget. A stored entry is read in place from the parent; a compressed
// one is inflated (spooled) under MaxNested. Close the result when done
// with it, so a spooled archive does not outlive its use.
func (z *Zip) OpenNested(f *zip.File) (*Zip, error) {
	if err := z.budget.addPackage(z.EntryName(f)); err != nil {
		return nil, z.wrap(f, err)
	}
	ra, size, inPlace, err := z.InPlace(f)
	if err != nil {
		return nil, err
	}
	release := noRelease
	if !inPlace {
		if ra, size, release, err = z.spool(f); err != nil {
			return nil, err
		}
	}
	inner, err := openZip(ra, size, z.budget, z.EntryName(f))
	if err != nil {
		release()
		return nil, z.wrap(f, err)
	}
	inner.release = release
	return inner, nil
}

// Close frees what opening a nested archive took; it is a no-op for one
// read in place or at the top.
func (z *Zip) Close() error {
	if z.release == nil {
		return nil
	}
	release := z.release
	z.release = nil
	return release()
}
