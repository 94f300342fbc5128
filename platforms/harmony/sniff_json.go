package harmony

import "bytes"

// SniffJSON tells by content which HarmonyOS JSON file data is:
// "module-json5" or "module-json" (a "module" object with name, type or
// requestPermissions; module-json when plain JSON with "app" merged in),
// "config-json" (FA model: "app" and a "module" of FA shape) or
// "app-json5" (an "app" with bundleName and no "module").
func SniffJSON(data []byte) (kind string, ok bool) {
	if !startsWithObject(data) {
		return "", false
	}
	doc, err := decode(data)
	if err != nil {
		return "", false
	}
	return sniffDocument(doc)
}

func sniffDocument(doc document) (string, bool) {
	root, _ := doc.root.v.(map[string]any)
	app, hasApp := root["app"].(map[string]any)
	mod, hasModule := root["module"].(map[string]any)
	switch {
	case hasApp && hasModule && isFAModule(app, mod):
		return KindConfigJSON, true
	case hasModule && (has(mod, "name") || has(mod, "type") || has(mod, "requestPermissions")):
		if hasApp && doc.strict {
			return KindModuleJSON, true
		}
		return KindModuleJSON5, true
	case hasApp && !hasModule && has(app, "bundleName"):
		return KindAppJSON5, true
	}
	return "", false
}

// isFAModule spots the FA model: reqPermissions, distro, a version object
// in "app", or abilities in a module that has no Stage "type".
func isFAModule(app, mod map[string]any) bool {
	if _, ok := app["version"].(map[string]any); ok {
		return true
	}
	if has(mod, "reqPermissions") || has(mod, "distro") {
		return true
	}
	return has(mod, "abilities") && !has(mod, "type") && !has(mod, "requestPermissions")
}

func has(m map[string]any, key string) bool {
	_, ok := m[key]
	return ok
}

// startsWithObject checks, without decoding, that the first thing after
// space, a BOM and comments is '{', so sniffing other text stays cheap.
func startsWithObject(data []byte) bool {
	data = bytes.TrimPrefix(data, utf8BOM)
	lx := lexer{data: data}
	tok, _, msg := lx.next()
	return msg == "" && tok.kind == '{'
}
