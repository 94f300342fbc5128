package report

import (
	"io"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// appItself is what brought a permission no detected SDK documents.
const appItself = "app"

// sdkTables lists the detected SDKs with their evidence, then each
// permission with what declared it. Nothing is printed for an artifact
// without SDKs: every permission is then the app's.
func sdkTables(w io.Writer, a audit.ArtifactResult, o Options) error {
	if len(a.SDKs) == 0 {
		return nil
	}
	sdks := grid{header: []string{"SDK", "Vendor", "Evidence", "Permissions brought"}}
	for _, s := range a.SDKs {
		sdks.rows = append(sdks.rows, []string{audit.Visible(s.Name + " (" + s.ID + ")"), audit.Visible(s.Vendor), visibleJoin(s.Evidence, "\n"), orDash(visibleJoin(s.Permissions, "\n"))})
	}
	if err := sdks.render(w, o.width()); err != nil {
		return err
	}
	by := grid{header: []string{"Permission", "Declared by"}}
	seen := map[string]bool{}
	for _, p := range a.Permissions {
		if p.Removed || seen[p.Name] {
			continue
		}
		seen[p.Name] = true
		by.rows = append(by.rows, visible(p.Name, declaredBy(p)))
	}
	return by.render(w, o.width())
}

// declaredBy names what brought a permission: the SDKs that document it,
// or the app.
func declaredBy(p audit.Permission) string {
	if len(p.DeclaredBy) == 0 {
		return appItself
	}
	return strings.Join(p.DeclaredBy, ", ")
}
