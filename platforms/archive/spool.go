package archive

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
)

// spoolInMemory is how much of a compressed nested archive is held in
// memory; past it the rest goes to a temporary file, so that a split set
// of a few large compressed APKs costs disk for a moment, not a gigabyte
// of memory.
const spoolInMemory = 8 << 20

// spool inflates a compressed nested archive so that it can be read at
// any offset, as its central directory at the end demands. Small ones
// stay in memory; larger ones are written to a temporary file that is
// unlinked at once where the system allows it, so nothing is left behind
// even if permaudit is killed. release frees either.
func (z *Zip) spool(f *zip.File) (ra io.ReaderAt, size int64, release func() error, err error) {
	if f.UncompressedSize64 > MaxNested {
		return nil, 0, nil, z.fail(f, "entry is %d bytes uncompressed, over the %d-byte limit", f.UncompressedSize64, int64(MaxNested))
	}
	rc, err := z.Stream(f)
	if err != nil {
		return nil, 0, nil, err
	}
	defer rc.Close()
	// One exact buffer: bytes.Buffer would grow it to twice the size.
	buf := make([]byte, min(f.UncompressedSize64, spoolInMemory)+1)
	n, err := io.ReadFull(rc, buf)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return bytes.NewReader(buf[:n]), int64(n), noRelease, nil
	case err != nil:
		return nil, 0, nil, z.readFail(f, err)
	}
	// More than the buffer holds (the header may have understated it):
	// the rest goes to a file.
	head := bytes.NewBuffer(buf[:n])
	tmp, release, err := tempSpool()
	if err != nil { // no writable temporary directory: hold it in memory, as before
		return z.spoolRest(f, head, rc)
	}
	written, err := io.Copy(tmp, io.MultiReader(head, io.LimitReader(rc, MaxNested+1-int64(head.Len()))))
	switch {
	case err != nil && isLimit(err):
		release()
		return nil, 0, nil, z.readFail(f, err)
	case err != nil:
		release()
		return nil, 0, nil, z.fail(f, "cannot spool the nested archive to a temporary file: %v", err)
	case written > MaxNested:
		release()
		return nil, 0, nil, z.fail(f, "entry inflates past the %d-byte limit", int64(MaxNested))
	}
	return tmp, written, release, nil
}

// spoolRest reads the rest of a nested archive into memory.
func (z *Zip) spoolRest(f *zip.File, head *bytes.Buffer, rc io.Reader) (io.ReaderAt, int64, func() error, error) {
	if _, err := head.ReadFrom(io.LimitReader(rc, MaxNested+1-int64(head.Len()))); err != nil {
		return nil, 0, nil, z.readFail(f, err)
	}
	if head.Len() > MaxNested {
		return nil, 0, nil, z.fail(f, "entry inflates past the %d-byte limit", int64(MaxNested))
	}
	return bytes.NewReader(head.Bytes()), int64(head.Len()), noRelease, nil
}

// tempSpool creates the temporary file of one nested archive. On systems
// that cannot unlink an open file, it is removed when released.
func tempSpool() (*os.File, func() error, error) {
	tmp, err := os.CreateTemp("", "permaudit-nested-*.zip")
	if err != nil {
		return nil, nil, err
	}
	unlinked := os.Remove(tmp.Name()) == nil
	return tmp, func() error {
		err := tmp.Close()
		if !unlinked {
			if rerr := os.Remove(tmp.Name()); err == nil {
				err = rerr
			}
		}
		return err
	}, nil
}

func noRelease() error { return nil }

func isLimit(err error) bool {
	var le *LimitError
	return errors.As(err, &le)
}
