package platforms

import (
	"fmt"
	"io"
	"os"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
	"github.com/permaudit/permaudit/platforms/harmony"
)

// parseHarmonyModule reads a module.json5 and, for a source tree, the
// project's AppScope/app.json5, which supplies the app's identity.
func parseHarmonyModule(path string, data []byte) (audit.Declaration, error) {
	d, err := harmony.ParseModule(data)
	if err != nil {
		return d, err
	}
	appPath := harmony.FindAppJSON5(path)
	if appPath == "" {
		return d, nil
	}
	raw, err := readCapped(appPath)
	if err != nil {
		return d, &audit.ParseError{Err: err}
	}
	app, err := harmony.ParseAppJSON(raw)
	if err != nil {
		return d, &audit.ParseError{Entry: appPath, Err: err}
	}
	d.App = mergeApp(d.App, app)
	d.Facts = append(d.Facts, audit.Fact{Key: "appScope", Value: appPath})
	return d, nil
}

// mergeApp fills what the module left empty from the app-level file.
func mergeApp(mod, app audit.App) audit.App {
	if mod.ID == "" {
		mod.ID = app.ID
	}
	if mod.Version == "" {
		mod.Version = app.Version
	}
	if mod.MinLevel == "" {
		mod.MinLevel = app.MinLevel
	}
	if mod.TargetLevel == "" {
		mod.TargetLevel = app.TargetLevel
	}
	return mod
}

func readCapped(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, archive.MaxEntry+1))
	if err == nil && len(data) > archive.MaxEntry {
		err = fmt.Errorf("%s is over the %d-byte limit for a manifest", path, archive.MaxEntry)
	}
	return data, err
}
