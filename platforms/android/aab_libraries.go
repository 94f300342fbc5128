package android

import (
	"sort"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// RuleDependenciesUnread: an App Bundle's dependencies.pb could not be read.
const RuleDependenciesUnread = "package-dependencies-unread" // documented in audit/sdk_rules.go

// readBundleLibraries lists the Maven libraries an App Bundle records
// (AGP writes them unless dependenciesInfo.includeInBundle is false) and
// offers each to SDK detection. An unreadable file becomes a note: the
// manifests are still audited.
func readBundleLibraries(z *archive.Zip, d *audit.Declaration) {
	f := z.File(aabDependenciesEntry)
	if f == nil {
		return
	}
	entry := z.EntryName(f)
	data, err := z.Read(f, archive.MaxEntry)
	var deps appDependencies
	if err == nil {
		deps, err = parseAppDependencies(data)
	}
	if err != nil {
		d.Notes = append(d.Notes, audit.Note{RuleID: RuleDependenciesUnread, Severity: audit.SeverityNote, Entry: entry,
			Message: "could not be read for the bundle's libraries: " + err.Error()})
		return
	}
	for _, lib := range deps.libraries(entry) {
		d.Libraries = append(d.Libraries, lib)
		d.AddSignal(audit.SignalAABLibrary, lib.Name+":"+lib.Version, entry)
	}
}

// libraries turns the index graph into audit.Library values: the modules
// that name each library directly, and for the others the direct
// dependency that brings them (the first reached, breadth first in module
// order), in name order. Libraries without Maven coordinates are left out.
func (a appDependencies) libraries(entry string) []audit.Library {
	out := make([]audit.Library, len(a.Libraries))
	for i, l := range a.Libraries {
		out[i] = audit.Library{Name: l.Name(), Version: l.Version, Source: entry}
	}
	via := make([]int, len(a.Libraries))
	for i := range via {
		via[i] = -1
	}
	var queue []int
	for _, m := range a.Order {
		for _, i := range a.Modules[m] {
			if len(out[i].Modules) == 0 || out[i].Modules[len(out[i].Modules)-1] != m {
				out[i].Modules = append(out[i].Modules, m)
			}
			if via[i] == -1 {
				via[i] = i
				queue = append(queue, i)
			}
		}
	}
	// Each library enters the queue once: linear in libraries and edges.
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, j := range a.Deps[i] {
			if via[j] == -1 {
				via[j] = via[i]
				queue = append(queue, j)
			}
		}
	}
	var kept []audit.Library
	for i, l := range out {
		if a.Libraries[i].Group == "" || a.Libraries[i].Artifact == "" {
			continue
		}
		if len(l.Modules) == 0 && via[i] >= 0 {
			l.Via = out[via[i]].Name
		}
		kept = append(kept, l)
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].Name != kept[j].Name {
			return kept[i].Name < kept[j].Name
		}
		return kept[i].Version < kept[j].Version
	})
	return kept
}
