package report

import (
	"fmt"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// mdSDKTable is an artifact's third-party SDKs as one compact table, a
// row per declarer: each SDK with the declared permissions in its
// documented set, then the app with those no SDK documents — so every
// permission names what brought it, as the table report's "Declared by"
// does, in a row per SDK rather than one per permission.
func mdSDKTable(a audit.ArtifactResult) string {
	if len(a.SDKs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("| Declared by | Vendor | Permissions | Found by |\n|---|---|---|---|\n")
	for _, s := range a.SDKs {
		fmt.Fprintf(&b, "| %s %s | %s | %s | %s |\n", mdLink(s.Name, s.PrivacyPolicy), mdCode(s.ID), mdText(s.Vendor),
			mdText(orDash(shortNames(s.Permissions))), mdText(strings.Join(s.Evidence, "; ")))
	}
	if own := appOwnPermissions(a); len(own) > 0 {
		fmt.Fprintf(&b, "| the %s | - | %s | - |\n", appItself, mdText(shortNames(own)))
	}
	return b.String() + "\n"
}

// appOwnPermissions are the declared permissions no detected SDK
// documents, each once.
func appOwnPermissions(a audit.ArtifactResult) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range a.Permissions {
		if p.Removed || seen[p.Name] || len(p.DeclaredBy) > 0 {
			continue
		}
		seen[p.Name] = true
		out = append(out, p.Name)
	}
	return out
}

// mdLink links text to url when url is a plain web address; a report
// read back from JSON (merge) may carry anything there, so anything else
// is left as text.
func mdLink(text, url string) string {
	web := strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "http://")
	if !web || strings.ContainsAny(url, " <>\"`\\\t\r\n") {
		return mdText(text)
	}
	return "[" + mdText(text) + "](<" + url + ">)"
}

// sdkDetails is the collapsed block of an artifact without findings that
// embeds SDKs: its SDK table alone.
func sdkDetails(a audit.ArtifactResult) string {
	return fmt.Sprintf("<details><summary><code>%s</code> — %s, no findings</summary>\n\n%s</details>\n\n",
		htmlText(a.Artifact.Path), plural(len(a.SDKs), "third-party SDK"), mdSDKTable(a))
}

// addSDKDetails adds the SDK blocks of the artifacts without findings
// after those with findings, so only when all of those fit (room); it
// returns what it left out, for the truncation note.
func addSDKDetails(bu *budget, clean []audit.ArtifactResult, room bool) string {
	var with []audit.ArtifactResult
	for _, a := range clean {
		if len(a.SDKs) > 0 {
			with = append(with, a)
		}
	}
	shown := 0
	for _, a := range with {
		if !room || !bu.add(sdkDetails(a)) {
			break
		}
		shown++
	}
	if shown == len(with) {
		return ""
	}
	return fmt.Sprintf("the third-party SDKs of %d artifact(s) without findings", len(with)-shown)
}
