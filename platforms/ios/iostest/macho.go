package iostest

import (
	"bytes"
	"encoding/binary"
)

// MachO describes a minimal executable to write.
type MachO struct {
	// Entitlements is the XML plist put in the code signature's
	// entitlements blob (slot 5); nil writes a signature without one.
	Entitlements []byte
	// DEREntitlements adds a DER entitlements blob (slot 7) with these bytes.
	DEREntitlements []byte
	// Unsigned leaves out LC_CODE_SIGNATURE altogether.
	Unsigned bool
	// Bits32 writes a 32-bit header (0xfeedface) instead of a 64-bit one.
	Bits32 bool
	// BigEndian writes the header and load commands big-endian.
	BigEndian bool
	// CodeSize is how many bytes of stand-in code precede the signature.
	CodeSize int
}

// Bytes renders the executable: header, a dummy LC_UUID, LC_CODE_SIGNATURE,
// CodeSize bytes of code, then the SuperBlob.
func (m MachO) Bytes() []byte {
	var order binary.ByteOrder = binary.LittleEndian
	if m.BigEndian {
		order = binary.BigEndian
	}
	hdrLen, magic, cpu := 32, uint32(0xfeedfacf), uint32(0x0100000c) // arm64
	if m.Bits32 {
		hdrLen, magic, cpu = 28, 0xfeedface, 12 // armv7
	}
	var cmds bytes.Buffer
	ncmds := uint32(1)
	put := func(v ...uint32) {
		for _, x := range v {
			_ = binary.Write(&cmds, order, x)
		}
	}
	put(0x1b, 24, 1, 2, 3, 4) // LC_UUID: cmd, size, 16 bytes of uuid
	sig := m.superBlob()
	codeStart := hdrLen + cmds.Len()
	if !m.Unsigned {
		codeStart += 16
	}
	sigOff := align(codeStart+m.CodeSize, 16)
	if !m.Unsigned {
		ncmds++
		put(0x1d, 16, uint32(sigOff), uint32(align(len(sig), 16)))
	}
	var out bytes.Buffer
	for _, x := range []uint32{magic, cpu, 0, 2, ncmds, uint32(cmds.Len()), 0} {
		_ = binary.Write(&out, order, x)
	}
	if !m.Bits32 {
		_ = binary.Write(&out, order, uint32(0))
	}
	out.Write(cmds.Bytes())
	out.Write(make([]byte, sigOff-out.Len()))
	if !m.Unsigned {
		out.Write(sig)
		out.Write(make([]byte, align(len(sig), 16)-len(sig)))
	}
	return out.Bytes()
}

// superBlob writes a code signature: a stand-in CodeDirectory (slot 0),
// empty requirements (slot 2), then the entitlements blobs.
func (m MachO) superBlob() []byte {
	type blob struct {
		slot uint32
		data []byte
	}
	blobs := []blob{
		{0, csBlob(0xfade0c02, make([]byte, 44))},
		{2, csBlob(0xfade0c01, []byte{0, 0, 0, 0})},
	}
	if m.Entitlements != nil {
		blobs = append(blobs, blob{5, csBlob(0xfade7171, m.Entitlements)})
	}
	if m.DEREntitlements != nil {
		blobs = append(blobs, blob{7, csBlob(0xfade7172, m.DEREntitlements)})
	}
	var index, body bytes.Buffer
	off := 12 + 8*len(blobs)
	for _, b := range blobs {
		_ = binary.Write(&index, binary.BigEndian, [2]uint32{b.slot, uint32(off + body.Len())})
		body.Write(b.data)
	}
	var out bytes.Buffer
	_ = binary.Write(&out, binary.BigEndian, [3]uint32{0xfade0cc0, uint32(off + body.Len()), uint32(len(blobs))})
	out.Write(index.Bytes())
	out.Write(body.Bytes())
	return out.Bytes()
}

func csBlob(magic uint32, payload []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, magic)
	out = binary.BigEndian.AppendUint32(out, uint32(8+len(payload)))
	return append(out, payload...)
}

func align(n, to int) int { return (n + to - 1) / to * to }

// Fat joins thin executables into a universal binary, each slice aligned
// to 4 KiB; wide writes the 64-bit fat header (0xcafebabf).
func Fat(wide bool, slices ...[]byte) []byte {
	entryLen := 20
	if wide {
		entryLen = 32
	}
	var out bytes.Buffer
	magic := uint32(0xcafebabe)
	if wide {
		magic = 0xcafebabf
	}
	_ = binary.Write(&out, binary.BigEndian, [2]uint32{magic, uint32(len(slices))})
	off := align(8+entryLen*len(slices), 4096)
	var body bytes.Buffer
	for i, s := range slices {
		at := off + body.Len()
		cpu := []uint32{0x0100000c, 12}[i%2]
		if wide {
			_ = binary.Write(&out, binary.BigEndian, struct {
				CPU, Sub   uint32
				Off, Size  uint64
				Align, Res uint32
			}{cpu, 0, uint64(at), uint64(len(s)), 12, 0})
		} else {
			_ = binary.Write(&out, binary.BigEndian, [5]uint32{cpu, 0, uint32(at), uint32(len(s)), 12})
		}
		body.Write(s)
		body.Write(make([]byte, align(body.Len(), 4096)-body.Len()))
	}
	out.Write(make([]byte, off-out.Len()))
	out.Write(body.Bytes())
	return out.Bytes()
}
