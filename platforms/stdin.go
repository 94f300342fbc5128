package platforms

import (
	"fmt"
	"io"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// StdinPath is how a command line names standard input.
const StdinPath = "-"

// readStdin reads one manifest from r (a pipe: `cat Info.plist |
// permaudit audit -`), detected by content as a named file is. A package
// needs random access to its central directory, so it must be named.
func readStdin(r io.Reader, digest bool) (d audit.Declaration, err error) {
	defer recoverInput(&err)
	if r == nil {
		return audit.Declaration{}, fmt.Errorf("standard input is not available")
	}
	data, err := io.ReadAll(io.LimitReader(r, archive.MaxEntry+1))
	if err != nil {
		return audit.Declaration{}, err
	}
	if len(data) > archive.MaxEntry {
		return audit.Declaration{}, fmt.Errorf("%w: more than %d bytes on standard input; a manifest is smaller (name a package's file instead)", ErrUnrecognised, archive.MaxEntry)
	}
	if isZipMagic(data) {
		return audit.Declaration{}, fmt.Errorf("a package on standard input cannot be read: name its file instead")
	}
	o := &opened{data: data, size: int64(len(data)), budget: archive.NewBudget(archive.DefaultLimits)}
	for i := range Formats {
		if f := &Formats[i]; f.sniff != nil && f.sniff(data) {
			o.format = f
			return o.parse(StdinPath, digest)
		}
	}
	return audit.Declaration{}, ErrUnrecognised
}
