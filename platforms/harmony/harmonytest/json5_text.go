package harmonytest

import (
	"fmt"
	"strings"
)

// licence is the header OpenHarmony files open with; its "*     http://"
// once broke block-comment handling, so every generated file carries it.
const licence = `/*
 * Copyright (c) 2024 Example.
 * Licensed under the Apache License, Version 2.0 (the "License");
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 */
`

// textWriter builds text line by line and knows which line it is on.
type textWriter struct {
	b    strings.Builder
	line int // lines written so far
}

func (w *textWriter) add(format string, args ...any) int {
	fmt.Fprintf(&w.b, format+"\n", args...)
	w.line++
	return w.line
}

// ModuleJSON5 writes source module.json5 text in the dialect people write:
// a licence comment, line comments, unquoted keys, single quotes and
// trailing commas. It returns the text and the 1-based line of each
// permission's name key, in order.
func ModuleJSON5(m Module) (text []byte, nameLines []int) {
	w := &textWriter{}
	for _, l := range strings.Split(strings.TrimSuffix(licence, "\n"), "\n") {
		w.add("%s", l)
	}
	w.add("{")
	w.add("  module: {")
	w.add("    name: '%s', // the module's name", m.Name)
	w.add("    \"type\": \"%s\",", m.Type)
	w.add("    deviceTypes: ['phone', 'tablet',],")
	if len(m.Abilities) > 0 {
		w.add("    abilities: [")
		for _, a := range m.Abilities {
			w.add("      {")
			w.add("        name: %s,", quote(a.Name))
			if len(a.BackgroundModes) > 0 {
				w.add("        backgroundModes: [%s],", quoteAll(a.BackgroundModes))
			}
			w.add("      },")
		}
		w.add("    ],")
	}
	if m.Permissions != nil {
		w.add("    requestPermissions: [")
		w.add("      /* permissions the app asks for */")
		for _, p := range m.Permissions {
			w.add("      {")
			nameLines = append(nameLines, w.add("        'name': %s,", quote(p.Name)))
			if p.reasonPresent() {
				w.add("        reason: %s,", quote(p.Reason))
			}
			if p.usedScenePresent() {
				w.add("        usedScene: {")
				if p.Abilities != nil {
					w.add("          abilities: [%s],", quoteAll(p.Abilities))
				}
				if p.When != "" {
					w.add("          when: %s", quote(p.When))
				}
				w.add("        },")
			}
			w.add("      },")
		}
		w.add("    ],")
	}
	w.add("  },")
	w.add("}")
	return []byte(w.b.String()), nameLines
}

// AppJSON5 writes AppScope/app.json5 text.
func AppJSON5(app App) []byte {
	w := &textWriter{}
	w.add("// app-level configuration")
	w.add("{")
	w.add("  app: {")
	w.add("    bundleName: %s,", quote(app.BundleName))
	w.add("    vendor: 'example',")
	w.add("    versionCode: 1000000,")
	w.add("    versionName: %s,", quote(app.VersionName))
	if app.MinAPI != 0 {
		w.add("    minAPIVersion: %d,", app.MinAPI)
	}
	if app.TargetAPI != 0 {
		w.add("    targetAPIVersion: %d,", app.TargetAPI)
	}
	w.add("  },")
	w.add("}")
	return []byte(w.b.String())
}

// quote writes a single-quoted JSON5 string.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`, "\r", `\r`)
	return "'" + r.Replace(s) + "'"
}

func quoteAll(list []string) string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = quote(s)
	}
	return strings.Join(out, ", ")
}
