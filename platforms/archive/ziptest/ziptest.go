// Package ziptest writes zip archives in memory for tests: every package
// kind permaudit reads (APK, AAB, IPA, HAP) is a zip, and the fixture
// writers of each platform build on this one.
package ziptest

import (
	"archive/zip"
	"bytes"
)

// File is one zip entry. Store writes it uncompressed instead of deflated.
type File struct {
	Name  string
	Data  []byte
	Store bool
}

// Write writes the files, in order, into a zip archive. prefix, when
// non-empty, goes first and the entry offsets count it, as in a Janus APK.
func Write(prefix []byte, files ...File) []byte {
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
			panic(err) // an in-memory writer only fails on a programming error
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
