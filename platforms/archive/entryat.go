package archive

import (
	"archive/zip"
	"errors"
	"io"
	"time"
)

// EntryAt reads an entry at any offset, charging every byte to the
// budget. A stored entry is read in place from the archive, so only the
// bytes asked for are touched; a compressed one is inflated forward only
// as far as the furthest byte asked for, and what was inflated is kept.
type EntryAt struct {
	z        *Zip
	name     string // the entry's full name, for the budget
	size     int64
	inPlace  io.ReaderAt
	stream   io.ReadCloser
	inflated []byte
	err      error // why the stream stopped before size
}

// OpenAt opens an entry for reading at offsets, refusing one whose
// header claims more than max bytes; a compressed entry never inflates
// past its claimed size.
func (z *Zip) OpenAt(f *zip.File, max int64) (*EntryAt, error) {
	if f.UncompressedSize64 > uint64(max) {
		return nil, z.fail(f, "entry is %d bytes uncompressed, over the %d-byte limit", f.UncompressedSize64, max)
	}
	ra, size, inPlace, err := z.InPlace(f)
	if err != nil {
		return nil, err
	}
	e := &EntryAt{z: z, name: z.EntryName(f), size: int64(f.UncompressedSize64)}
	if inPlace {
		e.inPlace, e.size = ra, size
		return e, nil
	}
	if e.stream, err = z.Stream(f); err != nil {
		return nil, err
	}
	return e, nil
}

// Size is the entry's uncompressed size.
func (e *EntryAt) Size() int64 { return e.size }

// ReadAt reads len(p) bytes at off, as io.ReaderAt does.
func (e *EntryAt) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off >= e.size {
		return 0, io.EOF
	}
	if e.inPlace != nil {
		start := time.Now()
		n, err := e.inPlace.ReadAt(p, off)
		if berr := e.z.budget.charge(e.name, int64(n), time.Since(start)); berr != nil {
			return n, berr
		}
		return n, err
	}
	e.inflateTo(min(off+int64(len(p)), e.size))
	n := 0
	if off < int64(len(e.inflated)) {
		n = copy(p, e.inflated[off:])
	}
	switch {
	case e.z.budget.err != nil: // io.ReadFull drops an error once it has its bytes
		return n, e.z.budget.err
	case n == len(p):
		return n, nil
	case e.err != nil:
		return n, e.err
	}
	return n, io.EOF
}

// inflateTo reads the stream on until end bytes (rounded up to a few
// KiB) are held; the buffer's capacity doubles, so many small steps
// forward cost no more copying than one.
func (e *EntryAt) inflateTo(end int64) {
	const step = 4 << 10
	have := int64(len(e.inflated))
	if end <= have || e.err != nil {
		return
	}
	want := min(max(end, have+step), e.size)
	if int64(cap(e.inflated)) < want {
		grown := make([]byte, have, min(max(want, 2*int64(cap(e.inflated))), e.size))
		copy(grown, e.inflated)
		e.inflated = grown
	}
	n, err := io.ReadFull(e.stream, e.inflated[have:want])
	e.inflated = e.inflated[:have+int64(n)]
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = io.EOF
		}
		e.err = err
	}
}

// Close releases the inflater of a compressed entry.
func (e *EntryAt) Close() error {
	if e.stream != nil {
		return e.stream.Close()
	}
	return nil
}
