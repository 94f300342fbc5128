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
	playEncrypted    = "PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT"
	// The data-deletion question Play added in 2023 (Play Console Help,
	// "Understanding Google Play's app account deletion requirements",
	// https://support.google.com/googleplay/android-developer/answer/13327111).
	playDeletion = "PSL_SUPPORT_DATA_DELETION_BY_USER"
	playUsage    = "PSL_DATA_USAGE_RESPONSES"
	// A selected choice and a yes are "true", a no "false"; an empty value
	// leaves the question for the developer in the Console.
	playTrue, playFalse, playUnanswered = "true", "false", ""
)

const notFromPackage = " — not answered: a package cannot show it; answer it in the Console"

// writePlayDataSafety writes the draft: every general and data-type row
// of the form, then a usage block per collected type. Notes go to notes,
// never into the CSV, which must stay importable.
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
	return nil
}

func playRows(d *audit.PlayDraft, pd *audit.PlayData) [][]string {
	collects, collectsLabel := playUnanswered, " — not answered: no detected SDK's data item maps to a data type, and permaudit does not read the app's own code"
	if len(d.Collected) > 0 {
		collects, collectsLabel = playTrue, " — yes: the detected SDKs' statements name the data types marked true below"
	}
	rows := [][]string{
		{playCollectsData, "", collects, "REQUIRED", "Does your app collect or share any of the required user data types?" + collectsLabel},
		{playEncrypted, "", playUnanswered, "MAYBE_REQUIRED", "Is all of the user data collected by your app encrypted in transit?" + notFromPackage},
	}
	for _, r := range [][2]string{{"DATA_DELETION_YES", "Yes"}, {"DATA_DELETION_NO", "No"}, {"DATA_DELETION_NO_AUTO_DELETED", "No, but user data is automatically deleted within 90 days"}} {
		rows = append(rows, []string{playDeletion, r[0], playUnanswered, "SINGLE_CHOICE", "Do you provide a way for users to request that their data is deleted? / " + r[1] + notFromPackage})
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
