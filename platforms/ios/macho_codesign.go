package ios

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// Code signature blobs (Security framework, cs_blobs.h). All fields are
// big-endian whatever the Mach-O's byte order.
const (
	csSuperBlobMagic       = 0xfade0cc0
	csEntitlementsMagic    = 0xfade7171 // XML plist
	csDEREntitlementsMagic = 0xfade7172
	maxSignatureBlobs      = 256
	maxEntitlementsBytes   = 1 << 20
	superBlobHeaderLen     = 12
	blobIndexLen           = 8
	blobHeaderLen          = 8
)

var errDEROnly = errors.New("code signature holds only DER entitlements (0xfade7172), which permaudit does not decode")

type blobRef struct{ slot, off uint32 }

// superBlobEntitlements finds the XML entitlements blob in the SuperBlob
// at start (limit bytes long) and returns its plist.
func superBlobEntitlements(src byteSource, start, limit int64) ([]byte, error) {
	if limit < superBlobHeaderLen {
		return nil, fmt.Errorf("code signature is %d bytes, too short for a SuperBlob", limit)
	}
	hdr, err := src.read(start, superBlobHeaderLen)
	if err != nil {
		return nil, fmt.Errorf("code signature: %w", err)
	}
	if m := binary.BigEndian.Uint32(hdr); m != csSuperBlobMagic {
		return nil, fmt.Errorf("code signature starts with 0x%08x, not the SuperBlob magic 0x%08x", m, csSuperBlobMagic)
	}
	// The declared length may be shorter than LC_CODE_SIGNATURE's datasize
	// (which is padded); never trust it past the load command's bound.
	limit = min(limit, int64(binary.BigEndian.Uint32(hdr[4:])))
	count := binary.BigEndian.Uint32(hdr[8:])
	if count > maxSignatureBlobs || superBlobHeaderLen+int64(count)*blobIndexLen > limit {
		return nil, fmt.Errorf("code signature lists %d blobs, more than fit", count)
	}
	index, err := src.read(start+superBlobHeaderLen, int(count)*blobIndexLen)
	if err != nil {
		return nil, fmt.Errorf("code signature index: %w", err)
	}
	indexEnd := int64(superBlobHeaderLen + int(count)*blobIndexLen)
	refs := make([]blobRef, 0, count)
	for i := 0; i < int(count); i++ {
		r := blobRef{slot: binary.BigEndian.Uint32(index[i*blobIndexLen:]), off: binary.BigEndian.Uint32(index[i*blobIndexLen+4:])}
		if int64(r.off) >= indexEnd && int64(r.off)+blobHeaderLen <= limit {
			refs = append(refs, r)
		}
	}
	// Visit blobs in offset order, so a forward-only source can; the first
	// whose magic says XML entitlements (normally slot 5) is the one.
	sort.SliceStable(refs, func(i, j int) bool { return refs[i].off < refs[j].off })
	sawDER := false
	next := int64(0)
	for _, r := range refs {
		if int64(r.off) < next {
			continue // overlaps the blob header we just read
		}
		bh, err := src.read(start+int64(r.off), blobHeaderLen)
		if err != nil {
			return nil, fmt.Errorf("code signature blob: %w", err)
		}
		next = int64(r.off) + blobHeaderLen
		magic, length := binary.BigEndian.Uint32(bh), int64(binary.BigEndian.Uint32(bh[4:]))
		switch {
		case magic == csDEREntitlementsMagic:
			sawDER = true
		case magic == csEntitlementsMagic:
			if length < blobHeaderLen || int64(r.off)+length > limit {
				return nil, fmt.Errorf("entitlements blob (slot %d, %d bytes) overruns the code signature", r.slot, length)
			}
			if length-blobHeaderLen > maxEntitlementsBytes {
				return nil, fmt.Errorf("entitlements blob is %d bytes, over the %d-byte limit", length, maxEntitlementsBytes)
			}
			return src.read(start+int64(r.off)+blobHeaderLen, int(length-blobHeaderLen))
		}
	}
	if sawDER {
		return nil, errDEROnly
	}
	return nil, nil
}
