package harmony

import (
	"errors"

	"github.com/permaudit/permaudit/audit"
)

// ParseAppJSON reads AppScope/app.json5 (or app.json): the app identity
// that the build merges into every module.
func ParseAppJSON(data []byte) (audit.App, error) {
	doc, err := decode(data)
	if err != nil {
		return audit.App{}, err
	}
	app, ok, err := doc.root.get("app").object()
	if err != nil {
		return audit.App{}, err
	}
	if !ok {
		return audit.App{}, &audit.ParseError{Line: doc.root.line, Err: errors.New(`no "app" object`)}
	}
	a, _, err := readApp(app)
	return a, err
}

// readApp reads an "app" object of any HarmonyOS format: Stage names
// versionName and min/targetAPIVersion, FA nests version{name} and
// apiVersion{compatible, target}. Debug flags come back as facts.
func readApp(app field) (audit.App, []audit.Fact, error) {
	var a audit.App
	var err error
	if a.ID, _, err = app.get("bundleName").str(); err != nil {
		return a, nil, err
	}
	if a.Version, _, err = app.get("versionName").str(); err != nil {
		return a, nil, err
	}
	if a.Version == "" {
		if a.Version, err = app.get("version").get("name").level(); err != nil {
			return a, nil, err
		}
	}
	if a.MinLevel, err = app.get("minAPIVersion").level(); err != nil {
		return a, nil, err
	}
	if a.TargetLevel, err = app.get("targetAPIVersion").level(); err != nil {
		return a, nil, err
	}
	api := app.get("apiVersion")
	if a.MinLevel == "" {
		if a.MinLevel, err = api.get("compatible").level(); err != nil {
			return a, nil, err
		}
	}
	if a.TargetLevel == "" {
		if a.TargetLevel, err = api.get("target").level(); err != nil {
			return a, nil, err
		}
	}
	return a, scalarFact(app.get("debug")), nil
}
