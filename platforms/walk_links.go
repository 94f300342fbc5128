package platforms

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// followable accepts a link whose final target is a regular file inside
// tree (root with its own links resolved). A link to a directory inside
// the tree is passed over without an error: its target is walked where
// it lies.
func followable(link, tree string) (bool, error) {
	target, err := filepath.EvalSymlinks(link)
	if err != nil {
		return false, fmt.Errorf("symbolic link leads nowhere: %w", err)
	}
	if rel, err := filepath.Rel(tree, target); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return false, fmt.Errorf("symbolic link to %s, outside the audited directory; not followed (name the target to audit it)", target)
	}
	st, err := os.Stat(target)
	if err != nil {
		return false, err
	}
	if st.IsDir() {
		return false, nil
	}
	if err := regular(st); err != nil {
		return false, err
	}
	return true, nil
}

// auditedFile is a file a walk visited as an input, with what os.Stat
// said of it.
type auditedFile struct {
	path string
	info fs.FileInfo
}

// sameAs names the audited file a link leads to, or "".
func sameAs(link string, audited []auditedFile) string {
	st, err := os.Stat(link)
	if err != nil {
		return ""
	}
	for _, a := range audited {
		if os.SameFile(st, a.info) {
			return a.path
		}
	}
	return ""
}
