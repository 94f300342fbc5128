package android

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// declarationFromTree turns a manifest element tree, whatever encoding it
// came from, into a Declaration. kind becomes Artifact.Kind.
//
// Only direct children of <manifest> count, as for aapt and the package
// manager; permission elements anywhere else are listed as Misplaced. The
// last <uses-sdk> wins, as at runtime. When <uses-sdk> is present without
// minSdkVersion the level is "1"; without targetSdkVersion the target
// defaults to the min level, as the platform does. Without any <uses-sdk>
// both stay empty: the declaration states nothing.
func declarationFromTree(root *element, kind string) (audit.Declaration, error) {
	d := audit.Declaration{Platform: audit.Android, Artifact: audit.Artifact{Kind: kind}, Permissions: []audit.Permission{}}
	if root == nil {
		return d, fmt.Errorf("no root element")
	}
	if root.Name != "manifest" {
		return d, fmt.Errorf("root element is <%s>, not <manifest>", root.Name)
	}
	b := &declBuilder{d: &d}
	d.App.ID, _ = root.plainAttr("package")
	d.App.Version, _ = root.androidAttr(attrVersionName)
	if code, ok := root.androidAttr(attrVersionCode); ok {
		b.fact("versionCode", code, root.Line)
	}
	var usesSDK []*element
	walk(root, func(e, parent *element) {
		if parent != root {
			if isPermissionElement(e.Name) {
				b.permission(e, parent.Name)
			}
			return
		}
		switch {
		case isPermissionElement(e.Name):
			b.permission(e, "")
		case e.Name == "uses-sdk":
			usesSDK = append(usesSDK, e)
		case e.Name == "permission":
			if name, ok := e.androidAttr(attrName); ok {
				b.fact(factPermissionDeclared, name, e.Line)
			}
		case e.Name == "uses-feature":
			b.feature(e)
		case e.Name == "application":
			b.application(e, d.App.ID)
			b.components(e, d.App.ID)
		}
	})
	b.sdk(usesSDK)
	sort.SliceStable(d.Facts, func(i, j int) bool {
		if d.Facts[i].Key != d.Facts[j].Key {
			return d.Facts[i].Key < d.Facts[j].Key
		}
		return d.Facts[i].Value < d.Facts[j].Value
	})
	return d, nil
}

type declBuilder struct{ d *audit.Declaration }

func (b *declBuilder) fact(key, value string, line int) {
	b.d.Facts = append(b.d.Facts, audit.Fact{Key: key, Value: value, Line: line})
}

func (b *declBuilder) note(rule string, sev audit.Severity, line int, format string, args ...any) {
	b.d.Notes = append(b.d.Notes, audit.Note{RuleID: rule, Severity: sev, Line: line, Message: fmt.Sprintf(format, args...)})
}

// permission records one uses-permission element; misplacedIn names the
// parent when the element is not a direct child of <manifest>.
func (b *declBuilder) permission(e *element, misplacedIn string) {
	form := audit.FormUsesPermission
	if e.Name != "uses-permission" {
		form = audit.FormUsesPermissionSdk23
	}
	if v, ok := e.toolsAttr("node"); ok && strings.TrimSpace(v) == "removeAll" {
		// A merge marker: it removes every <uses-permission> the
		// lower-priority (library) manifests contribute and declares
		// nothing itself (developer.android.com/build/manage-manifests#node_markers).
		b.fact("tools:node.removeAll", e.Name, e.Line)
		return
	}
	name, _ := e.androidAttr(attrName)
	if name == "" {
		b.note(RulePermissionUnnamed, audit.SeverityWarning, e.Line,
			"<%s> has no android:name; the platform ignores it and aapt refuses the manifest", e.Name)
		return
	}
	p := audit.Permission{Name: name, Form: form, Line: e.Line, Misplaced: misplacedIn}
	if v, ok := e.androidAttr(attrMaxSdkVersion); ok {
		if n, ok := parseAndroidInt(v); ok && n > 0 {
			p.MaxSdkVersion = n
		} else {
			b.note(RuleAttributeInvalid, audit.SeverityWarning, e.Line,
				"%s: android:maxSdkVersion %q is not a positive integer; treated as unbounded", name, v)
		}
	}
	if v, ok := e.androidAttr(attrRequired); ok && strings.EqualFold(strings.TrimSpace(v), "false") {
		p.NotRequired = true
	}
	if v, ok := e.toolsAttr("node"); ok && strings.TrimSpace(v) == "remove" {
		p.Removed = true
	}
	if v, ok := e.androidAttr(attrUsesPermissionFlags); ok && misplacedIn == "" {
		b.fact("usesPermissionFlags."+name, permissionFlags(v), e.Line)
	}
	b.d.Permissions = append(b.d.Permissions, p)
}

func (b *declBuilder) feature(e *element) {
	name, ok := e.androidAttr(attrName)
	if !ok || name == "" {
		return // a glEsVersion requirement, not a named feature
	}
	if v, ok := e.androidAttr(attrRequired); ok && strings.EqualFold(strings.TrimSpace(v), "false") {
		name += ":required=false"
	}
	b.fact("uses-feature", name, e.Line)
}

// application records the <application> attributes the rules read, and
// the Application class the platform instantiates first (a packer's stub
// names itself there).
func (b *declBuilder) application(e *element, pkg string) {
	if name, ok := e.androidAttr(attrName); ok && name != "" {
		b.fact(factApplicationClass, className(pkg, name), e.Line)
	}
	for _, f := range []struct {
		id  uint32
		key string
	}{
		{attrDebuggable, "application.debuggable"},
		{attrAllowBackup, "application.allowBackup"},
		{attrUsesCleartextTraffic, "application.usesCleartextTraffic"},
		{attrRequestLegacyStorage, "application.requestLegacyExternalStorage"},
	} {
		if v, ok := e.androidAttr(f.id); ok {
			b.fact(f.key, v, e.Line)
		}
	}
}

func (b *declBuilder) sdk(usesSDK []*element) {
	if len(usesSDK) == 0 {
		return
	}
	last := usesSDK[len(usesSDK)-1]
	if len(usesSDK) > 1 {
		b.note(RuleDuplicateUsesSdk, audit.SeverityNote, last.Line,
			"%d <uses-sdk> elements; the platform only reads the last one (line %d)", len(usesSDK), last.Line)
	}
	b.d.App.MinLevel = "1"
	if v, ok := last.androidAttr(attrMinSdkVersion); ok && v != "" {
		b.d.App.MinLevel = v
	}
	b.d.App.TargetLevel = b.d.App.MinLevel
	if v, ok := last.androidAttr(attrTargetSdkVersion); ok && v != "" {
		b.d.App.TargetLevel = v
	}
}

func isPermissionElement(name string) bool {
	return name == "uses-permission" || name == "uses-permission-sdk-23" || name == "uses-permission-sdk-m"
}

// walk visits every element below root in document order with its
// parent. It keeps its own stack so a deeply nested hostile tree cannot
// exhaust the goroutine stack.
func walk(root *element, visit func(e, parent *element)) {
	type frame struct{ e, parent *element }
	var stack []frame
	push := func(parent *element) {
		for i := len(parent.Children) - 1; i >= 0; i-- {
			stack = append(stack, frame{parent.Children[i], parent})
		}
	}
	push(root)
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		visit(f.e, f.parent)
		push(f.e)
	}
}

// parseAndroidInt reads an integer the way the resource compiler does:
// decimal, or hexadecimal after 0x.
func parseAndroidInt(s string) (int, bool) {
	s = strings.TrimSpace(s)
	base := 10
	if len(s) > 2 && (s[:2] == "0x" || s[:2] == "0X") {
		s, base = s[2:], 16
	}
	n, err := strconv.ParseInt(s, base, 32)
	return int(n), err == nil
}

// permissionFlags names the bits of a compiled usesPermissionFlags value;
// a source value is already a name and passes through.
func permissionFlags(v string) string {
	n, ok := parseAndroidInt(v)
	if !ok {
		return v
	}
	const neverForLocation = 0x10000
	var parts []string
	if n&neverForLocation != 0 {
		parts = append(parts, "neverForLocation")
		n &^= neverForLocation
	}
	if n != 0 || len(parts) == 0 {
		parts = append(parts, fmt.Sprintf("0x%x", n))
	}
	return strings.Join(parts, "|")
}
