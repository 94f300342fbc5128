package ios

import (
	"errors"
	"fmt"
	"io"
)

// byteSource hands out small pieces of a possibly huge file. The Mach-O
// reader asks for pieces in increasing offset order, so the same code
// serves a file we can seek in and a deflated zip entry we can only read
// forward.
type byteSource interface {
	// read returns exactly n bytes at off.
	read(off int64, n int) ([]byte, error)
	size() int64
}

var errTruncated = errors.New("file ends inside a structure it declares")

// randomSource reads in place from an io.ReaderAt.
type randomSource struct {
	ra io.ReaderAt
	n  int64
}

func (s randomSource) size() int64 { return s.n }

func (s randomSource) read(off int64, n int) ([]byte, error) {
	if off < 0 || n < 0 || off > s.n || int64(n) > s.n-off {
		return nil, errTruncated
	}
	buf := make([]byte, n)
	// ReadAt may report io.EOF along with a full buffer at the very end.
	if got, err := s.ra.ReadAt(buf, off); got < n {
		if err == nil {
			err = errTruncated
		}
		return nil, readErr(err)
	}
	return buf, nil
}

// streamSource reads forward only, discarding what lies between the
// pieces asked for; nothing but the pieces is ever held in memory.
type streamSource struct {
	r       io.Reader
	n       int64
	pos     int64
	maxSkip int64 // total bytes we agree to inflate and throw away
}

func (s *streamSource) size() int64 { return s.n }

func (s *streamSource) read(off int64, n int) ([]byte, error) {
	if off < 0 || n < 0 || off > s.n || int64(n) > s.n-off {
		return nil, errTruncated
	}
	if off < s.pos {
		return nil, fmt.Errorf("structure at offset %d lies before data already read (%d); the file is not laid out as Mach-O files are", off, s.pos)
	}
	if skip := off - s.pos; skip > 0 {
		if skip > s.maxSkip {
			return nil, fmt.Errorf("code signature lies past the %d-byte read limit", s.maxSkip)
		}
		done, err := io.CopyN(io.Discard, s.r, skip)
		s.pos += done
		s.maxSkip -= done
		if err != nil {
			return nil, readErr(err)
		}
	}
	buf := make([]byte, n)
	got, err := io.ReadFull(s.r, buf)
	s.pos += int64(got)
	if err != nil {
		return nil, readErr(err)
	}
	return buf, nil
}

func readErr(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errTruncated
	}
	return err
}
