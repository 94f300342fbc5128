package platforms

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// openRegular opens path only if it is a regular file. A FIFO named on
// the command line would block the first read forever, and a device can
// stream without end, so the type is checked before opening; the open is
// non-blocking and the type checked again on the descriptor, in case the
// path was swapped in between.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if err := regular(st); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	now, err := f.Stat()
	if err == nil {
		err = regular(now)
	}
	if err == nil && !os.SameFile(st, now) {
		err = fmt.Errorf("changed while it was being opened")
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, now, nil
}

// regular describes what a non-regular file is, in the words of ls -l.
func regular(st fs.FileInfo) error {
	m := st.Mode()
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return fmt.Errorf("is a directory")
	case m&fs.ModeNamedPipe != 0:
		return fmt.Errorf("is a named pipe (FIFO), not a file; permaudit reads only regular files")
	case m&fs.ModeSocket != 0:
		return fmt.Errorf("is a socket, not a file; permaudit reads only regular files")
	case m&fs.ModeDevice != 0:
		return fmt.Errorf("is a device, not a file; permaudit reads only regular files")
	}
	return fmt.Errorf("is not a regular file (%s)", m.Type())
}
