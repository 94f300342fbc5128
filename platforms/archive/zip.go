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
// split .apk in .apks) that must be inflated into memory. Stored nested
// archives are read in place and need no cap.
const MaxNested = 256 << 20

// Zip is an opened archive: its central directory, read once.
type Zip struct {
	r  *zip.Reader
	ra io.ReaderAt // kept so stored nested archives are read in place
	// Prefix is the path of this archive inside its parent ("" at the top),
	// so errors and locations can name nested entries fully.
	Prefix string
	byName map[string]*zip.File
}

// Open reads the central directory of a zip held by ra.
func Open(ra io.ReaderAt, size int64) (*Zip, error) {
	r, err := zip.NewReader(ra, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("not a readable zip archive: %w", err)
	}
	z := &Zip{r: r, ra: ra, byName: make(map[string]*zip.File, len(r.File))}
	for _, f := range r.File {
		if _, dup := z.byName[f.Name]; !dup {
			z.byName[f.Name] = f
		}
	}
	return z, nil
}

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
	return &audit.ParseError{Entry: z.EntryName(f), Err: fmt.Errorf(format, args...)}
}

// Read returns an entry's bytes, refusing anything over max bytes
// whatever its header claims.
func (z *Zip) Read(f *zip.File, max int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(max) {
		return nil, z.fail(f, "entry is %d bytes uncompressed, over the %d-byte limit", f.UncompressedSize64, max)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, z.fail(f, "cannot open entry: %v", err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, max+1))
	if err != nil {
		return nil, z.fail(f, "cannot read entry: %v", err)
	}
	if int64(len(data)) > max {
		return nil, z.fail(f, "entry inflates past the %d-byte limit", max)
	}
	return data, nil
}

// OpenNested opens an archive stored inside this one. A stored entry is
// read in place from the parent; a compressed one is inflated into memory
// under MaxNested.
func (z *Zip) OpenNested(f *zip.File) (*Zip, error) {
	var (
		ra   io.ReaderAt
		size int64
	)
	if off, err := f.DataOffset(); err == nil && f.Method == zip.Store && f.CompressedSize64 == f.UncompressedSize64 {
		ra, size = io.NewSectionReader(z.ra, off, int64(f.UncompressedSize64)), int64(f.UncompressedSize64)
	} else {
		data, err := z.Read(f, MaxNested)
		if err != nil {
			return nil, err
		}
		ra, size = bytes.NewReader(data), int64(len(data))
	}
	inner, err := Open(ra, size)
	if err != nil {
		return nil, z.fail(f, "%v", err)
	}
	inner.Prefix = z.EntryName(f)
	return inner, nil
}
