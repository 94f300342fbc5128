// Package harmony reads what a HarmonyOS / OpenHarmony app declares: the
// source module.json5 and AppScope/app.json5, the compiled module.json,
// the FA-model config.json, and the .hap, .hsp and .app packages that
// carry them. JSON5 comes through github.com/titanous/json5; lines come
// from a scanner of our own, since the library keeps no positions.
package harmony

import (
	"errors"

	"github.com/permaudit/permaudit/audit"
)

// Kinds of input this package reads, as put in audit.Artifact.Kind.
const (
	KindModuleJSON5 = "module-json5"
	KindModuleJSON  = "module-json"
	KindConfigJSON  = "config-json"
	KindAppJSON5    = "app-json5"
	KindHAP         = "hap"
	KindHSP         = "hsp"
	KindAppPack     = "app"
)

// ParseModule reads a source module.json5 or a compiled module.json (the
// latter carries the merged "app" object too). An FA-model config.json is
// recognised by content and read as ParseConfigJSON would.
func ParseModule(data []byte) (audit.Declaration, error) {
	doc, err := decode(data)
	if err != nil {
		return audit.Declaration{}, err
	}
	if kind, _ := sniffDocument(doc); kind == KindConfigJSON {
		return configDeclaration(doc)
	}
	return moduleDeclaration(doc)
}

func moduleDeclaration(doc document) (audit.Declaration, error) {
	d := audit.Declaration{
		Platform:    audit.HarmonyOS,
		Artifact:    audit.Artifact{Kind: KindModuleJSON5},
		Permissions: []audit.Permission{},
	}
	app, hasApp, err := doc.root.get("app").object()
	if err != nil {
		return audit.Declaration{}, err
	}
	if hasApp {
		if doc.strict {
			d.Artifact.Kind = KindModuleJSON
		}
		if d.App, d.Facts, err = readApp(app); err != nil {
			return audit.Declaration{}, err
		}
	}
	mod, ok, err := doc.root.get("module").object()
	if err != nil {
		return audit.Declaration{}, err
	}
	if !ok {
		return audit.Declaration{}, &audit.ParseError{Line: doc.root.line, Err: errors.New(`no "module" object`)}
	}
	name, _, err := mod.get("name").str()
	if err != nil {
		return audit.Declaration{}, err
	}
	kind, _, err := mod.get("type").str()
	if err != nil {
		return audit.Declaration{}, err
	}
	d.Modules = []audit.Module{{Name: name, Kind: kind}}
	if d.Permissions, d.Notes, err = readPermissions(mod.get("requestPermissions"), "abilities", name); err != nil {
		return audit.Declaration{}, err
	}
	d.Facts = append(d.Facts, backgroundModeFacts(mod.get("abilities"))...)
	sortFacts(d.Facts)
	return d, nil
}
