package android

import (
	"fmt"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"
)

// The Android Gradle plugin writes the libraries an App Bundle packages to
// BUNDLE-METADATA/com.android.tools.build.libraries/dependencies.pb, an
// AppDependencies message (app_dependencies.proto in AOSP
// platform/tools/base, read by bundletool):
//
//	AppDependencies     { repeated Library library = 1;
//	                      repeated LibraryDependencies library_dependencies = 2;
//	                      repeated ModuleDependencies module_dependencies = 3; }
//	Library             { MavenLibrary maven_library = 1; … }
//	MavenLibrary        { string group_id = 1; string artifact_id = 2;
//	                      string packaging = 3; string classifier = 4; string version = 5; }
//	LibraryDependencies { int32 library_index = 1; repeated int32 library_dep_index = 2; }
//	ModuleDependencies  { string module_name = 1; repeated int32 dependency_index = 2; }
//
// Indices point into the library list. Only these fields are decoded;
// anything else (digests, repositories, Unity libraries) is skipped.
const (
	appDepsLibrary       = 1
	appDepsLibraryDeps   = 2
	appDepsModuleDeps    = 3
	libraryMaven         = 1
	mavenGroup           = 1
	mavenArtifact        = 2
	mavenClassifier      = 4
	mavenVersion         = 5
	libraryDepsIndex     = 1
	libraryDepsDepIndex  = 2
	moduleDepsName       = 1
	moduleDepsDepIndex   = 2
	aabDependenciesEntry = "BUNDLE-METADATA/com.android.tools.build.libraries/dependencies.pb"
)

// maxBundleLibraries caps the libraries kept: large apps package a few
// hundred; the cap stops a crafted file from costing memory out of
// proportion (the edges cost no more than the bytes that encode them).
const maxBundleLibraries = 20000

// mavenLibrary is one Maven library of the bundle.
type mavenLibrary struct {
	Group, Artifact, Classifier, Version string
}

// Name is "group:artifact", with ":classifier" when there is one.
func (l mavenLibrary) Name() string {
	n := l.Group + ":" + l.Artifact
	if l.Classifier != "" {
		n += ":" + l.Classifier
	}
	return n
}

// appDependencies is the decoded dependencies.pb. A Library that is not a
// Maven library keeps its index with empty coordinates.
type appDependencies struct {
	Libraries []mavenLibrary
	Deps      map[int][]int    // library index → the libraries it depends on
	Modules   map[string][]int // bundle module → its direct dependencies
	Order     []string         // modules in file order
}

// parseAppDependencies decodes dependencies.pb. Malformed encoding is an
// error; indices out of range are dropped.
func parseAppDependencies(data []byte) (appDependencies, error) {
	a := appDependencies{Deps: map[int][]int{}, Modules: map[string][]int{}}
	type edges struct {
		from []int32 // library_index: one value, the last wins
		to   []int32
	}
	var libEdges []edges
	var modNames []string
	var modEdges [][]int32
	err := eachField(data, "AppDependencies", func(f protoField) error {
		switch {
		case f.is(appDepsLibrary, protowire.BytesType):
			if len(a.Libraries) == maxBundleLibraries {
				return fmt.Errorf("more than %d libraries", maxBundleLibraries)
			}
			lib, err := parseLibrary(f.bytes)
			a.Libraries = append(a.Libraries, lib)
			return err
		case f.is(appDepsLibraryDeps, protowire.BytesType):
			from, err := int32Field(f.bytes, "LibraryDependencies", libraryDepsIndex)
			if err != nil {
				return err
			}
			to, err := int32Field(f.bytes, "LibraryDependencies", libraryDepsDepIndex)
			libEdges = append(libEdges, edges{from, to})
			return err
		case f.is(appDepsModuleDeps, protowire.BytesType):
			name, err := stringField(f.bytes, "ModuleDependencies", moduleDepsName)
			if err != nil {
				return err
			}
			to, err := int32Field(f.bytes, "ModuleDependencies", moduleDepsDepIndex)
			modNames, modEdges = append(modNames, name), append(modEdges, to)
			return err
		}
		return nil
	})
	if err != nil {
		return appDependencies{}, err
	}
	valid := func(list []int32) []int {
		var out []int
		for _, i := range list {
			if i >= 0 && int(i) < len(a.Libraries) {
				out = append(out, int(i))
			}
		}
		return out
	}
	for _, e := range libEdges {
		if from := valid(e.from); len(from) > 0 {
			last := from[len(from)-1]
			a.Deps[last] = append(a.Deps[last], valid(e.to)...)
		}
	}
	for i, name := range modNames {
		if _, seen := a.Modules[name]; !seen {
			a.Order = append(a.Order, name)
		}
		a.Modules[name] = append(a.Modules[name], valid(modEdges[i])...)
	}
	return a, nil
}

func parseLibrary(data []byte) (mavenLibrary, error) {
	var lib mavenLibrary
	err := eachField(data, "Library", func(f protoField) error {
		if !f.is(libraryMaven, protowire.BytesType) {
			return nil
		}
		return eachField(f.bytes, "MavenLibrary", func(f protoField) error {
			if f.typ != protowire.BytesType {
				return nil
			}
			s := strings.TrimSpace(string(f.bytes))
			switch f.num {
			case mavenGroup:
				lib.Group = s
			case mavenArtifact:
				lib.Artifact = s
			case mavenClassifier:
				lib.Classifier = s
			case mavenVersion:
				lib.Version = s
			}
			return nil
		})
	})
	return lib, err
}

// int32Field collects an int32 field's values, packed or not.
func int32Field(msg []byte, what string, num protowire.Number) ([]int32, error) {
	var out []int32
	err := eachField(msg, what, func(f protoField) error {
		switch {
		case f.is(num, protowire.VarintType):
			out = append(out, int32(f.value))
		case f.is(num, protowire.BytesType):
			for v := f.bytes; len(v) > 0; {
				x, n := protowire.ConsumeVarint(v)
				if n < 0 {
					return fmt.Errorf("%s: packed field %d: %w", what, num, protowire.ParseError(n))
				}
				out = append(out, int32(x))
				v = v[n:]
			}
		}
		return nil
	})
	return out, err
}
