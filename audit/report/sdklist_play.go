package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// The Play Console's Data safety CSV ("Export to CSV" / "Import from
// CSV" under App content > Data safety; the same text is the safetyLabels
// of the Play Developer API's applications.dataSafety). Its import
// refuses any other header ("Invalid header row"). See
// https://support.google.com/googleplay/android-developer/answer/10787469
var playHeader = []string{"Question ID (machine readable)", "Response ID (machine readable)", "Response value", "Answer requirement", "Human-friendly question label"}

const (
	playCollectsData = "PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA"
	playUsage        = "PSL_DATA_USAGE_RESPONSES"
	// A selected choice and a yes are "true", a no "false"; an empty value
	// leaves the question for the developer in the Console.
	playTrue, playFalse, playUnanswered = "true", "false", ""
)

const notFromPackage = " — not answered: a package cannot show it; answer it in the Console"

// writePlayDataSafety writes the draft: every general and data-type row
// of the form, in the Console's order, then a usage block per collected
// type. Notes go to notes, never into the CSV, which must stay
// importable; the last one lists the questions left for the developer.
func writePlayDataSafety(w, notes io.Writer, l audit.SDKListing) error {
	d, err := audit.PlayDataSafety(l)
	if err != nil {
		return err
	}
	pd, err := audit.BuiltinPlayData()
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(playHeader); err != nil {
		return err
	}
	if err := cw.WriteAll(playRows(d, pd)); err != nil {
		return err
	}
	for _, n := range d.Notes {
		fmt.Fprintf(notes, "permaudit: note: %s\n", audit.Visible(n))
	}
	fmt.Fprintf(notes, "permaudit: note: left for you in the Console: %s\n", strings.Join(playLeftQuestions(d, pd), "; "))
	return nil
}

// playLeftQuestions are the general questions the draft leaves blank,
// each once, by label without its response.
func playLeftQuestions(d *audit.PlayDraft, pd *audit.PlayData) []string {
	var out []string
	seen := map[string]bool{}
	for _, g := range pd.General {
		if seen[g.Question] || (g.Question == playCollectsData && len(d.Collected) > 0) {
			continue
		}
		seen[g.Question] = true
		label := g.Label
		if g.Response != "" {
			label, _, _ = strings.Cut(label, " / ")
		}
		out = append(out, label)
	}
	return out
}

func playRows(d *audit.PlayDraft, pd *audit.PlayData) [][]string {
	collects, collectsLabel := playUnanswered, " — not answered: no detected SDK's data item maps to a data type, and permaudit does not read the app's own code"
	if len(d.Collected) > 0 {
		collects, collectsLabel = playTrue, " — yes: the detected SDKs' statements name the data types marked true below"
	}
	var rows [][]string
	for _, g := range pd.General {
		value, label := playUnanswered, g.Label+notFromPackage
		if g.Question == playCollectsData {
			value, label = collects, g.Label+collectsLabel
		}
		rows = append(rows, []string{g.Question, g.Response, value, g.Requirement, label})
	}
	byType := map[string]audit.PlayCollected{}
	for _, c := range d.Collected {
		byType[c.Type] = c
	}
	for _, cat := range pd.Categories {
		for _, t := range cat.Types {
			value, label := playUnanswered, cat.Label+" / "+t.Label
			if c, ok := byType[t.ID]; ok {
				value, label = playTrue, label+" — "+playSources(c.Because)
			}
			rows = append(rows, []string{cat.Question, t.ID, value, "MULTIPLE_CHOICE", label})
		}
	}
	for _, c := range d.Collected {
		rows = append(rows, playUsageRows(c, pd)...)
	}
	return rows
}

// playUsageRows answers "data usage and handling" for one collected type:
// collected (by the SDK's vendor, for the app); shared only when an
// item's statement says so; not ephemeral; required (an SDK collects to
// work) unless a statement says collection is optional, which leaves the
// choice to the developer; and the purposes mapped from the statements.
func playUsageRows(c audit.PlayCollected, pd *audit.PlayData) [][]string {
	full, _ := pd.TypeLabel(c.Type)
	q := func(part string) string { return playUsage + ":" + c.Type + ":" + part }
	l := func(s string) string { return "Data usage (" + full + ") / " + s }
	shared, sharedLabel := playUnanswered, "Shared — a transfer to an SDK vendor acting for you is not sharing; select it if the vendor uses the data for its own purposes"
	if len(c.Shared) > 0 {
		shared, sharedLabel = playTrue, "Shared — the statement says so: "+playSources(c.Shared)
	}
	optional, required := playUnanswered, playTrue
	optionalLabel, requiredLabel := "Users can choose whether this data is collected",
		"Collection is required (users can't turn it off) — assumed: the SDKs collect it to work; choose optional if your app lets users turn it off"
	if len(c.Optional) > 0 {
		required = playUnanswered
		optionalLabel += " — left for you: the statement says collection is optional: " + playSources(c.Optional)
		requiredLabel = "Collection is required (users can't turn it off) — not answered: the statement says collection is optional"
	}
	rows := [][]string{
		{q("PSL_DATA_USAGE_COLLECTION_AND_SHARING"), "PSL_DATA_USAGE_ONLY_COLLECTED", playTrue, "MULTIPLE_CHOICE",
			l("Collected — " + playSources(c.Because) + " (sent off the device to the SDK's vendor)")},
		{q("PSL_DATA_USAGE_COLLECTION_AND_SHARING"), "PSL_DATA_USAGE_ONLY_SHARED", shared, "MULTIPLE_CHOICE", l(sharedLabel)},
		{q("PSL_DATA_USAGE_EPHEMERAL"), "", playFalse, "MAYBE_REQUIRED",
			l("Processed ephemerally? — no: the SDKs' statements do not say it is only held in memory")},
		{q("DATA_USAGE_USER_CONTROL"), "PSL_DATA_USAGE_USER_CONTROL_OPTIONAL", optional, "SINGLE_CHOICE", l(optionalLabel)},
		{q("DATA_USAGE_USER_CONTROL"), "PSL_DATA_USAGE_USER_CONTROL_REQUIRED", required, "SINGLE_CHOICE", l(requiredLabel)},
	}
	rows = append(rows, playPurposeRows(q("DATA_USAGE_COLLECTION_PURPOSE"), l("Collected for / "), c.Purposes, pd)...)
	return append(rows, playPurposeRows(q("DATA_USAGE_SHARING_PURPOSE"), l("Shared for / "), c.SharingPurposes, pd)...)
}

// playPurposeRows answers one purpose question: true, with its sources,
// for each purpose given.
func playPurposeRows(question, label string, given []audit.PlayPurposeAnswer, pd *audit.PlayData) [][]string {
	why := map[string][]audit.PlaySource{}
	for _, p := range given {
		why[p.Purpose] = p.Because
	}
	var rows [][]string
	for _, p := range pd.Purposes {
		value, l := playUnanswered, label+p.Label
		if src, ok := why[p.ID]; ok {
			value, l = playTrue, l+" — "+playSources(src)
		}
		rows = append(rows, []string{question, p.ID, value, "MULTIPLE_CHOICE", l})
	}
	return rows
}

// playSources names what gave an answer, SDK by SDK: "Easemob IM SDK: IP
// address, Device type; Xiaomi MiPush: registration location".
func playSources(list []audit.PlaySource) string {
	var parts []string
	var sdk string
	for _, s := range list {
		item := s.Item
		if s.Why != "" {
			item += " (" + s.Why + ")"
		}
		if s.SDK == sdk {
			parts[len(parts)-1] += ", " + item
			continue
		}
		sdk = s.SDK
		parts = append(parts, s.SDK+": "+item)
	}
	return strings.Join(parts, "; ")
}
