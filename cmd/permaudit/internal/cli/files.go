package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// writeNewFile writes data to path, refusing to replace an existing file
// unless force is set: a starter file never overwrites someone's edits.
func writeNewFile(path string, data []byte, force bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return usagef("%s exists; pass --force to overwrite it", path)
	}
	if err != nil {
		return outputError{err}
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return outputError{fmt.Errorf("writing %s: %w", path, err)}
	}
	if err := f.Close(); err != nil {
		return outputError{fmt.Errorf("writing %s: %w", path, err)}
	}
	return nil
}
