package ios

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
)

// Mach-O constants (mach-o/loader.h, mach-o/fat.h).
const (
	fatMagic         = 0xcafebabe
	fatMagic64       = 0xcafebabf
	machMagic32      = 0xfeedface
	machMagic64      = 0xfeedfacf
	machCigam32      = 0xcefaedfe // the magic of a big-endian file read little-endian
	machCigam64      = 0xcffaedfe
	lcCodeSignature  = 0x1d
	maxFatArchs      = 32
	maxLoadCommands  = 4 << 20
	maxStreamSkip    = 1 << 30 // how much of a deflated executable we inflate to reach its signature
	machHeaderLen32  = 28
	machHeaderLen64  = 32
	fatArchLen32     = 20
	fatArchLen64     = 32
	linkeditCmdLen   = 16
	loadCmdHeaderLen = 8
)

var (
	// ErrNotMachO: the data starts with no Mach-O or fat magic.
	ErrNotMachO = errors.New("not a Mach-O executable")
	// ErrNotSigned: the executable has no LC_CODE_SIGNATURE (a simulator
	// or unsigned build); it then has no entitlements either.
	ErrNotSigned = errors.New("executable has no code signature (LC_CODE_SIGNATURE)")
)

// MachOEntitlements returns the XML entitlements plist embedded in the
// code signature of a thin or fat Mach-O held by ra, reading only the
// headers, load commands and signature. It returns nil and no error when
// the executable is signed without entitlements; in a fat file the first
// slice (by file offset) whose signature can be read decides.
func MachOEntitlements(ra io.ReaderAt, size int64) ([]byte, error) {
	return machOEntitlements(randomSource{ra: ra, n: size})
}

// MachOEntitlementsStream is MachOEntitlements for data that can only be
// read forward, such as a deflated zip entry of the given size. Skipped
// bytes are discarded, never kept; at most 1 GiB is skipped.
func MachOEntitlementsStream(r io.Reader, size int64) ([]byte, error) {
	return machOEntitlements(&streamSource{r: r, n: size, maxSkip: maxStreamSkip})
}

func machOEntitlements(src byteSource) ([]byte, error) {
	head, err := src.read(0, 4)
	if err != nil {
		return nil, ErrNotMachO
	}
	switch binary.BigEndian.Uint32(head) {
	case fatMagic, fatMagic64:
		return fatEntitlements(src, binary.BigEndian.Uint32(head) == fatMagic64)
	}
	return thinEntitlements(src, 0, src.size(), head)
}

type fatSlice struct{ off, size uint64 }

func fatEntitlements(src byteSource, wide bool) ([]byte, error) {
	hdr, err := src.read(4, 4)
	if err != nil {
		return nil, fmt.Errorf("fat header: %w", err)
	}
	n := binary.BigEndian.Uint32(hdr)
	if n == 0 || n > maxFatArchs {
		// Java class files share the 0xcafebabe magic; their "count" is a version.
		return nil, fmt.Errorf("%w: fat header lists %d architectures", ErrNotMachO, n)
	}
	entryLen := fatArchLen32
	if wide {
		entryLen = fatArchLen64
	}
	table, err := src.read(8, int(n)*entryLen)
	if err != nil {
		return nil, fmt.Errorf("fat architecture table: %w", err)
	}
	tableEnd := uint64(8 + int(n)*entryLen)
	var slices []fatSlice
	for i := 0; i < int(n); i++ {
		e := table[i*entryLen:]
		s := fatSlice{off: uint64(binary.BigEndian.Uint32(e[8:])), size: uint64(binary.BigEndian.Uint32(e[12:]))}
		if wide {
			s = fatSlice{off: binary.BigEndian.Uint64(e[8:]), size: binary.BigEndian.Uint64(e[16:])}
		}
		if s.off < tableEnd || s.off > uint64(src.size()) || s.size > uint64(src.size())-s.off {
			return nil, fmt.Errorf("fat architecture %d (offset %d, size %d) lies outside the file", i, s.off, s.size)
		}
		slices = append(slices, s)
	}
	// Offset order lets a forward-only source visit every slice.
	sort.SliceStable(slices, func(i, j int) bool { return slices[i].off < slices[j].off })
	var firstErr error
	for _, s := range slices {
		head, err := src.read(int64(s.off), 4)
		if err == nil {
			var ents []byte
			if ents, err = thinEntitlements(src, int64(s.off), int64(s.size), head); err == nil {
				return ents, nil
			}
		}
		if firstErr == nil && !errors.Is(err, ErrNotSigned) {
			firstErr = err
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return nil, ErrNotSigned
}

// thinEntitlements reads one Mach-O image at base (length bytes); head
// holds its first four bytes, already read.
func thinEntitlements(src byteSource, base, length int64, head []byte) ([]byte, error) {
	var order binary.ByteOrder = binary.LittleEndian
	hdrLen := 0
	switch binary.LittleEndian.Uint32(head) {
	case machMagic32:
		hdrLen = machHeaderLen32
	case machMagic64:
		hdrLen = machHeaderLen64
	case machCigam32:
		order, hdrLen = binary.BigEndian, machHeaderLen32
	case machCigam64:
		order, hdrLen = binary.BigEndian, machHeaderLen64
	default:
		return nil, ErrNotMachO
	}
	rest, err := src.read(base+4, hdrLen-4)
	if err != nil {
		return nil, fmt.Errorf("Mach-O header: %w", err)
	}
	ncmds, sizeofcmds := order.Uint32(rest[12:]), order.Uint32(rest[16:])
	if sizeofcmds > maxLoadCommands || int64(hdrLen)+int64(sizeofcmds) > length {
		return nil, fmt.Errorf("Mach-O load commands (%d bytes) do not fit the file", sizeofcmds)
	}
	cmds, err := src.read(base+int64(hdrLen), int(sizeofcmds))
	if err != nil {
		return nil, fmt.Errorf("Mach-O load commands: %w", err)
	}
	dataoff, datasize, found := findCodeSignature(cmds, ncmds, order)
	if !found {
		return nil, ErrNotSigned
	}
	if uint64(dataoff)+uint64(datasize) > uint64(length) {
		return nil, fmt.Errorf("code signature (offset %d, %d bytes) lies outside the file", dataoff, datasize)
	}
	return superBlobEntitlements(src, base+int64(dataoff), int64(datasize))
}

// findCodeSignature walks the load commands for LC_CODE_SIGNATURE.
func findCodeSignature(cmds []byte, ncmds uint32, order binary.ByteOrder) (dataoff, datasize uint32, found bool) {
	off := 0
	for i := uint32(0); i < ncmds && off+loadCmdHeaderLen <= len(cmds); i++ {
		cmd, size := order.Uint32(cmds[off:]), int(order.Uint32(cmds[off+4:]))
		if size < loadCmdHeaderLen || size > len(cmds)-off {
			return 0, 0, false
		}
		if cmd == lcCodeSignature && size >= linkeditCmdLen {
			return order.Uint32(cmds[off+8:]), order.Uint32(cmds[off+12:]), true
		}
		off += size
	}
	return 0, 0, false
}
