package report

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// JSONSchema is the JSON Schema (draft 2020-12) of Document, the JSON
// report. It lives in the repository at audit/report/schema.
//
//go:embed schema/report.schema.json
var JSONSchema []byte

// maxReportSize bounds what ReadDocument accepts: far above any real
// report, low enough that a wrong file cannot exhaust memory.
const maxReportSize = 256 << 20

// ReadDocument reads a JSON report back, e.g. an earlier run used as a
// baseline. It accepts any report of this schema version, including one
// from a later release that added fields, and refuses other versions.
func ReadDocument(r io.Reader) (Document, error) {
	var doc Document
	dec := json.NewDecoder(io.LimitReader(r, maxReportSize))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return Document{}, errors.New("empty input: not a permaudit JSON report")
		}
		return Document{}, fmt.Errorf("not a permaudit JSON report: %w", err)
	}
	switch {
	case doc.SchemaVersion == 0:
		return Document{}, errors.New("not a permaudit JSON report (no schemaVersion)")
	case doc.SchemaVersion != SchemaVersion:
		return Document{}, fmt.Errorf("report has schemaVersion %d; this permaudit reads schemaVersion %d", doc.SchemaVersion, SchemaVersion)
	}
	if dec.More() {
		return Document{}, errors.New("not a permaudit JSON report: data after the document")
	}
	if doc.Policies == nil {
		doc.Policies = []PolicyRef{}
	}
	if doc.Artifacts == nil {
		doc.Artifacts = []ArtifactDoc{}
	}
	if doc.Errors == nil {
		doc.Errors = []ErrorDoc{}
	}
	return doc, nil
}
