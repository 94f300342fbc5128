package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// noSDKFound opens the sentence said of each app read without an SDK.
const noSDKFound = "No third-party SDK from permaudit's catalog was found"

// noAppRead is said when no input could be read at all.
const noAppRead = "No app was read."

// incompleteHead opens the list of inputs that could not be read.
func incompleteHead(n int) string {
	return fmt.Sprintf("Incomplete: %s could not be read:", plural(n, "input"))
}

// writeSDKTable writes, each part after a blank line: the inputs that
// could not be read, the SDKs (a table, or blocks when the table cannot
// fit), then the apps read in which none was found.
func writeSDKTable(w io.Writer, l audit.SDKListing, width int) error {
	started := false
	part := func() {
		if started {
			fmt.Fprintln(w)
		}
		started = true
	}
	if len(l.Errors) > 0 {
		part()
		fitLine(w, incompleteHead(len(l.Errors)), width)
		var lines []string
		for _, e := range l.Errors {
			lines = append(lines, audit.Visible(e.String()))
		}
		writeIndented(w, lines, width)
	}
	if len(l.SDKs) > 0 {
		part()
		if err := writeSDKRows(w, l.SDKs, width); err != nil {
			return err
		}
	}
	if none := noSDKLines(l); len(none) > 0 {
		part()
		fitLine(w, none[0], width)
		writeIndented(w, none[1:], width)
	}
	return nil
}

// noSDKLines say "no SDK found" of each app read without one, naming
// the file it was read from (an app without an id by its file alone):
// one sentence, or a list under it when there are several.
func noSDKLines(l audit.SDKListing) []string {
	var apps []string
	for _, a := range l.WithoutSDKs() {
		name := audit.Visible(a.Path) + " (" + a.Platform.Title() + ")"
		if a.App != "" {
			name = audit.Visible(a.App) + " (" + a.Platform.Title() + "), read from " + audit.Visible(a.Path)
		}
		apps = append(apps, name+codeCaveat(a))
	}
	switch {
	case len(l.Artifacts) == 0:
		return []string{noAppRead}
	case len(apps) == 1:
		return []string{noSDKFound + " in " + apps[0]}
	case len(apps) > 1:
		return append([]string{noSDKFound + " in:"}, apps...)
	}
	return nil
}

// codeCaveat says when "none found" covers less than the whole app: its
// code was packed, or not searched at all (a manifest, an IPA whose SDKs
// may be linked into the executable).
func codeCaveat(a audit.ListedArtifact) string {
	switch {
	case a.Packed != "":
		return " — its code is packed by " + audit.Visible(a.Packed) + ", so an SDK in it cannot be seen"
	case !a.CodeScanned:
		return " — its code was not searched, so an SDK compiled into it would not show"
	}
	return ""
}

// writeIndented writes each line two spaces in, wrapped to width, its
// own continuation lines two further in.
func writeIndented(w io.Writer, lines []string, width int) {
	for _, l := range lines {
		for j, line := range wrapText(l, max(width-4, 20)) {
			if j > 0 {
				line = "  " + line
			}
			fmt.Fprintln(w, "  "+line)
		}
	}
}

func writeSDKRows(w io.Writer, list []audit.SDKListEntry, width int) error {
	// Short headers: a header never wraps. The SDK cell lists what it was
	// found by under its name; the App cell names the file, as one app
	// may be listed from an APK and from its App Bundle.
	g := grid{header: []string{"App", "SDK", "Vendor", "Purpose", "Permissions", "Data collected", "Privacy"}}
	for _, e := range list {
		c := sdkCells(e, "\n")
		app := c[0] + " (" + c[1] + ")"
		if e.App != "" {
			app += "\n" + audit.Visible(e.Path)
		}
		g.rows = append(g.rows, []string{app, c[2] + "\n" + c[8], c[3], c[4], c[5], c[6], c[7]})
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
	}{{"file", -1}, {"found by", 8}, {"purpose", 4}, {"permissions", 5}, {"data", 6}, {"privacy", 7}}
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
			text := ""
			switch {
			case l.cell >= 0:
				text = c[l.cell]
			case e.App != "": // without an id, the app is named by its file already
				text = audit.Visible(e.Path)
			default:
				continue
			}
			head := fmt.Sprintf("  %-14s", l.name+":")
			// One item per line; an item that wraps goes on indented.
			for _, item := range strings.Split(text, "\n") {
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
