package cli

import (
	"fmt"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms"
)

// severalAppsError: a directory given to diff holds more than one app on
// a platform, so which two builds to compare is the user's call.
type severalAppsError struct{ msg string }

func (e severalAppsError) Error() string { return e.msg }

// readBuilds reads one side of a diff: a manifest or package, or a
// directory holding one app per platform. Read errors come back as input
// errors (every one, so a user fixes them in one go).
func readBuilds(side, path string, opts diffOptions) ([]audit.Build, []audit.InputError, error) {
	var errs []audit.InputError
	byPlatform := map[audit.Platform][]audit.Declaration{}
	scan := platforms.ScanOptions{WalkOptions: opts.walk(), Digest: !opts.NoDigest}
	for in := range platforms.Scan([]string{path}, scan) {
		if in.Err != nil {
			errs = append(errs, audit.NewInputError(in.Path, in.Err))
			continue
		}
		byPlatform[in.Declaration.Platform] = append(byPlatform[in.Declaration.Platform], in.Declaration)
	}
	if len(errs) > 0 {
		return nil, errs, nil
	}
	var builds []audit.Build
	for _, pl := range audit.Platforms {
		ds := byPlatform[pl]
		if len(ds) == 0 {
			continue
		}
		if err := oneApp(side, path, ds); err != nil {
			return nil, nil, err
		}
		builds = append(builds, audit.MergeBuild(ds))
	}
	return builds, nil, nil
}

// oneApp accepts one artifact per platform, or an iOS app's source files
// of different kinds (Info.plist, .entitlements, PrivacyInfo.xcprivacy),
// which together make one build.
func oneApp(side, dir string, ds []audit.Declaration) error {
	if len(ds) == 1 {
		return nil
	}
	kinds := map[string]bool{}
	mergeable := ds[0].Platform == audit.IOS
	var files []string
	for _, d := range ds {
		files = append(files, d.Artifact.Path+" ("+d.Artifact.Kind+")")
		mergeable = mergeable && !kinds[d.Artifact.Kind] && !platforms.IsPackage(d.Artifact.Kind)
		kinds[d.Artifact.Kind] = true
	}
	if mergeable {
		return nil
	}
	return severalAppsError{fmt.Sprintf("%s %s holds more than one %s app or module: %s; name one manifest or package for each side, or --exclude the others",
		side, dir, ds[0].Platform.Title(), strings.Join(files, ", "))}
}
