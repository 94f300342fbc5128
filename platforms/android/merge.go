package android

import (
	"fmt"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// The manifest merger's rules for <uses-permission>, as documented in
// "Manage manifest files" (https://developer.android.com/build/manage-manifests):
//   - priority, highest first: the build variant's source set
//     (src/demoDebug), the build type's (src/debug), the product flavors'
//     in flavorDimensions order, src/main, then libraries in the order of
//     the dependencies block;
//   - a lower-priority element that matches none in a higher one is added;
//     matching elements merge their attributes: a value only the lower one
//     has is kept, two different values are a conflict the build stops on;
//   - tools:node="remove" drops the matching element of every lower
//     manifest, "removeAll" every element of that type, "replace" keeps the
//     higher element and drops the lower one's attributes; tools:selector
//     limits a marker to the lower manifest whose package it names.

// mergeSource is one manifest taking part in a merge, highest priority first.
type mergeSource struct {
	Module    string // ":app", ":camera", or "aar libs/x.aar"
	SourceSet string // "main", "release", "freeRelease"; "" for an aar
	File      string // path shown in the report
	Package   string // the package tools:selector matches
	Root      *element
}

func (s mergeSource) label() string {
	if s.SourceSet == "" {
		return s.Module
	}
	return s.Module + " " + s.SourceSet
}

// mergeMarker is a remove or removeAll seen in a higher-priority manifest.
type mergeMarker struct {
	Node, Element, Name, Selector string
	From                          mergeSource
	Line                          int
}

func (m mergeMarker) drops(elem, name, pkg string) bool {
	if m.Element != elem || (m.Selector != "" && m.Selector != pkg) {
		return false
	}
	return m.Node == "removeAll" || m.Name == name
}

type mergedPermission struct {
	audit.Permission
	element string
	replace bool
	from    mergeSource
}

// mergePermissions merges the direct <uses-permission> children of every
// source. decls are each source's own declaration (same order), from
// which the permission attributes come; the result keeps removed entries
// (Removed) so a report shows the absence was deliberate.
func mergePermissions(sources []mergeSource, decls []audit.Declaration) ([]audit.Permission, []audit.Fact, []audit.Note) {
	var (
		merged  []*mergedPermission
		byKey   = map[string]*mergedPermission{}
		markers []mergeMarker
		facts   []audit.Fact
		notes   []audit.Note
	)
	for i, src := range sources {
		elems, perms := directPermissions(src.Root, decls[i])
		var own []mergeMarker
		for j, e := range elems {
			p := perms[j]
			p.Module, p.Entry = src.label(), src.File
			node, _ := e.toolsAttr("node")
			selector, _ := e.toolsAttr("selector")
			node, key := strings.TrimSpace(node), e.Name+"|"+p.Name
			if m, dropped := firstDrop(markers, e.Name, p.Name, src.Package); dropped {
				facts = append(facts, audit.Fact{Key: "merge.removed", Line: p.Line, Entry: src.File,
					Value: fmt.Sprintf("%s from %s, by tools:node=%q in %s line %d", p.Name, src.label(), m.Node, m.From.File, m.Line)})
				continue
			}
			switch node {
			case "remove", "removeAll":
				own = append(own, mergeMarker{Node: node, Element: e.Name, Name: p.Name, Selector: selector, From: src, Line: p.Line})
				if node == "remove" && byKey["removed|"+p.Name] == nil {
					p.Removed = true
					byKey["removed|"+p.Name] = &mergedPermission{Permission: p}
					merged = append(merged, byKey["removed|"+p.Name])
				}
				continue
			}
			if have := byKey[key]; have != nil {
				if n := mergeAttributes(have, p, src); n != nil {
					notes = append(notes, *n)
				}
				continue
			}
			mp := &mergedPermission{Permission: p, element: e.Name, replace: node == "replace", from: src}
			byKey[key] = mp
			merged = append(merged, mp)
		}
		markers = append(markers, own...) // a marker acts on lower manifests only
	}
	out := make([]audit.Permission, 0, len(merged))
	for _, mp := range merged {
		out = append(out, mp.Permission)
	}
	return out, facts, notes
}

func firstDrop(markers []mergeMarker, elem, name, pkg string) (mergeMarker, bool) {
	for _, m := range markers {
		if m.drops(elem, name, pkg) {
			return m, true
		}
	}
	return mergeMarker{}, false
}

// mergeAttributes folds a lower-priority duplicate into the merged
// element, following the documented attribute table.
func mergeAttributes(have *mergedPermission, low audit.Permission, src mergeSource) *audit.Note {
	if have.replace {
		return nil
	}
	switch {
	case have.MaxSdkVersion == 0 && low.MaxSdkVersion != 0:
		have.MaxSdkVersion = low.MaxSdkVersion
	case low.MaxSdkVersion != 0 && low.MaxSdkVersion != have.MaxSdkVersion:
		return &audit.Note{RuleID: RuleMergeConflict, Severity: audit.SeverityWarning, Entry: src.File, Line: low.Line,
			Message: fmt.Sprintf("%s: android:maxSdkVersion %d in %s conflicts with %d in %s; the manifest merger stops the build (add tools:node=\"replace\" to the higher one)",
				low.Name, low.MaxSdkVersion, src.File, have.MaxSdkVersion, have.from.File)}
	}
	return nil
}

// directPermissions pairs the named permission elements directly under
// <manifest> with the permissions declarationFromTree read from them,
// by line and name. An element it read no permission from (a removeAll
// marker) still takes part in the merge, as a bare name.
func directPermissions(root *element, d audit.Declaration) ([]*element, []audit.Permission) {
	type key struct {
		line int
		name string
	}
	read := map[key]audit.Permission{}
	for _, p := range d.Permissions {
		if p.Misplaced == "" {
			read[key{p.Line, p.Name}] = p
		}
	}
	var elems []*element
	var perms []audit.Permission
	for _, c := range root.Children {
		if !isPermissionElement(c.Name) {
			continue
		}
		name, _ := c.androidAttr(attrName)
		p, ok := read[key{c.Line, name}]
		if !ok {
			node, _ := c.toolsAttr("node")
			if strings.TrimSpace(node) != "removeAll" {
				continue
			}
			p = audit.Permission{Name: name, Form: audit.FormUsesPermission, Line: c.Line}
		}
		elems, perms = append(elems, c), append(perms, p)
	}
	return elems, perms
}
