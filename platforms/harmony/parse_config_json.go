package harmony

import (
	"errors"
	"sort"

	"github.com/permaudit/permaudit/audit"
)

// ParseConfigJSON reads a legacy FA-model config.json (API 8 and
// earlier): module.reqPermissions and the app's bundleName and version.
// A Stage module file given here is read as ParseModule would.
func ParseConfigJSON(data []byte) (audit.Declaration, error) {
	doc, err := decode(data)
	if err != nil {
		return audit.Declaration{}, err
	}
	if kind, ok := sniffDocument(doc); ok && kind != KindConfigJSON && kind != KindAppJSON5 {
		return moduleDeclaration(doc)
	}
	return configDeclaration(doc)
}

func configDeclaration(doc document) (audit.Declaration, error) {
	d := audit.Declaration{
		Platform:    audit.HarmonyOS,
		Artifact:    audit.Artifact{Kind: KindConfigJSON},
		Permissions: []audit.Permission{},
	}
	app, hasApp, err := doc.root.get("app").object()
	if err != nil {
		return audit.Declaration{}, err
	}
	if hasApp {
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
	// FA names the class as module.name (".MyApplication"); the HAP's
	// own name and type live in distro.
	distro := mod.get("distro")
	name, _, err := distro.get("moduleName").str()
	if err != nil {
		return audit.Declaration{}, err
	}
	if name == "" {
		if name, _, err = mod.get("name").str(); err != nil {
			return audit.Declaration{}, err
		}
	}
	kind, _, err := distro.get("moduleType").str()
	if err != nil {
		return audit.Declaration{}, err
	}
	d.Modules = []audit.Module{{Name: name, Kind: kind}}
	if d.Permissions, d.Notes, err = readPermissions(mod.get("reqPermissions"), "ability", name); err != nil {
		return audit.Declaration{}, err
	}
	d.Facts = append(d.Facts, deviceDebugFacts(doc.root.get("deviceConfig"))...)
	d.Facts = append(d.Facts, backgroundModeFacts(mod.get("abilities"))...)
	sortFacts(d.Facts)
	return d, nil
}

// deviceDebugFacts reports deviceConfig.<device>.debug, where FA kept
// the debug flag.
func deviceDebugFacts(deviceConfig field) []audit.Fact {
	devices, _ := deviceConfig.v.(map[string]any)
	names := make([]string, 0, len(devices))
	for name := range devices {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []audit.Fact
	for _, name := range names {
		out = append(out, scalarFact(deviceConfig.get(name).get("debug"))...)
	}
	return out
}
