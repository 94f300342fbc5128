package android

import (
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// componentElements are the <application> children naming a class the
// package manager instantiates; libraries add theirs through the
// manifest merger, which is what makes them an SDK's fingerprint.
var componentElements = map[string]bool{
	"activity": true, "activity-alias": true, "service": true, "receiver": true, "provider": true,
}

// components records, as SDK signals, the class of every component and
// the name of every <meta-data> directly inside <application> or inside
// one of its components (SDKs read their keys from either place).
func (b *declBuilder) components(app *element, pkg string) {
	for _, c := range app.Children {
		switch {
		case componentElements[c.Name]:
			if name, ok := c.androidAttr(attrName); ok && name != "" {
				b.d.AddSignal(audit.SignalAndroidComponent, className(pkg, name), "")
			}
			for _, m := range c.Children {
				b.metaData(m)
			}
		default:
			b.metaData(c)
		}
	}
}

func (b *declBuilder) metaData(e *element) {
	if e.Name != "meta-data" {
		return
	}
	if name, ok := e.androidAttr(attrName); ok && name != "" {
		b.d.AddSignal(audit.SignalAndroidMetaData, name, "")
	}
}

// className resolves a component name the way the package manager does:
// ".Foo" and "Foo" are relative to the package, "a.b.Foo" is absolute.
func className(pkg, name string) string {
	switch {
	case strings.HasPrefix(name, "."):
		return pkg + name
	case !strings.Contains(name, ".") && pkg != "":
		return pkg + "." + name
	}
	return name
}
