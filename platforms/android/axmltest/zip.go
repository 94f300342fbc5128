package axmltest

import "github.com/permaudit/permaudit/platforms/archive/ziptest"

// File is one zip entry; Store keeps it uncompressed.
type File = ziptest.File

// Zip writes entries in order. prefix, when non-empty, is written first
// and the entry offsets are made to count it, as in a Janus APK.
func Zip(prefix []byte, files ...File) []byte { return ziptest.Write(prefix, files...) }
