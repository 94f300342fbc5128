package ios

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// KindXcodeProject is Artifact.Kind for an app target of an Xcode project.
const KindXcodeProject = "xcode-project"

// XcodeApp is one application target of an Xcode project as its build
// configuration would build it, with its app extensions as modules.
type XcodeApp struct {
	Project     string // the .xcodeproj, relative to the fsys root
	Declaration audit.Declaration
}

// ReadXcodeProject reads <proj>/project.pbxproj in fsys (rooted at the
// directory holding the .xcodeproj, Xcode's SRCROOT) and returns one
// declaration per application target for the build configuration
// (Release when config is ""). Each target's Info.plist is the file
// INFOPLIST_FILE names plus, with GENERATE_INFOPLIST_FILE, the
// INFOPLIST_KEY_* build settings; $(VAR) references are expanded from
// the build settings; the deployment target is the minimum level;
// CODE_SIGN_ENTITLEMENTS and localized InfoPlist.strings are read too.
// https://developer.apple.com/documentation/bundleresources/managing-your-app-s-information-property-list
func ReadXcodeProject(fsys fs.FS, proj, config string) ([]XcodeApp, error) {
	if config == "" {
		config = "Release"
	}
	pbx := path.Join(proj, "project.pbxproj")
	data, err := archive.ReadFile(fsys, pbx)
	if err != nil {
		return nil, &audit.ParseError{Entry: pbx, Err: err}
	}
	p, err := parsePbxproj(data)
	if err != nil {
		return nil, withEntry(err, pbx)
	}
	p.fsys = fsys
	targets, err := p.targets(config)
	if err != nil {
		return nil, withEntry(err, pbx)
	}
	name := strings.TrimSuffix(path.Base(proj), ".xcodeproj")
	packages := readProjectPackages(fsys, proj)
	var out []XcodeApp
	for _, t := range targets {
		if t.ProductType != productApplication {
			continue
		}
		d := audit.Declaration{Platform: audit.IOS, Artifact: audit.Artifact{Kind: KindXcodeProject}, Permissions: []audit.Permission{}}
		d.Facts = append(d.Facts, audit.Fact{Key: "project.configuration", Value: config}, audit.Fact{Key: "project.buildFile", Value: pbx})
		for _, xc := range p.xcconfigs {
			d.Facts = append(d.Facts, audit.Fact{Key: "project.buildFile", Value: xc})
		}
		r := targetReader{fsys: fsys, project: name, config: config, pbx: pbx, d: &d}
		if err := r.read(t, "application"); err != nil {
			return nil, err
		}
		for _, ext := range extensionsOf(t, targets) {
			if err := r.read(ext, "app-extension"); err != nil {
				return nil, err
			}
		}
		packages.addTo(&d)
		finish(&d)
		sort.SliceStable(d.Facts, func(i, j int) bool { return d.Facts[i].Key < d.Facts[j].Key })
		out = append(out, XcodeApp{Project: proj, Declaration: d})
	}
	return out, nil
}

// extensionsOf lists the app extension targets the app embeds: those it
// depends on, or every one when the project has a single app target.
func extensionsOf(app xcodeTarget, all []xcodeTarget) []xcodeTarget {
	apps := 0
	for _, t := range all {
		if t.ProductType == productApplication {
			apps++
		}
	}
	var out []xcodeTarget
	for _, t := range all {
		isExt := strings.HasPrefix(t.ProductType, productExtension) || strings.HasSuffix(t.ProductType, "-extension")
		if isExt && (apps == 1 || contains(app.Dependencies, t.Name)) {
			out = append(out, t)
		}
	}
	return out
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
