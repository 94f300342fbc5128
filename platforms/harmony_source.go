package platforms

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/harmony"
)

// parseHarmonyModule reads a module.json5 named on the command line or
// found by a walk. harmony reads its project (AppScope, resources)
// through an fs.FS rooted at the file system's root, so the project may
// lie above the working directory; paths come back as the user wrote them.
func parseHarmonyModule(path string, data []byte) (audit.Declaration, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return harmony.ParseModule(data)
	}
	root := filepath.VolumeName(abs) + string(filepath.Separator)
	name := filepath.ToSlash(strings.TrimPrefix(abs, root))
	back := func(fsName string) string {
		p := filepath.Join(root, filepath.FromSlash(fsName))
		if filepath.IsAbs(path) {
			return p
		}
		if cwd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(cwd, p); err == nil {
				return rel
			}
		}
		return p
	}
	return harmony.ParseModuleFile(os.DirFS(root), name, data, back)
}
