package archive

import (
	"archive/zip"
	"encoding/binary"
)

// PrependedBytes reports data before the first local file header, as in
// the Janus attack (CVE-2017-13156). lead is the number of bytes when the
// first entry's local header confirms it, 0 when only the presence is
// known. Go's zip reader accepts such archives; the platform tools do not.
func (z *Zip) PrependedBytes() (lead int64, found bool) {
	var first *zip.File
	var firstAt int64
	for _, f := range z.r.File {
		at, err := f.DataOffset()
		if err == nil && (first == nil || at < firstAt) {
			first, firstAt = f, at
		}
	}
	if first == nil {
		return 0, false
	}
	sig := make([]byte, 4)
	if _, err := z.ra.ReadAt(sig, 0); err != nil || string(sig) == "PK\x03\x04" {
		return 0, false
	}
	// The local header's own name and extra lengths may differ from the
	// central directory's, so confirm the estimate by reading it.
	estimate := firstAt - 30 - int64(len(first.Name)) - int64(len(first.Extra))
	hdr := make([]byte, 30)
	if estimate > 0 {
		if _, err := z.ra.ReadAt(hdr, estimate); err == nil && string(hdr[:4]) == "PK\x03\x04" &&
			estimate+30+int64(binary.LittleEndian.Uint16(hdr[26:]))+int64(binary.LittleEndian.Uint16(hdr[28:])) == firstAt {
			return estimate, true
		}
	}
	return 0, true
}
