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
		return writeSDKTable(w, l.SDKs, o.width())
	}},
	{Name: "json", Description: "machine-readable list (kind permaudit-sdk-list)", Write: sdkRows(writeSDKJSON)},
	{Name: "csv", Description: "spreadsheet import, one row per app and SDK", Write: sdkRows(writeSDKCSV)},
	{Name: "markdown", Description: "the third-party SDK list to publish with a privacy policy", Write: sdkRows(writeSDKMarkdown)},
	{Name: "play-data-safety", Description: "draft Google Play Data safety answers (Play Console CSV import) for one Android app", Write: func(w, notes io.Writer, l audit.SDKListing, _ Options) error {
		return writePlayDataSafety(w, notes, l)
	}},
}

// sdkRows adapts a writer of the SDK rows alone, which has no notes.
func sdkRows(write func(io.Writer, []audit.SDKListEntry) error) func(w, notes io.Writer, l audit.SDKListing, o Options) error {
	return func(w, _ io.Writer, l audit.SDKListing, _ Options) error { return write(w, l.SDKs) }
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

func writeSDKJSON(w io.Writer, list []audit.SDKListEntry) error {
	if list == nil {
		list = []audit.SDKListEntry{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Kind string               `json:"kind"`
		SDKs []audit.SDKListEntry `json:"sdks"`
	}{"permaudit-sdk-list", list})
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

func writeSDKCSV(w io.Writer, list []audit.SDKListEntry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(append([]string{"Path"}, sdkColumns...)); err != nil {
		return err
	}
	for _, e := range list {
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

func writeSDKMarkdown(w io.Writer, list []audit.SDKListEntry) error {
	fmt.Fprintln(w, "## Third-party SDKs")
	fmt.Fprintln(w)
	if len(list) == 0 {
		_, err := fmt.Fprintln(w, "No third-party SDK from permaudit's catalog was found.")
		return err
	}
	fmt.Fprintln(w, "| "+strings.Join(sdkColumns, " | ")+" |")
	fmt.Fprintln(w, strings.Repeat("| --- ", len(sdkColumns))+"|")
	for _, e := range list {
		// mdText escapes each name (links, HTML, pipes): an app id or a
		// class name from the input must not turn into Markdown.
		cells := sdkCellsEscaped(e, "<br>", mdText)
		if e.PrivacyPolicy != "" {
			cells[sdkPolicyCell] = "<" + e.PrivacyPolicy + ">"
		}
		fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |")
	}
	_, err := fmt.Fprintln(w, "\nPermissions brought: the declared permissions in the SDK's documented permission set. Found by: the names in the package or project that identify the SDK. Detected by permaudit.")
	return err
}

func writeSDKTable(w io.Writer, list []audit.SDKListEntry, width int) error {
	if len(list) == 0 {
		_, err := fmt.Fprintln(w, "No third-party SDK from permaudit's catalog was found.")
		return err
	}
	// Short headers: a header never wraps. The SDK cell lists what it was
	// found by under its name.
	g := grid{header: []string{"App", "SDK", "Vendor", "Purpose", "Permissions", "Data collected", "Privacy"}}
	for _, e := range list {
		c := sdkCells(e, "\n")
		g.rows = append(g.rows, []string{c[0] + " (" + c[1] + ")", c[2] + "\n" + c[8], c[3], c[4], c[5], c[6], c[7]})
	}
	if !g.fitsWholeWords(width) {
		return writeSDKBlocks(w, list, width)
	}
	return g.render(w, width)
}

// writeSDKBlocks lists each SDK as a block of labelled lines: seven
// columns in a narrow terminal would break every word.
func writeSDKBlocks(w io.Writer, list []audit.SDKListEntry, width int) error {
	labels := []struct {
		name string
		cell int
	}{{"found by", 8}, {"purpose", 4}, {"permissions", 5}, {"data", 6}, {"privacy", 7}}
	for i, e := range list {
		c := sdkCells(e, "\n")
		if i > 0 {
			fmt.Fprintln(w)
		}
		for _, line := range wrapText(c[2]+" — "+c[3], max(width, 20)) {
			fmt.Fprintln(w, line)
		}
		fmt.Fprintf(w, "  in %s (%s)\n", c[0], c[1])
		for _, l := range labels {
			head := fmt.Sprintf("  %-14s", l.name+":")
			// One item per line; an item that wraps goes on indented.
			for _, item := range strings.Split(c[l.cell], "\n") {
				for j, line := range wrapText(item, max(width-len(head)-2, 20)) {
					if j > 0 {
						line = "  " + line
					}
					if _, err := fmt.Fprintln(w, strings.TrimRight(head+line, " ")); err != nil {
						return err
					}
					head = strings.Repeat(" ", len(head))
				}
			}
		}
	}
	return nil
}
