package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// writeSDKMarkdown writes the list to publish: what could not be read
// first (a list missing an app must say so), the SDKs, then each app read
// in which none was found. Every name from the input is escaped (mdText,
// mdCode): an app id or a class name must not turn into Markdown.
func writeSDKMarkdown(w io.Writer, l audit.SDKListing) error {
	var b strings.Builder
	b.WriteString("## Third-party SDKs\n\n")
	if len(l.Errors) > 0 {
		b.WriteString("**" + incompleteHead(len(l.Errors)) + "**\n\n")
		for _, e := range l.Errors {
			b.WriteString("- " + mdInputError(e) + "\n")
		}
		b.WriteString("\n")
	}
	several := l.InSeveralFiles()
	if len(l.SDKs) > 0 {
		b.WriteString("| " + strings.Join(sdkColumns, " | ") + " |\n")
		b.WriteString(strings.Repeat("| --- ", len(sdkColumns)) + "|\n")
		for _, e := range l.SDKs {
			cells := sdkCellsEscaped(e, "<br>", mdText)
			if e.App != "" && several(e.Platform, e.App) { // the file tells the rows apart
				cells[0] += "<br>" + mdCode(e.Path)
			}
			if e.PrivacyPolicy != "" {
				cells[sdkPolicyCell] = "<" + e.PrivacyPolicy + ">"
			}
			b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		}
		b.WriteString("\n")
	}
	switch none := l.WithoutSDKs(); {
	case len(none) == 1:
		b.WriteString(noSDKFound + " in " + mdApp(none[0], several) + mdText(codeCaveat(none[0])) + ".\n\n")
	case len(none) > 1:
		b.WriteString(noSDKFound + " in:\n\n")
		for _, a := range none {
			b.WriteString("- " + mdApp(a, several) + mdText(codeCaveat(a)) + "\n")
		}
		b.WriteString("\n")
	}
	if len(l.Artifacts) == 0 {
		b.WriteString(noAppRead + "\n\n")
	}
	if len(l.SDKs) > 0 {
		b.WriteString("Permissions brought: the declared permissions in the SDK's documented permission set. Found by: the names in the package or project that identify the SDK. Detected by permaudit.\n")
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

// mdApp names an app read: its id and platform, with its file when the
// id was read from several; an app without an id by its file.
func mdApp(a audit.ListedArtifact, several func(audit.Platform, string) bool) string {
	switch {
	case a.App == "":
		return fmt.Sprintf("%s (%s)", mdCode(a.Path), a.Platform.Title())
	case several(a.Platform, a.App):
		return fmt.Sprintf("%s (%s, %s)", mdText(a.App), a.Platform.Title(), mdCode(a.Path))
	}
	return fmt.Sprintf("%s (%s)", mdText(a.App), a.Platform.Title())
}
