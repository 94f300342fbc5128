package platforms

import "strings"

// Below a build directory a walk enters only where the Android Gradle
// plugin (and Flutter, one level down in build/app) writes the packages it
// builds — build/outputs/apk, build/outputs/bundle, build/app/outputs/
// flutter-apk: those are what ships; the rest (intermediates, merged
// manifests of every variant) are copies.

// skippedInWalk reports whether a directory below the walk's root is passed over.
func skippedInWalk(rel, name string) bool {
	if name == "build" {
		return !keptBuildDir(rel)
	}
	return skippedDir(name) || !keptBuildDir(rel)
}

// belowBuild returns the path elements after the first "build" one.
func belowBuild(rel string) ([]string, bool) {
	parts := strings.FieldsFunc(rel, func(r rune) bool { return r == '/' || r == '\\' })
	for i, p := range parts {
		if p == "build" {
			return parts[i+1:], true
		}
	}
	return nil, false
}

func isPackageDir(name string) bool {
	return name == "apk" || name == "bundle" || name == "flutter-apk"
}

// keptBuildDir reports whether a directory is outside every build
// directory or on the way to (or inside) one of its package folders.
func keptBuildDir(rel string) bool {
	rest, in := belowBuild(rel)
	switch {
	case !in || len(rest) == 0:
		return true
	case rest[0] == "outputs":
		return len(rest) == 1 || isPackageDir(rest[1])
	case len(rest) == 1:
		return true // build/<module>, as Flutter's build/app
	case rest[1] == "outputs":
		return len(rest) == 2 || isPackageDir(rest[2])
	}
	return false
}

// keptBuildFile reports whether a file is outside every build directory
// or inside one of its package folders.
func keptBuildFile(rel string) bool {
	rest, in := belowBuild(rel)
	if !in {
		return true
	}
	dirs := rest[:max(len(rest)-1, 0)]
	return (len(dirs) >= 2 && dirs[0] == "outputs" && isPackageDir(dirs[1])) ||
		(len(dirs) >= 3 && dirs[1] == "outputs" && isPackageDir(dirs[2]))
}
