package platforms

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// A cross-platform app keeps its platform projects under one root whose
// own files say which framework builds them. Every artifact under such a
// root is one platform of that app.

var (
	rePubspecName = regexp.MustCompile(`(?m)^name:\s*["']?([^\s"'#]+)`)
	rePubspecSDK  = regexp.MustCompile(`(?m)^\s+sdk:\s*flutter\b`)
	reRootName    = regexp.MustCompile(`rootProject\.name\s*=\s*["']([^"']+)["']`)
)

// appGroupAt recognises a cross-platform root from the names in dir.
func appGroupAt(dir string, names map[string]bool) *audit.AppGroup {
	fsys := os.DirFS(dir)
	group := func(name, framework string) *audit.AppGroup {
		if name == "" {
			name = filepath.Base(dir)
		}
		return &audit.AppGroup{Name: name, Framework: framework, Root: dir}
	}
	switch {
	case names["pubspec.yaml"]:
		data, _ := archive.ReadFile(fsys, "pubspec.yaml")
		if rePubspecSDK.Match(data) {
			m := rePubspecName.FindSubmatch(data)
			name := ""
			if m != nil {
				name = string(m[1])
			}
			return group(name, "Flutter")
		}
	case names["package.json"]:
		var pkg struct {
			Name         string            `json:"name"`
			Dependencies map[string]string `json:"dependencies"`
			Dev          map[string]string `json:"devDependencies"`
		}
		data, _ := archive.ReadFile(fsys, "package.json")
		if json.Unmarshal(data, &pkg) != nil {
			return nil
		}
		has := func(dep string) bool { _, a := pkg.Dependencies[dep]; _, b := pkg.Dev[dep]; return a || b }
		for _, fw := range []struct{ dep, name string }{
			{"expo", "Expo"}, {"react-native", "React Native"}, {"@capacitor/core", "Capacitor"}, {"@dcloudio/uni-app", "uni-app"},
		} {
			if has(fw.dep) {
				return group(pkg.Name, fw.name)
			}
		}
	case names["manifest.json"] && names["pages.json"]:
		return group("", "uni-app")
	case names[".arkui-x"]:
		return group("", "ArkUI-X")
	case names["iosApp"] && (names["settings.gradle.kts"] || names["settings.gradle"]):
		data, _ := archive.ReadFile(fsys, "settings.gradle.kts")
		if data == nil {
			data, _ = archive.ReadFile(fsys, "settings.gradle")
		}
		name := ""
		if m := reRootName.FindSubmatch(data); m != nil {
			name = string(m[1])
		}
		return group(name, "Kotlin Multiplatform")
	}
	return nil
}

// groupOf returns the innermost group whose root holds path.
func groupOf(groups []audit.AppGroup, path string) *audit.AppGroup {
	var best *audit.AppGroup
	for i := range groups {
		g := &groups[i]
		if under(g.Root, path) && (best == nil || len(g.Root) > len(best.Root)) {
			best = g
		}
	}
	return best
}
