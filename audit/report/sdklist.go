package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// SDKListFormat is one output format of `permaudit sdk-list`.
type SDKListFormat struct {
	Name        string
	Description string
	// Write renders the listing to w, the table o.Width wide; notes
	// receives what the output itself cannot carry (the CLI passes stderr).
	Write func(w, notes io.Writer, l audit.SDKListing, o Options) error
}

// SDKListFormats is the registry of sdk-list formats, in help order.
var SDKListFormats = []SDKListFormat{
	{Name: "table", Description: "one row per app and SDK, for terminals", Write: func(w, _ io.Writer, l audit.SDKListing, o Options) error {
		return writeSDKTable(w, l, o.width())
	}},
	{Name: "json", Description: "machine-readable list (kind permaudit-sdk-list)", Write: noNotes(writeSDKJSON)},
	{Name: "csv", Description: "spreadsheet import, one row per app and SDK", Write: noNotes(writeSDKCSV)},
	{Name: "markdown", Description: "the third-party SDK list to publish with a privacy policy", Write: noNotes(writeSDKMarkdown)},
	{Name: "play-data-safety", Description: "draft Google Play Data safety answers (Play Console CSV import) for one Android app", Write: func(w, notes io.Writer, l audit.SDKListing, _ Options) error {
		return writePlayDataSafety(w, notes, l)
	}},
}

// noNotes adapts a writer that has no notes and no width.
func noNotes(write func(io.Writer, audit.SDKListing) error) func(w, notes io.Writer, l audit.SDKListing, o Options) error {
	return func(w, _ io.Writer, l audit.SDKListing, _ Options) error { return write(w, l) }
}

// LookupSDKList finds an sdk-list format by name.
func LookupSDKList(name string) (*SDKListFormat, error) {
	names := make([]string, len(SDKListFormats))
	for i := range SDKListFormats {
		if SDKListFormats[i].Name == name {
			return &SDKListFormats[i], nil
		}
		names[i] = SDKListFormats[i].Name
	}
	return nil, fmt.Errorf("unsupported sdk-list format %q (supported: %s)", name, strings.Join(names, ", "))
}

// notRecorded stands in for data the catalog does not hold, so a reader
// never takes an empty cell for "none".
const notRecorded = "not recorded"

func listOr(items []string, empty string) []string {
	if len(items) == 0 {
		return []string{empty}
	}
	return items
}

// sdkListDoc is the JSON list. Apps and errors say what was read and
// what was not: an empty sdks array alone cannot tell "no SDK" from
// "nothing read".
type sdkListDoc struct {
	Kind   string                 `json:"kind"`
	Apps   []audit.ListedArtifact `json:"apps"`
	Errors []ErrorDoc             `json:"errors"`
	SDKs   []audit.SDKListEntry   `json:"sdks"`
}

func writeSDKJSON(w io.Writer, l audit.SDKListing) error {
	doc := sdkListDoc{Kind: "permaudit-sdk-list", Apps: l.Artifacts, Errors: []ErrorDoc{}, SDKs: l.SDKs}
	if doc.Apps == nil {
		doc.Apps = []audit.ListedArtifact{}
	}
	if doc.SDKs == nil {
		doc.SDKs = []audit.SDKListEntry{}
	}
	for _, e := range l.Errors {
		doc.Errors = append(doc.Errors, ErrorDoc(e))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

var sdkColumns = []string{"App", "Platform", "SDK", "Vendor", "Purpose", "Permissions brought", "Data collected (per its policy)", "Privacy policy", "Found by"}

// sdkPolicyCell is the index of the privacy-policy link in sdkCells.
const sdkPolicyCell = 7

// sdkCells are one entry's cells in sdkColumns order, lists joined by
// sep. Each name is escaped before the join: the app id, permissions and
// evidence quote the input, and sep may itself be a line break.
func sdkCells(e audit.SDKListEntry, sep string) []string {
	return sdkCellsEscaped(e, sep, audit.Visible)
}

// sdkCellsEscaped is sdkCells with each name passed through esc, which
// must make control characters visible as audit.Visible does.
func sdkCellsEscaped(e audit.SDKListEntry, sep string, esc func(string) string) []string {
	app := e.App
	if app == "" {
		app = e.Path
	}
	join := func(items []string) string {
		out := make([]string, len(items))
		for i, s := range items {
			out[i] = esc(s)
		}
		return strings.Join(out, sep)
	}
	return []string{esc(app), e.Platform.Title(), esc(e.Name), esc(e.Vendor), esc(e.Purpose),
		join(listOr(e.Permissions, noPermissions(e))), join(listOr(e.DataItems, notRecorded)),
		esc(orText(e.PrivacyPolicy, notRecorded)), join(e.Evidence)}
}

// noPermissions says why an SDK brought no permission: the catalog
// documents none, or the app declares none of those it documents.
func noPermissions(e audit.SDKListEntry) string {
	if e.Documented > 0 {
		return fmt.Sprintf("none of the %d it documents declared", e.Documented)
	}
	return "none documented"
}

func orText(s, empty string) string {
	if s == "" {
		return empty
	}
	return s
}

// writeSDKCSV writes the rows alone, a table to import: what could not
// be read goes to stderr.
func writeSDKCSV(w io.Writer, l audit.SDKListing) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(append([]string{"Path"}, sdkColumns...)); err != nil {
		return err
	}
	for _, e := range l.SDKs {
		row := append([]string{e.Path}, sdkCells(e, "; ")...)
		for i := range row { // the path, app id and evidence quote the input
			row[i] = csvSafe(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
