package axmltest

import (
	"archive/zip"
	"bytes"
)

// File is one zip entry.
type File struct {
	Name  string
	Data  []byte
	Store bool // stored instead of deflated
}

// Zip writes entries in order. prefix, when non-empty, is written first
// and the entry offsets are made to count it, as in a Janus APK.
func Zip(prefix []byte, files ...File) []byte {
	var buf bytes.Buffer
	buf.Write(prefix)
	w := zip.NewWriter(&buf)
	w.SetOffset(int64(len(prefix)))
	for _, f := range files {
		method := zip.Deflate
		if f.Store {
			method = zip.Store
		}
		fw, err := w.CreateHeader(&zip.FileHeader{Name: f.Name, Method: method})
		if err != nil {
			panic(err)
		}
		if _, err := fw.Write(f.Data); err != nil {
			panic(err)
		}
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}
