package android

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// Artifact kinds of split sets.
const (
	KindAPKS = "apks" // bundletool build-apks output
	KindXAPK = "xapk" // APKPure-style: manifest.json beside the APKs
)

// LooksLikeSplitSet tells a set of APKs installed together: bundletool's
// .apks (toc.pb, splits/*.apk, or a base.apk at the top) or an .xapk
// (manifest.json beside APKs). A zip with its own AndroidManifest.xml is
// an APK, even one that carries other APKs.
func LooksLikeSplitSet(z *archive.Zip) (kind string, ok bool) {
	switch {
	case z.File(manifestEntry) != nil:
		return "", false
	case z.File("toc.pb") != nil:
		return KindAPKS, true
	case z.File("manifest.json") != nil && len(z.Match("*.apk")) > 0:
		return KindXAPK, true
	case len(z.Match("splits/*.apk")) > 0 || z.File("base.apk") != nil:
		return KindAPKS, true
	}
	return "", false
}

// ParseSplitSet reads every APK of a split set with ParseAPK and audits
// them as one app: the union of their permissions, each naming its split
// ("base", "config.arm64_v8a", a feature), the app's identity from the base.
func ParseSplitSet(z *archive.Zip) (audit.Declaration, error) {
	kind, ok := LooksLikeSplitSet(z)
	if !ok {
		return audit.Declaration{}, &audit.ParseError{Err: errors.New("not a split APK set: no toc.pb, splits/*.apk, base.apk, or manifest.json beside APKs")}
	}
	files, ids := []*zip.File(nil), map[string]string{}
	if kind == KindXAPK {
		var err error
		if files, ids, err = xapkSplits(z); err != nil {
			return audit.Declaration{}, err
		}
	} else {
		files = splitSetAPKs(z)
	}
	switch {
	case len(files) == 0:
		return audit.Declaration{}, &audit.ParseError{Err: fmt.Errorf("the %s holds no APKs", kind)}
	case len(files) > maxModules:
		return audit.Declaration{}, &audit.ParseError{Err: fmt.Errorf("the %s holds %d APKs, more than the %d permaudit reads", kind, len(files), maxModules)}
	}
	parts := make([]modulePart, 0, len(files))
	named := map[string]bool{}
	for _, f := range files {
		inner, err := z.OpenNested(f)
		if err != nil {
			return audit.Declaration{}, err
		}
		d, err := ParseAPK(inner)
		name := splitName(inner, f.Name, ids[f.Name])
		inner.Close()
		if err != nil {
			return audit.Declaration{}, err
		}
		if named[name] { // two bases, or a split twice: the path tells them apart
			name = strings.TrimSuffix(f.Name, ".apk")
		}
		named[name] = true
		parts = append(parts, modulePart{audit.Module{Name: name, Kind: "split-apk", Entry: z.EntryName(f)}, d})
	}
	sort.SliceStable(parts, func(i, j int) bool {
		bi, bj := parts[i].module.Name == "base", parts[j].module.Name == "base"
		if bi != bj {
			return bi
		}
		return parts[i].module.Name < parts[j].module.Name
	})
	return unionOfModules(kind, parts), nil
}

// splitSetAPKs picks the APKs of a bundletool output that install
// together. Standalone and system APKs each hold the whole app for other
// devices, and instant APKs are another variant of it: they count only
// when there are no splits.
func splitSetAPKs(z *archive.Zip) []*zip.File {
	for _, dirs := range [][]string{{"splits", "asset-slices"}, {"standalones"}, {"system"}, {"instant"}, {"."}} {
		var files []*zip.File
		for _, dir := range dirs {
			files = append(files, z.Match(path.Join(dir, "*.apk"))...)
		}
		if len(files) > 0 {
			return files
		}
	}
	return nil
}

// maxXAPKManifest caps manifest.json: a list of a few dozen APK names.
const maxXAPKManifest = 1 << 20

// xapkSplits lists an .xapk's APKs: those manifest.json names in
// split_apks, and any other APK at the top; ids maps each listed file to
// its split id.
func xapkSplits(z *archive.Zip) (files []*zip.File, ids map[string]string, err error) {
	mf := z.File("manifest.json")
	data, err := z.Read(mf, maxXAPKManifest)
	if err != nil {
		return nil, nil, err
	}
	var m struct {
		SplitAPKs []struct {
			File string `json:"file"`
			ID   string `json:"id"`
		} `json:"split_apks"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, nil, &audit.ParseError{Entry: z.EntryName(mf), Err: fmt.Errorf("not valid XAPK JSON: %v", err)}
	}
	ids = map[string]string{}
	for _, s := range m.SplitAPKs {
		f := z.File(s.File)
		if f == nil {
			return nil, nil, &audit.ParseError{Entry: z.EntryName(mf), Err: fmt.Errorf("split_apks names %q, which is not in the archive", s.File)}
		}
		if _, dup := ids[f.Name]; !dup {
			files = append(files, f)
		}
		ids[f.Name] = s.ID
	}
	for _, f := range z.Match("*.apk") {
		if _, listed := ids[f.Name]; !listed {
			files = append(files, f)
			ids[f.Name] = ""
		}
	}
	return files, ids, nil
}

// splitName names a split as the platform does: the split attribute of
// its manifest ("config.arm64_v8a", "feature"), absent for the base. An
// APK without one is named by the set's id for it; else it is the base,
// unless it is a whole app in its own right (standalone, universal), which
// keeps its file name.
func splitName(apk *archive.Zip, file, id string) string {
	if name := manifestSplitAttr(apk); name != "" {
		return name
	}
	if id != "" {
		return id
	}
	if isWholeAppAPK(file) {
		return strings.TrimSuffix(path.Base(file), ".apk")
	}
	return "base"
}

// isWholeAppAPK tells bundletool's APKs that each hold the whole app for
// some devices, rather than a part of it.
func isWholeAppAPK(file string) bool {
	switch path.Dir(file) {
	case "standalones", "system":
		return true
	}
	return file == "universal.apk"
}

// manifestSplitAttr reads <manifest split="…"> from a split APK; ""
// when there is none or the manifest cannot be decoded.
func manifestSplitAttr(apk *archive.Zip) string {
	f := apk.File(manifestEntry)
	if f == nil {
		return ""
	}
	data, err := apk.Read(f, archive.MaxEntry)
	if err != nil || !LooksLikeBinaryXML(data) {
		return ""
	}
	root, _, err := decodeBinaryXML(data)
	if err != nil || root == nil {
		return ""
	}
	split, _ := root.plainAttr("split")
	return split
}

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
//
// Implied permissions are worked out once for the whole app, from the
// base's target level: a config split has no <uses-sdk>, and judged on
// its own it would imply the permissions of a targetSdk 0 app.
func unionOfModules(kind string, parts []modulePart) audit.Declaration {
	d := audit.Declaration{Platform: audit.Android, Artifact: audit.Artifact{Kind: kind}, Permissions: []audit.Permission{}}
	if len(parts) > 0 {
		d.App = parts[0].decl.App
	}
	seenFact := map[[2]string]bool{}
	for _, p := range parts {
		d.Modules = append(d.Modules, p.module)
		for _, perm := range p.decl.Permissions {
			if perm.Form == audit.FormImplied {
				continue
			}
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
		for _, s := range p.decl.Signals {
			if s.Entry == "" {
				s.Entry = p.module.Entry
			}
			d.Signals = append(d.Signals, s)
		}
		d.CodeScanned = d.CodeScanned || p.decl.CodeScanned
	}
	if packed(d) {
		// One packed part hides the app's code, whatever the others show.
		d.CodeScanned = false
	}
	addImpliedPermissions(&d)
	sort.SliceStable(d.Facts, func(i, j int) bool {
		if d.Facts[i].Key != d.Facts[j].Key {
			return d.Facts[i].Key < d.Facts[j].Key
		}
		return d.Facts[i].Value < d.Facts[j].Value
	})
	return d
}
