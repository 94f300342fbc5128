package archive

import (
	"fmt"
	"io"
	"io/fs"
)

// ReadFile reads one file of a source project through fsys, capped at
// MaxEntry like any manifest entry. A directory or device in its place
// reads as fs.ErrNotExist, so callers treat it as absent.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file: %w", name, fs.ErrNotExist)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxEntry+1))
	if err == nil && len(data) > MaxEntry {
		err = fmt.Errorf("over the %d-byte limit for a manifest or build file", MaxEntry)
	}
	return data, err
}
