package ios

import (
	"fmt"
	"io/fs"
	"sort"

	"howett.net/plist"

	"github.com/permaudit/permaudit/audit"
)

// pbxproj is the object graph of an Xcode project.pbxproj, an OpenStep
// property list: objects by id, and the root PBXProject.
type pbxproj struct {
	objects   map[string]map[string]any
	root      map[string]any
	parents   map[string]string // child id → group id, built on first use
	fsys      fs.FS             // to read .xcconfig files
	xcconfigs []string          // the .xcconfig files read, in order
}

// xcodeTarget is one native target with its build settings for one
// configuration, project-level settings underneath its own.
type xcodeTarget struct {
	Name, ProductType string
	Settings          map[string]string
	Dependencies      []string // names of targets it depends on
}

// Product types of the targets that ship as or in an app.
const (
	productApplication = "com.apple.product-type.application"
	productExtension   = "com.apple.product-type.app-extension"
)

func parsePbxproj(data []byte) (p *pbxproj, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, parseErr(0, "malformed project.pbxproj: %v", r)
		}
	}()
	if openStepTooDeep(data) {
		return nil, parseErr(0, "project.pbxproj nests deeper than %d levels", maxOpenStepDepth)
	}
	var v map[string]any
	format, err := plist.Unmarshal(data, &v)
	if err != nil {
		return nil, parseErr(0, "malformed project.pbxproj: %v", err)
	}
	if format != plist.OpenStepFormat && format != plist.GNUStepFormat {
		return nil, parseErr(0, "project.pbxproj is not an OpenStep property list")
	}
	p = &pbxproj{objects: map[string]map[string]any{}}
	objs, _ := v["objects"].(map[string]any)
	for id, o := range objs {
		if m, ok := o.(map[string]any); ok {
			p.objects[id] = m
		}
	}
	rootID, _ := v["rootObject"].(string)
	if p.root = p.objects[rootID]; p.root == nil {
		return nil, parseErr(0, "project.pbxproj has no root PBXProject object")
	}
	return p, nil
}

func str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

func (p *pbxproj) list(m map[string]any, key string) []map[string]any {
	ids, _ := m[key].([]any)
	var out []map[string]any
	for _, id := range ids {
		if s, ok := id.(string); ok && p.objects[s] != nil {
			out = append(out, p.objects[s])
		}
	}
	return out
}

// settings returns the build settings of the named configuration of an
// XCConfigurationList over those of its .xcconfig, and whether the
// configuration exists.
func (p *pbxproj) settings(listID, config string) (map[string]string, bool) {
	for _, c := range p.list(p.objects[listID], "buildConfigurations") {
		if str(c, "name") != config {
			continue
		}
		out := map[string]string{}
		if ref := str(c, "baseConfigurationReference"); ref != "" && p.fsys != nil {
			p.readXcconfig(p.filePath(ref), out, 0)
		}
		bs, _ := c["buildSettings"].(map[string]any)
		for k, v := range bs {
			switch t := v.(type) {
			case string:
				out[k] = t
			case []any: // a list setting: words joined as Xcode does
				s := ""
				for i, w := range t {
					if i > 0 {
						s += " "
					}
					s += fmt.Sprint(w)
				}
				out[k] = s
			}
		}
		return out, true
	}
	return nil, false
}

// configurations lists the configuration names of the project.
func (p *pbxproj) configurations() []string {
	var out []string
	for _, c := range p.list(p.objects[str(p.root, "buildConfigurationList")], "buildConfigurations") {
		out = append(out, str(c, "name"))
	}
	sort.Strings(out)
	return out
}

// targets returns the native targets with the configuration's settings.
func (p *pbxproj) targets(config string) ([]xcodeTarget, error) {
	base, ok := p.settings(str(p.root, "buildConfigurationList"), config)
	if !ok {
		return nil, &audit.ParseError{Err: fmt.Errorf("no build configuration %q; the project has %v", config, p.configurations())}
	}
	var out []xcodeTarget
	for _, t := range p.list(p.root, "targets") {
		if str(t, "isa") != "PBXNativeTarget" {
			continue
		}
		x := xcodeTarget{Name: str(t, "name"), ProductType: str(t, "productType"), Settings: map[string]string{}}
		for k, v := range base {
			x.Settings[k] = v
		}
		own, _ := p.settings(str(t, "buildConfigurationList"), config)
		for k, v := range own {
			x.Settings[k] = v
		}
		for _, dep := range p.list(t, "dependencies") {
			if target := p.objects[str(dep, "target")]; target != nil {
				x.Dependencies = append(x.Dependencies, str(target, "name"))
			}
		}
		out = append(out, x)
	}
	return out, nil
}
