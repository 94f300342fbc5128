package android

import (
	"sort"

	"github.com/permaudit/permaudit/audit"
)

// modulePart is one module or split of a package with what it declares.
type modulePart struct {
	module audit.Module
	decl   audit.Declaration
}

// unionOfModules audits several parts as one app. The first part is the
// base: the app's identity is its. Every permission is kept with the
// module that declares it, so one declared twice is listed twice. Facts
// repeated with the same value by a later module (versionCode, a flag)
// are kept once, at their first place.
func unionOfModules(kind string, parts []modulePart) audit.Declaration {
	d := audit.Declaration{Platform: audit.Android, Artifact: audit.Artifact{Kind: kind}, Permissions: []audit.Permission{}}
	if len(parts) > 0 {
		d.App = parts[0].decl.App
	}
	seenFact := map[[2]string]bool{}
	for _, p := range parts {
		d.Modules = append(d.Modules, p.module)
		for _, perm := range p.decl.Permissions {
			perm.Module = p.module.Name
			if perm.Entry == "" {
				perm.Entry = p.module.Entry
			}
			d.Permissions = append(d.Permissions, perm)
		}
		for _, f := range p.decl.Facts {
			if key := [2]string{f.Key, f.Value}; !seenFact[key] {
				seenFact[key] = true
				if f.Entry == "" {
					f.Entry = p.module.Entry
				}
				d.Facts = append(d.Facts, f)
			}
		}
		for _, n := range p.decl.Notes {
			if n.Entry == "" {
				n.Entry = p.module.Entry
			}
			d.Notes = append(d.Notes, n)
		}
	}
	sort.SliceStable(d.Facts, func(i, j int) bool {
		if d.Facts[i].Key != d.Facts[j].Key {
			return d.Facts[i].Key < d.Facts[j].Key
		}
		return d.Facts[i].Value < d.Facts[j].Value
	})
	return d
}
