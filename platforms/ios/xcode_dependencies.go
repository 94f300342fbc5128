package ios

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// The package managers of an Xcode project name the SDKs it links:
// CocoaPods' Podfile.lock beside the project, and SwiftPM's
// Package.resolved inside the project's or a workspace's
// xcshareddata/swiftpm. Neither says which target links what, so every
// app target of the project gets them.

// maxPackages caps the pods or pins kept from one file.
const maxPackages = 5000

// projectPackages is what the dependency files list, with the notes of
// those that could not be read.
type projectPackages struct {
	signals   []audit.Signal
	libraries []audit.Library
	notes     []audit.Note
}

// readProjectPackages reads Podfile.lock and every Package.resolved of
// the project proj (a .xcodeproj in the fsys root) and of the root's
// workspaces.
func readProjectPackages(fsys fs.FS, proj string) projectPackages {
	var pp projectPackages
	pp.read(fsys, "Podfile.lock", audit.SignalCocoaPods, parsePodfileLock)
	resolved := []string{path.Join(proj, "project.xcworkspace/xcshareddata/swiftpm/Package.resolved")}
	if ws, err := fs.Glob(fsys, "*.xcworkspace/xcshareddata/swiftpm/Package.resolved"); err == nil {
		resolved = append(resolved, ws...)
	}
	for _, file := range resolved {
		pp.read(fsys, file, audit.SignalSwiftPM, parsePackageResolved)
	}
	return pp
}

func (pp *projectPackages) read(fsys fs.FS, file string, kind audit.SignalKind, parse func([]byte) ([]audit.Library, error)) {
	data, err := archive.ReadFile(fsys, file)
	if isNotExist(err) {
		return
	}
	var libs []audit.Library
	if err == nil {
		libs, err = parse(data)
	}
	if err != nil {
		pp.notes = append(pp.notes, audit.Note{RuleID: audit.RuleProjectUnresolved, Severity: audit.SeverityWarning, Entry: file,
			Message: "could not be read (" + err.Error() + "); the packages it lists are not used for SDK detection"})
		return
	}
	for _, l := range libs {
		l.Source = file
		pp.libraries = append(pp.libraries, l)
		v := l.Name
		if l.Version != "" {
			v += " " + l.Version
		}
		pp.signals = append(pp.signals, audit.Signal{Kind: kind, Value: v, Entry: file})
	}
}

func (pp projectPackages) addTo(d *audit.Declaration) {
	d.Signals = append(d.Signals, pp.signals...)
	d.Libraries = append(d.Libraries, pp.libraries...)
	d.Notes = append(d.Notes, pp.notes...)
}

// parsePodfileLock lists the pods of a Podfile.lock's PODS section: the
// entries at the first list level, "Name (version)" or, with
// dependencies of their own, the same followed by a colon; subspecs keep
// their "Pod/Subspec" name. https://guides.cocoapods.org/using/using-cocoapods.html
func parsePodfileLock(data []byte) ([]audit.Library, error) {
	var out []audit.Library
	inPods := false
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if line != "" && line[0] != ' ' {
			inPods = line == "PODS:"
			continue
		}
		item, ok := strings.CutPrefix(line, "  - ")
		if !inPods || !ok {
			continue
		}
		item = strings.Trim(strings.TrimSuffix(strings.TrimSpace(item), ":"), `"'`)
		name, version, _ := strings.Cut(item, " (")
		if name == "" {
			continue
		}
		if len(out) == maxPackages {
			return nil, fmt.Errorf("more than %d pods", maxPackages)
		}
		out = append(out, audit.Library{Name: name, Version: strings.TrimSuffix(version, ")")})
	}
	return out, nil
}

// parsePackageResolved lists the pins of a Package.resolved by their
// repository location, the way SwiftPM writes it: version 1 under
// object.pins with repositoryURL, versions 2 and 3 under pins with
// location (https://github.com/swiftlang/swift-package-manager,
// Sources/PackageGraph/PinsStore.swift).
func parsePackageResolved(data []byte) ([]audit.Library, error) {
	type pin struct {
		Location      string `json:"location"`
		RepositoryURL string `json:"repositoryURL"`
		State         struct {
			Version string `json:"version"`
		} `json:"state"`
	}
	var doc struct {
		Version int   `json:"version"`
		Pins    []pin `json:"pins"`
		Object  struct {
			Pins []pin `json:"pins"`
		} `json:"object"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	pins := append(doc.Pins, doc.Object.Pins...)
	if len(pins) > maxPackages {
		return nil, fmt.Errorf("more than %d pins", maxPackages)
	}
	var out []audit.Library
	for _, p := range pins {
		loc := strings.TrimSpace(p.Location + p.RepositoryURL)
		if loc == "" || strings.ContainsAny(loc, " \t\n") {
			continue
		}
		out = append(out, audit.Library{Name: loc, Version: strings.TrimSpace(p.State.Version)})
	}
	return out, nil
}
