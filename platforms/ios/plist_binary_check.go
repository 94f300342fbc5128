package ios

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// checkBinaryPlist walks the object graph of a bplist00 document before
// howett.net/plist sees it. Objects may be shared, so a small file can
// describe a huge tree once expanded (each array holding the previous one
// twice), and the decoder recurses once per level; we refuse documents
// deeper than maxPlistDepth or expanding past maxPlistValues.
func checkBinaryPlist(b []byte) error {
	const header, trailerLen = 8, 32
	if len(b) < header+trailerLen+1 {
		return errors.New("too short")
	}
	t := b[len(b)-trailerLen:]
	offSize, refSize := int(t[6]), int(t[7])
	numObjects := binary.BigEndian.Uint64(t[8:])
	top := binary.BigEndian.Uint64(t[16:])
	tableOff := binary.BigEndian.Uint64(t[24:])
	end := uint64(len(b) - trailerLen)
	switch {
	case offSize < 1 || offSize > 8 || refSize < 1 || refSize > 8:
		return fmt.Errorf("bad offset or reference size (%d, %d)", offSize, refSize)
	case tableOff < header || tableOff >= end:
		return fmt.Errorf("offset table at %d is outside the file", tableOff)
	case numObjects == 0 || numObjects > (end-tableOff)/uint64(offSize):
		return fmt.Errorf("object count %d does not fit the offset table", numObjects)
	case top >= numObjects:
		return fmt.Errorf("top object %d is out of range", top)
	}
	w := &bplistWalker{b: b, offSize: offSize, refSize: refSize, n: numObjects, tableOff: tableOff}
	return w.walk(top)
}

type bplistWalker struct {
	b                []byte
	offSize, refSize int
	n, tableOff      uint64
	state            []uint8  // 0 unseen, 1 on the path, 2 done
	depth            []uint16 // levels below and including the object
	size             []uint32 // values once expanded, capped
}

func beUint(b []byte) uint64 {
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v
}

// children returns the object references of a container (nil for a
// scalar), checked to lie before the offset table and name real objects.
func (w *bplistWalker) children(obj uint64) ([]uint64, error) {
	at := w.tableOff + obj*uint64(w.offSize)
	off := beUint(w.b[at : at+uint64(w.offSize)])
	if off < 8 || off >= w.tableOff {
		return nil, fmt.Errorf("object %d starts outside the object table", obj)
	}
	tag := w.b[off]
	kind := tag >> 4
	if kind != 0xA && kind != 0xC && kind != 0xD {
		return nil, nil
	}
	count, start := uint64(tag&0xF), off+1
	if count == 0xF {
		if start >= w.tableOff || w.b[start]>>4 != 0x1 || w.b[start]&0xF > 3 {
			return nil, fmt.Errorf("object %d has a malformed count", obj)
		}
		nb := uint64(1) << (w.b[start] & 0xF)
		if start+1+nb > w.tableOff {
			return nil, fmt.Errorf("object %d has a truncated count", obj)
		}
		count, start = beUint(w.b[start+1:start+1+nb]), start+1+nb
	}
	if kind == 0xD {
		if count > (1<<62)/uint64(w.refSize) {
			return nil, fmt.Errorf("object %d is too large", obj)
		}
		count *= 2
	}
	if count > (w.tableOff-start)/uint64(w.refSize) {
		return nil, fmt.Errorf("object %d lists %d references past the object table", obj, count)
	}
	refs := make([]uint64, count)
	for i := range refs {
		p := start + uint64(i)*uint64(w.refSize)
		refs[i] = beUint(w.b[p : p+uint64(w.refSize)])
		if refs[i] >= w.n {
			return nil, fmt.Errorf("object %d refers to missing object %d", obj, refs[i])
		}
	}
	return refs, nil
}

type walkFrame struct {
	obj  uint64
	refs []uint64
	next int
}

func (w *bplistWalker) walk(top uint64) error {
	w.state = make([]uint8, w.n)
	w.depth = make([]uint16, w.n)
	w.size = make([]uint32, w.n)
	push := func(stack []walkFrame, obj uint64) ([]walkFrame, error) {
		if len(stack) >= maxPlistDepth {
			return nil, fmt.Errorf("nests deeper than %d levels", maxPlistDepth)
		}
		refs, err := w.children(obj)
		if err != nil {
			return nil, err
		}
		w.state[obj] = 1
		return append(stack, walkFrame{obj: obj, refs: refs}), nil
	}
	stack, err := push(nil, top)
	if err != nil {
		return err
	}
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		if f.next < len(f.refs) {
			child := f.refs[f.next]
			f.next++
			switch w.state[child] {
			case 1:
				return fmt.Errorf("object %d contains itself", child)
			case 0:
				if stack, err = push(stack, child); err != nil {
					return err
				}
			case 2:
				// Already walked through another path: this path may be longer.
				if len(stack)+int(w.depth[child]) > maxPlistDepth {
					return fmt.Errorf("nests deeper than %d levels", maxPlistDepth)
				}
			}
			continue
		}
		depth, size := uint16(0), uint64(1)
		for _, c := range f.refs {
			depth = max(depth, w.depth[c])
			size += uint64(w.size[c])
		}
		if size > maxPlistValues {
			return fmt.Errorf("expands to over %d values", maxPlistValues)
		}
		w.depth[f.obj], w.size[f.obj], w.state[f.obj] = depth+1, uint32(size), 2
		stack = stack[:len(stack)-1]
	}
	return nil
}
