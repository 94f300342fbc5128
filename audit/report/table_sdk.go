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
func sdkTables(w io.Writer, a audit.ArtifactResult) error {
	if len(a.SDKs) == 0 {
		return nil
	}
	t := newTable(w)
	t.Header("SDK", "Vendor", "Evidence", "Permissions brought")
	for _, s := range a.SDKs {
		if err := t.Append(s.Name+" ("+s.ID+")", s.Vendor, strings.Join(s.Evidence, "\n"), orDash(strings.Join(s.Permissions, "\n"))); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	t = newTable(w)
	t.Header("Permission", "Declared by")
	seen := map[string]bool{}
	for _, p := range a.Permissions {
		if p.Removed || seen[p.Name] {
			continue
		}
		seen[p.Name] = true
		if err := t.Append(p.Name, declaredBy(p)); err != nil {
			return err
		}
	}
	return t.Render()
}

// declaredBy names what brought a permission: the SDKs that document it,
// or the app.
func declaredBy(p audit.Permission) string {
	if len(p.DeclaredBy) == 0 {
		return appItself
	}
	return strings.Join(p.DeclaredBy, ", ")
}
