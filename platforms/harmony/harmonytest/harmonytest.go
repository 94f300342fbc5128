// Package harmonytest writes HarmonyOS inputs for tests: source
// module.json5 and app.json5 text, compiled module.json, FA config.json,
// pack.info, and the .hap and .app zips that carry them.
package harmonytest

import (
	"encoding/json"
)

// App is the app-level identity the writers put in app objects and pack.info.
type App struct {
	BundleName  string
	VersionName string
	MinAPI      int
	TargetAPI   int
	Debug       bool
}

// Module is one module: its name and type, abilities and permissions.
type Module struct {
	Name        string
	Type        string // entry, feature, shared
	Abilities   []Ability
	Permissions []Permission
	// Strings are the base string resources ("$string:name" targets),
	// compiled into a package's resources.index.
	Strings map[string]string
}

// Ability is a UIAbility; BackgroundModes become a Fact.
type Ability struct {
	Name            string
	BackgroundModes []string
}

// Permission is one requestPermissions entry. HasReason and HasUsedScene
// write the key even when its value is empty.
type Permission struct {
	Name         string
	Reason       string
	HasReason    bool
	Abilities    []string
	When         string
	HasUsedScene bool
}

func (p Permission) reasonPresent() bool { return p.HasReason || p.Reason != "" }
func (p Permission) usedScenePresent() bool {
	return p.HasUsedScene || len(p.Abilities) > 0 || p.When != ""
}

// ModuleJSON writes a compiled module.json: strict JSON on one line, the
// app object merged in beside the module, as the build tools emit it.
func ModuleJSON(app App, m Module) []byte {
	return mustJSON(map[string]any{"app": appObject(app), "module": moduleObject(m, "requestPermissions", "abilities")})
}

// ConfigJSON writes an FA-model config.json: reqPermissions, usedScene
// with "ability", version{code,name} and apiVersion in the app.
func ConfigJSON(app App, m Module) []byte {
	mod := moduleObject(m, "reqPermissions", "ability")
	delete(mod, "type")
	mod["name"] = "." + m.Name
	mod["package"] = app.BundleName
	mod["distro"] = map[string]any{"moduleName": m.Name, "moduleType": m.Type}
	fa := map[string]any{
		"bundleName": app.BundleName,
		"vendor":     "example",
		"version":    map[string]any{"code": 1000000, "name": app.VersionName},
		"apiVersion": map[string]any{"compatible": app.MinAPI, "target": app.TargetAPI},
	}
	return mustJSON(map[string]any{
		"app":          fa,
		"deviceConfig": map[string]any{"default": map[string]any{"debug": app.Debug}},
		"module":       mod,
	})
}

// PackInfo writes a pack.info for the given modules.
func PackInfo(app App, modules ...Module) []byte {
	var mods, pkgs []any
	for _, m := range modules {
		mods = append(mods, map[string]any{
			"mainAbility": "EntryAbility",
			"distro":      map[string]any{"moduleName": m.Name, "moduleType": m.Type},
			"apiVersion":  map[string]any{"compatible": app.MinAPI, "target": app.TargetAPI, "releaseType": "Release"},
		})
		pkgs = append(pkgs, map[string]any{"name": m.Name + "-default", "moduleType": m.Type})
	}
	return mustJSON(map[string]any{
		"summary": map[string]any{
			"app": map[string]any{
				"bundleName": app.BundleName,
				"bundleType": "app",
				"version":    map[string]any{"code": 1000000, "name": app.VersionName},
			},
			"modules": mods,
		},
		"packages": pkgs,
	})
}

func appObject(app App) map[string]any {
	out := map[string]any{
		"bundleName":  app.BundleName,
		"versionName": app.VersionName,
		"versionCode": 1000000,
		"vendor":      "example",
		"debug":       app.Debug,
	}
	if app.MinAPI != 0 {
		out["minAPIVersion"] = app.MinAPI
	}
	if app.TargetAPI != 0 {
		out["targetAPIVersion"] = app.TargetAPI
	}
	return out
}

func moduleObject(m Module, permissionsKey, abilitiesKey string) map[string]any {
	var abilities []any
	for _, a := range m.Abilities {
		ab := map[string]any{"name": a.Name}
		if len(a.BackgroundModes) > 0 {
			ab["backgroundModes"] = a.BackgroundModes
		}
		abilities = append(abilities, ab)
	}
	var perms []any
	for _, p := range m.Permissions {
		e := map[string]any{"name": p.Name}
		if p.reasonPresent() {
			e["reason"] = p.Reason
		}
		if p.usedScenePresent() {
			scene := map[string]any{}
			if p.Abilities != nil {
				scene[abilitiesKey] = p.Abilities
			}
			if p.When != "" {
				scene["when"] = p.When
			}
			e["usedScene"] = scene
		}
		perms = append(perms, e)
	}
	out := map[string]any{"name": m.Name, "type": m.Type}
	if abilities != nil {
		out["abilities"] = abilities
	}
	if perms != nil {
		out[permissionsKey] = perms
	}
	return out
}

func mustJSON(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own maps of plain values reach here
	}
	return data
}
