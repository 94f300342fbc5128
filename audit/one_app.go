package audit

import (
	"fmt"
	"strings"
)

// OneAppError refuses an output that describes one app when the inputs
// hold none of the platform's apps, or several.
type OneAppError struct {
	// Output names what describes one app ("a Google Play Data safety form").
	Output   string
	Platform Platform
	// Apps are the distinct apps of Platform found, each at its first path.
	Apps []ListedArtifact
	// Others are the artifacts of other platforms, named when Apps is empty.
	Others []ListedArtifact
}

func (e *OneAppError) Error() string {
	if len(e.Apps) == 0 {
		msg := fmt.Sprintf("%s describes one %s app, and the inputs hold none", e.Output, e.Platform.Title())
		if len(e.Others) > 0 {
			msg += " (found: " + describeApps(e.Others, true) + ")"
		}
		return msg
	}
	return fmt.Sprintf("%s describes one release of one %s app, but the inputs hold %d %s artifacts: %s; run it once per artifact",
		e.Output, e.Platform.Title(), len(e.Apps), e.Platform.Title(), describeApps(e.Apps, false))
}

func describeApps(list []ListedArtifact, withPlatform bool) string {
	parts := make([]string, len(list))
	for i, a := range list {
		id := a.App
		if id == "" {
			id = "an app without an id"
		}
		if withPlatform {
			id = a.Platform.Title() + " " + id
		}
		parts[i] = id + " in " + a.Path
	}
	return strings.Join(parts, ", ")
}

// oneApp finds the single artifact of platform p among the artifacts: a
// form describes one release, so two files of one app (an APK and its
// App Bundle, an old and a new APK) are refused like two apps; an App
// Bundle with its modules is one artifact already. Other platforms'
// artifacts are named by app, an IPA's extensions once.
func oneApp(artifacts []ListedArtifact, p Platform, output string) (ListedArtifact, error) {
	var apps, others []ListedArtifact
	seen := map[string]bool{}
	for _, a := range artifacts {
		key := string(a.Platform) + "\x00" + a.App
		if a.App == "" || a.Platform == p {
			key += "\x00" + a.Path
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		if a.Platform == p {
			apps = append(apps, a)
		} else {
			others = append(others, a)
		}
	}
	if len(apps) != 1 {
		return ListedArtifact{}, &OneAppError{Output: output, Platform: p, Apps: apps, Others: others}
	}
	return apps[0], nil
}
