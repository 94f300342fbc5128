package harmony

import (
	"archive/zip"
	"errors"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// resolvePackageReasons resolves the "$string:" reasons of a built
// package from its resources.index (the module's and AppScope's strings,
// compiled together), reading the table only when some reason needs it.
// A name the table lacks is the same harmony-reason-unresolved finding
// the source project gives; a missing or unreadable table leaves the
// reasons unchecked, with a warning saying why. entry is the manifest's.
func resolvePackageReasons(z *archive.Zip, d *audit.Declaration, entry string) {
	want := map[string]bool{}
	for _, p := range d.Permissions {
		if name, ok := strings.CutPrefix(p.Purpose, stringRef); ok {
			want[name] = true
		}
	}
	if len(want) == 0 {
		return
	}
	t := stringTable{file: packageEntryName(z, "resources.index"), values: map[string]string{}}
	if f := resourceIndexEntry(z); f != nil {
		t.file = z.EntryName(f)
		x, err := readPackageIndex(z, f, want)
		if err != nil {
			t.unreadable = err.Error()
		} else {
			t.found = true
			for name := range want {
				if v, ok := x.lookup(name); ok {
					t.values[name] = v
				}
			}
		}
	}
	resolveReasons(d, entry, t)
}

// resourceIndexEntry finds the package's resources.index: at the top in
// the Stage model, under assets/<module>/ in the FA model.
func resourceIndexEntry(z *archive.Zip) *zip.File {
	if f := z.File("resources.index"); f != nil {
		return f
	}
	if fa := z.Match("assets/*/resources.index"); len(fa) > 0 {
		return fa[0]
	}
	return nil
}

func readPackageIndex(z *archive.Zip, f *zip.File, want map[string]bool) (*resourceIndex, error) {
	data, err := z.Read(f, maxResourceIndex)
	if err != nil {
		var pe *audit.ParseError
		if errors.As(err, &pe) {
			err = pe.Err // the note names the entry already
		}
		return nil, err
	}
	return readResourceIndex(data, want)
}

// packageEntryName names a member the way archive.Zip does, also for
// one that is missing.
func packageEntryName(z *archive.Zip, name string) string {
	if z.Prefix == "" {
		return name
	}
	return z.Prefix + "!/" + name
}
