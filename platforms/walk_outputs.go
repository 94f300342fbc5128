package platforms

import "strings"

// Below a build directory a walk enters only build/outputs/apk and
// build/outputs/bundle, where the Android Gradle plugin writes the
// packages it builds: those are what ships, the rest (intermediates,
// merged manifests of every variant) are copies.

// skippedInWalk reports whether a directory below the walk's root is passed over.
func skippedInWalk(rel, name string) bool {
	if name == "build" {
		return !keptBuildPath(rel)
	}
	return skippedDir(name) || !keptBuildPath(rel)
}

// keptBuildPath reports whether rel (slash or OS separated, below the
// root) is outside every build directory or on the way to its packages.
func keptBuildPath(rel string) bool {
	parts := strings.FieldsFunc(rel, func(r rune) bool { return r == '/' || r == '\\' })
	for i, p := range parts {
		if p != "build" {
			continue
		}
		rest := parts[i+1:]
		switch {
		case len(rest) == 0:
			return true
		case rest[0] != "outputs":
			return false
		case len(rest) == 1:
			return true
		default:
			return rest[1] == "apk" || rest[1] == "bundle"
		}
	}
	return true
}
