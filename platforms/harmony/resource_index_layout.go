package harmony

import (
	"errors"
	"fmt"
)

// readKeys reads the qualifier keys from at: each key's id-set offset
// (V1) or config id (V2) is kept when it has no qualifier params (the
// base directory). It returns where the keys end.
func (x *resourceIndex) readKeys(at int64, keys uint32) (int64, error) {
	r := indexReader{b: x.data, at: at}
	if !r.fits(keys, 12) {
		return 0, fmt.Errorf("%d keys do not fit in the file", keys)
	}
	for range keys {
		if !r.tag("KEYS") {
			return 0, errors.New(`a key does not start with "KEYS"`)
		}
		ref, params := r.u32(), r.u32()
		if !r.fits(params, indexKeyParamLen) {
			return 0, errIndexTruncated
		}
		r.at += int64(params) * indexKeyParamLen
		if params == 0 {
			x.base = append(x.base, ref)
		}
	}
	return r.at, nil
}

// eachString visits the base string items: V1 walks each base key's id
// set, V2 the one id set after the keys. visit returns false to stop.
func (x *resourceIndex) eachString(visit func(id, off uint32, name []byte) bool) error {
	if x.v2 {
		return x.eachStringV2(visit)
	}
	// Honest id sets do not overlap, so together they hold at most one
	// pair per 8 bytes; keys pointing at one set again and again do not
	// multiply the work.
	pairs := uint32(len(x.data) / 8)
	for _, set := range x.base {
		r := indexReader{b: x.data, at: int64(set)}
		if !r.tag("IDSS") {
			return fmt.Errorf(`the id set at offset %d does not start with "IDSS"`, set)
		}
		n := r.u32()
		if !r.fits(n, 8) {
			return errIndexTruncated
		}
		if n > pairs {
			return errors.New("the base id sets overlap")
		}
		pairs -= n
		for range n {
			id, at := r.u32(), r.u32()
			item := indexReader{b: x.data, at: int64(at)}
			item.u32() // size
			typ := item.u32()
			item.u32() // id again
			if item.bad {
				return fmt.Errorf("item %d at offset %d: %w", id, at, errIndexTruncated)
			}
			if typ != resTypeString {
				continue
			}
			_, okValue := item.raw(true)
			name, okName := item.raw(true)
			if !okValue || !okName {
				return fmt.Errorf("string %d at offset %d: %w", id, at, errIndexTruncated)
			}
			if !visit(id, at, name) {
				return nil
			}
		}
	}
	return nil
}

func (x *resourceIndex) eachStringV2(visit func(id, off uint32, name []byte) bool) error {
	r := indexReader{b: x.data, at: x.ids}
	if !r.tag("IDSS") {
		return errors.New(`the id set does not start with "IDSS"`)
	}
	r.u32() // length
	types := r.u32()
	r.u32() // id count
	if !r.fits(types, 12) {
		return errIndexTruncated
	}
	for range types {
		typ, _, n := r.u32(), r.u32(), r.u32()
		if !r.fits(n, 12) {
			return errIndexTruncated
		}
		for range n {
			id, off, nameLen := r.u32(), r.u32(), r.u32()
			name := r.take(int64(nameLen))
			if r.bad {
				return errIndexTruncated
			}
			if typ == resTypeString && !visit(id, off, name) {
				return nil
			}
		}
	}
	return nil
}

// value reads the base value of the string item at off.
func (x *resourceIndex) value(id, off uint32) (string, bool) {
	if !x.v2 {
		r := indexReader{b: x.data, at: int64(off) + 12}
		return r.str(true)
	}
	r := indexReader{b: x.data, at: int64(off)}
	if r.u32() != id || r.bad {
		return "", false
	}
	r.u32() // length
	n := r.u32()
	if !r.fits(n, 8) {
		return "", false
	}
	for range n {
		cfg, at := r.u32(), r.u32()
		if x.isBase(cfg) {
			v := indexReader{b: x.data, at: int64(at)}
			return v.str(false)
		}
	}
	return "", false
}

func (x *resourceIndex) isBase(cfg uint32) bool {
	for _, b := range x.base {
		if b == cfg {
			return true
		}
	}
	return false
}
