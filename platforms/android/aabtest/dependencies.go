package aabtest

import "google.golang.org/protobuf/encoding/protowire"

// DependenciesEntry is where the Android Gradle plugin stores the
// bundle's library list.
const DependenciesEntry = "BUNDLE-METADATA/com.android.tools.build.libraries/dependencies.pb"

// Library is one Maven library of dependencies.pb; DependsOn are indices
// of other libraries in the same list.
type Library struct {
	Group, Artifact, Version string
	DependsOn                []int
}

// ModuleDeps names a bundle module's direct dependencies by index.
type ModuleDeps struct {
	Module    string
	Libraries []int
}

// Dependencies encodes an AppDependencies message the way AGP writes it
// (app_dependencies.proto): libraries, each one's dependencies, then each
// module's direct dependencies, index lists packed as proto3 does.
func Dependencies(libs []Library, modules ...ModuleDeps) []byte {
	var b []byte
	for _, l := range libs {
		maven := appendString(appendString(nil, 1, l.Group), 2, l.Artifact)
		maven = appendString(appendString(maven, 3, "aar"), 5, l.Version)
		b = message(b, 1, message(nil, 1, maven))
	}
	for i, l := range libs {
		if len(l.DependsOn) > 0 {
			b = message(b, 2, packed(appendVarint(nil, 1, uint64(i)), 2, l.DependsOn))
		}
	}
	for _, m := range modules {
		b = message(b, 3, packed(appendString(nil, 1, m.Module), 2, m.Libraries))
	}
	return b
}

func packed(b []byte, num protowire.Number, list []int) []byte {
	var p []byte
	for _, v := range list {
		p = protowire.AppendVarint(p, uint64(v))
	}
	return message(b, num, p)
}

// AABFiles are the entries AAB writes, for tests that add their own
// (BUNDLE-METADATA, dex files) before zipping.
func AABFiles(modules ...Module) []File {
	files := []File{{Name: "BundleConfig.pb", Data: BundleConfig(), Deflate: true}}
	for _, m := range modules {
		files = append(files, File{Name: m.Name + "/manifest/AndroidManifest.xml", Data: m.Manifest.Marshal(), Deflate: true})
	}
	return files
}
