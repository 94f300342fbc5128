package main

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"strconv"
)

// golit writes a value as a Go composite literal, so embedded data can
// be compiled in rather than decoded at start-up. Types from pkgPath are
// written unqualified, others as name.Type; zero struct fields are left
// out, and an empty non-nil slice stays empty rather than nil, so the
// literal equals the value under reflect.DeepEqual.
type golit struct {
	pkgPath string
	pkgs    map[string]string // package path → name used to qualify
	b       bytes.Buffer
}

func (g *golit) typeName(t reflect.Type) string {
	if t.Name() != "" {
		if t.PkgPath() == "" || t.PkgPath() == g.pkgPath {
			return t.Name()
		}
		name, ok := g.pkgs[t.PkgPath()]
		if !ok {
			panic("golit: no name for package " + t.PkgPath())
		}
		return name + "." + t.Name()
	}
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + g.typeName(t.Elem())
	case reflect.Slice:
		return "[]" + g.typeName(t.Elem())
	case reflect.Map:
		return "map[" + g.typeName(t.Key()) + "]" + g.typeName(t.Elem())
	}
	panic("golit: unsupported type " + t.String())
}

// value writes v; elided drops the type of a composite, as Go allows
// inside a slice or map literal.
func (g *golit) value(v reflect.Value, elided bool) {
	switch v.Kind() {
	case reflect.String:
		g.b.WriteString(strconv.Quote(v.String()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		g.b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		g.b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Bool:
		g.b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Pointer:
		if v.IsNil() {
			g.b.WriteString("nil")
			return
		}
		if !elided {
			g.b.WriteString("&")
		}
		g.value(v.Elem(), elided)
	case reflect.Struct:
		g.structValue(v, elided)
	case reflect.Slice:
		g.sliceValue(v, elided)
	case reflect.Map:
		g.mapValue(v, elided)
	default:
		panic("golit: unsupported kind " + v.Kind().String())
	}
}

func (g *golit) structValue(v reflect.Value, elided bool) {
	if !elided {
		g.b.WriteString(g.typeName(v.Type()))
	}
	g.b.WriteString("{")
	first := true
	for i := range v.NumField() {
		f, fv := v.Type().Field(i), v.Field(i)
		if fv.IsZero() {
			continue
		}
		if !f.IsExported() && g.pkgPath != v.Type().PkgPath() {
			panic(fmt.Sprintf("golit: unexported field %s.%s is set", v.Type(), f.Name))
		}
		if !first {
			g.b.WriteString(", ")
		}
		first = false
		g.b.WriteString(f.Name + ": ")
		g.value(fv, false)
	}
	g.b.WriteString("}")
}

// composite reports whether elements of t are written one per line.
func composite(t reflect.Type) bool {
	k := t.Kind()
	return k == reflect.Struct || k == reflect.Pointer || k == reflect.Map || k == reflect.Slice
}

func (g *golit) sliceValue(v reflect.Value, elided bool) {
	if v.IsNil() {
		g.b.WriteString("nil")
		return
	}
	if !elided {
		g.b.WriteString(g.typeName(v.Type()))
	}
	g.b.WriteString("{")
	lines := composite(v.Type().Elem())
	for i := range v.Len() {
		switch {
		case lines:
			g.b.WriteString("\n")
		case i > 0:
			g.b.WriteString(", ")
		}
		g.value(v.Index(i), true)
		if lines {
			g.b.WriteString(",")
		}
	}
	if lines && v.Len() > 0 {
		g.b.WriteString("\n")
	}
	g.b.WriteString("}")
}

func (g *golit) mapValue(v reflect.Value, elided bool) {
	if v.IsNil() {
		g.b.WriteString("nil")
		return
	}
	if !elided {
		g.b.WriteString(g.typeName(v.Type()))
	}
	keys := v.MapKeys()
	sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
	g.b.WriteString("{")
	for _, k := range keys {
		g.b.WriteString("\n")
		g.value(k, true)
		g.b.WriteString(": ")
		g.value(v.MapIndex(k), true)
		g.b.WriteString(",")
	}
	if len(keys) > 0 {
		g.b.WriteString("\n")
	}
	g.b.WriteString("}")
}
