// Package policydata embeds permaudit's data: the category list, one
// permission catalog per platform and the built-in policies. Each entry
// names its source; the loaders live in package audit.
package policydata

import "embed"

// FS holds categories.json, catalogs/<platform>.json, policies/<id>.json,
// the SDK signature catalog sdks/*.json, Apple privacy data and the Google
// Play Data safety mapping privacy/*.json.
//
//go:embed categories.json catalogs/*.json policies/*.json sdks/*.json privacy/*.json
var FS embed.FS
