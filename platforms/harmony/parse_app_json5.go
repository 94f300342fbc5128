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
	api := app.get("apiVersion")
	min, err := firstLevel(app.get("minAPIVersion"), api.get("compatible"))
	if err != nil {
		return a, nil, err
	}
	target, err := firstLevel(app.get("targetAPIVersion"), api.get("target"))
	if err != nil {
		return a, nil, err
	}
	facts := scalarFact(app.get("debug"))
	a.MinLevel, facts = normalLevel(min, facts)
	a.TargetLevel, facts = normalLevel(target, facts)
	return a, facts, nil
}

// firstLevel is the first of the fields that states a level.
func firstLevel(fields ...field) (field, error) {
	for _, f := range fields {
		v, err := f.level()
		if err != nil {
			return field{}, err
		}
		if v != "" {
			return f, nil
		}
	}
	return field{}, nil
}

// normalLevel reads a level field as the platform compares it: HarmonyOS
// NEXT writes API 12 as 50000012, and the .hap (module.json) and the
// .app (pack.info) of one app must report the same level. The raw value
// stays as a fact.
func normalLevel(f field, facts []audit.Fact) (string, []audit.Fact) {
	raw, _ := f.level()
	level, changed := audit.NormalLevel(audit.HarmonyOS, raw)
	if changed {
		facts = append(facts, audit.Fact{Key: f.path, Value: raw, Line: f.line})
	}
	return level, facts
}
