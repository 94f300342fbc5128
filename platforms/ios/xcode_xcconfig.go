package ios

import (
	"path"
	"regexp"
	"strings"

	"github.com/permaudit/permaudit/platforms/archive"
)

// Build settings can come from .xcconfig files a configuration is based
// on (baseConfigurationReference): Flutter's Release.xcconfig includes
// Generated.xcconfig with FLUTTER_BUILD_NAME, CocoaPods adds its own.
// Xcode layers them: target settings over the target's xcconfig over
// project settings over the project's xcconfig.
// https://developer.apple.com/documentation/xcode/adding-a-build-configuration-file-to-your-project

var (
	reXCInclude = regexp.MustCompile(`^#include(\?)?\s+"([^"]+)"`)
	reXCSetting = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*;?\s*$`)
)

const maxIncludeDepth = 8

// readXcconfig reads an .xcconfig and the files it includes; later
// lines win. Missing files and conditional settings (KEY[sdk=…]) are
// passed over: a value that stays unset is reported where it is used.
func (p *pbxproj) readXcconfig(file string, into map[string]string, depth int) {
	if depth > maxIncludeDepth || file == "" {
		return
	}
	data, err := archive.ReadFile(p.fsys, file)
	if err != nil {
		return
	}
	if !contains(p.xcconfigs, file) {
		p.xcconfigs = append(p.xcconfigs, file)
	}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if m := reXCInclude.FindStringSubmatch(line); m != nil {
			if inc := cleanProjectPath(path.Join(path.Dir(file), m[2])); inc != "" {
				p.readXcconfig(inc, into, depth+1)
			}
			continue
		}
		if i := strings.Index(line, "//"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if m := reXCSetting.FindStringSubmatch(line); m != nil {
			into[m[1]] = strings.Trim(m[2], `"`)
		}
	}
}

// filePath resolves a PBXFileReference to a path inside the project:
// group-relative paths are joined up the group tree; references to the
// SDK, built products or absolute paths give "".
func (p *pbxproj) filePath(id string) string {
	ref := p.objects[id]
	if ref == nil {
		return ""
	}
	switch str(ref, "sourceTree") {
	case "SOURCE_ROOT":
		return cleanProjectPath(str(ref, "path"))
	case "<group>":
	default:
		return ""
	}
	parts := []string{str(ref, "path")}
	for cur, hops := id, 0; hops < 64; hops++ {
		parent := p.parentOf(cur)
		if parent == "" {
			break
		}
		g := p.objects[parent]
		if str(g, "path") != "" {
			parts = append([]string{str(g, "path")}, parts...)
		}
		if str(g, "sourceTree") == "SOURCE_ROOT" {
			break
		}
		cur = parent
	}
	return cleanProjectPath(path.Join(parts...))
}

// parentOf finds the group listing id among its children.
func (p *pbxproj) parentOf(id string) string {
	if p.parents == nil {
		p.parents = map[string]string{}
		for gid, g := range p.objects {
			if isa := str(g, "isa"); isa != "PBXGroup" && isa != "PBXVariantGroup" {
				continue
			}
			kids, _ := g["children"].([]any)
			for _, k := range kids {
				if s, ok := k.(string); ok {
					p.parents[s] = gid
				}
			}
		}
	}
	return p.parents[id]
}
