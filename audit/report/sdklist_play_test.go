package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// The form's IDs outside the data-type list (which
// audit.TestPlayDataValuesAreKnownPlayIDs pins to the Console's):
// general questions, the usage questions asked per collected type, and
// the purposes. playGeneralRows are the general rows of the Console's
// current CSV export in its order, as public exports of it agree; written
// out here, apart from the JSON, so the data is checked against them.
var (
	playGeneralRows = []string{
		"PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA,",
		"PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT,",
		"PSL_SUPPORTED_ACCOUNT_CREATION_METHODS,PSL_ACM_USER_ID_PASSWORD",
		"PSL_SUPPORTED_ACCOUNT_CREATION_METHODS,PSL_ACM_USER_ID_OTHER_AUTH",
		"PSL_SUPPORTED_ACCOUNT_CREATION_METHODS,PSL_ACM_USER_ID_PASSWORD_OTHER_AUTH",
		"PSL_SUPPORTED_ACCOUNT_CREATION_METHODS,PSL_ACM_OAUTH",
		"PSL_SUPPORTED_ACCOUNT_CREATION_METHODS,PSL_ACM_OTHER",
		"PSL_SUPPORTED_ACCOUNT_CREATION_METHODS,PSL_ACM_NONE",
		"PSL_ACM_SPECIFY,",
		"PSL_ACCOUNT_DELETION_URL,",
		"PSL_SUPPORT_DATA_DELETION_BY_USER,DATA_DELETION_YES",
		"PSL_SUPPORT_DATA_DELETION_BY_USER,DATA_DELETION_NO",
		"PSL_SUPPORT_DATA_DELETION_BY_USER,DATA_DELETION_NO_AUTO_DELETED",
		"PSL_DATA_DELETION_URL,",
		"PSL_DATA_COLLECTION_COMPLIES_FAMILY_POLICY,",
		"PSL_INDEPENDENTLY_VALIDATED,",
		"PSL_UPI_BADGE_OPT_IN,",
		"PSL_HAS_OUTSIDE_APP_ACCOUNTS,",
		"PSL_OUTSIDE_APP_ACCOUNT_TYPES,PSL_LOGIN_WITH_OUTSIDE_APP_ID",
		"PSL_OUTSIDE_APP_ACCOUNT_TYPES,PSL_LOGIN_THROUGH_EMPLOYMENT_OR_ENTERPRISE_ACCOUNT",
		"PSL_OUTSIDE_APP_ACCOUNT_TYPES,PSL_OUTSIDE_APP_ACCOUNT_TYPE_OTHER",
		"PSL_OUTSIDE_APP_ACCOUNT_TYPE_SPECIFY,",
	}
	playPurposeIDs = []string{"PSL_APP_FUNCTIONALITY", "PSL_ANALYTICS", "PSL_DEVELOPER_COMMUNICATIONS",
		"PSL_FRAUD_PREVENTION_SECURITY", "PSL_ADVERTISING", "PSL_PERSONALIZATION", "PSL_ACCOUNT_MANAGEMENT"}
	playUsageParts = map[string][]string{
		"PSL_DATA_USAGE_COLLECTION_AND_SHARING": {"PSL_DATA_USAGE_ONLY_COLLECTED", "PSL_DATA_USAGE_ONLY_SHARED"},
		"PSL_DATA_USAGE_EPHEMERAL":              {""},
		"DATA_USAGE_USER_CONTROL":               {"PSL_DATA_USAGE_USER_CONTROL_OPTIONAL", "PSL_DATA_USAGE_USER_CONTROL_REQUIRED"},
		"DATA_USAGE_COLLECTION_PURPOSE":         playPurposeIDs,
		"DATA_USAGE_SHARING_PURPOSE":            playPurposeIDs,
	}
	playRequirements = []string{"REQUIRED", "MAYBE_REQUIRED", "MULTIPLE_CHOICE", "SINGLE_CHOICE", "OPTIONAL"}
)

func playListing() audit.SDKListing {
	uses := func(items ...string) []audit.DataItem {
		var out []audit.DataItem
		for i := 0; i < len(items); i += 2 {
			out = append(out, audit.DataItem{Item: items[i], Purpose: items[i+1], Platforms: []audit.Platform{audit.Android}})
		}
		return out
	}
	sdk := func(name string, d []audit.DataItem) audit.SDKListEntry {
		return audit.SDKListEntry{Path: "chat.apk", Platform: audit.Android, App: "com.example.chat",
			DetectedSDK: audit.DetectedSDK{Name: name, Purpose: "Messaging"}, DataUses: d}
	}
	return audit.SDKListing{
		Artifacts: []audit.ListedArtifact{{Path: "chat.apk", Platform: audit.Android, App: "com.example.chat"}},
		SDKs: []audit.SDKListEntry{
			sdk("IM SDK", uses("Device type, IP address", "Troubleshooting", "Favourite colour", "Theming")),
			sdk("Push SDK", uses("GAID", "Push messages", "Message content", "Push messages to users")),
		},
	}
}

// The CSV is the Console's import shape: the fixed header, five fields a
// row, only the form's question and response IDs, every data type once,
// a usage block for each type marked true and no other, values the
// Console reads, LF line ends, no comment lines; notes go elsewhere.
func TestPlayDataSafetyCSVShape(t *testing.T) {
	var out, notes bytes.Buffer
	if err := writePlayDataSafety(&out, &notes, playListing()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "\r") {
		t.Error("CRLF line ends; want LF")
	}
	r := csv.NewReader(strings.NewReader(out.String()))
	r.FieldsPerRecord = 5
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("not five fields a row: %v", err)
	}
	if want := "Question ID (machine readable),Response ID (machine readable),Response value,Answer requirement,Human-friendly question label"; strings.Join(rows[0], ",") != want {
		t.Fatalf("header %q, want exactly %q", rows[0], want)
	}
	pd, err := audit.BuiltinPlayData()
	if err != nil {
		t.Fatal(err)
	}
	typeOf := map[string]string{} // data-type question+response -> type
	for _, c := range pd.Categories {
		for _, ty := range c.Types {
			typeOf[c.Question+","+ty.ID] = ty.ID
		}
	}
	var general []string
	for _, row := range rows[1 : 1+len(playGeneralRows)] {
		general = append(general, row[0]+","+row[1])
		if row[0] != "PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA" && row[2] != "" {
			t.Errorf("general row %q answered: a package cannot show it", row)
		}
	}
	if !slices.Equal(general, playGeneralRows) {
		t.Errorf("general rows\n%s\nwant the Console's, in its order\n%s", strings.Join(general, "\n"), strings.Join(playGeneralRows, "\n"))
	}
	seen := map[string]bool{}
	marked, usage := map[string]bool{}, map[string]int{}
	for _, row := range rows[1:] {
		q, resp, value, req, label := row[0], row[1], row[2], row[3], row[4]
		if seen[q+","+resp] {
			t.Errorf("%s,%s written twice", q, resp)
		}
		seen[q+","+resp] = true
		if !slices.Contains([]string{"true", "false", ""}, value) || !slices.Contains(playRequirements, req) || label == "" {
			t.Errorf("row %q: value, requirement or label", row)
		}
		switch ty, usagePart, isUsage := usageQuestion(q); {
		case slices.Contains(playGeneralRows, q+","+resp):
		case typeOf[q+","+resp] != "":
			if value == "true" {
				marked[resp] = true
			}
		case isUsage:
			usage[ty]++
			if !slices.Contains(playUsageParts[usagePart], resp) {
				t.Errorf("usage question %s has no response %q", q, resp)
			}
		default:
			t.Errorf("row %q: question/response not in the form", row)
		}
	}
	for key := range typeOf {
		if !seen[key] {
			t.Errorf("data-type row %s missing: the skeleton is not complete", key)
		}
	}
	for ty := range marked {
		if usage[ty] != 19 {
			t.Errorf("%s is marked collected but has %d usage rows, want 19", ty, usage[ty])
		}
	}
	for ty := range usage {
		if !marked[ty] {
			t.Errorf("usage rows for %s, which is not marked collected", ty)
		}
	}
	var got []string
	for ty := range marked {
		got = append(got, ty)
	}
	slices.Sort(got)
	if want := []string{"PSL_APPROX_LOCATION", "PSL_DEVICE_ID", "PSL_OTHER_MESSAGES", "PSL_PERFORMANCE_DIAGNOSTICS"}; !slices.Equal(got, want) {
		t.Errorf("marked %v, want %v", got, want)
	}
	if !strings.Contains(notes.String(), `"Favourite colour"`) || strings.Contains(out.String(), "Favourite colour") {
		t.Errorf("the unmapped item belongs in the notes, not the CSV; notes:\n%s", notes.String())
	}
	var again bytes.Buffer
	if err := writePlayDataSafety(&again, &bytes.Buffer{}, playListing()); err != nil || again.String() != out.String() {
		t.Errorf("a second run differs (%v)", err)
	}
}

// usageQuestion splits PSL_DATA_USAGE_RESPONSES:<type>:<part>.
func usageQuestion(q string) (typ, part string, ok bool) {
	rest, ok := strings.CutPrefix(q, "PSL_DATA_USAGE_RESPONSES:")
	if !ok {
		return "", "", false
	}
	typ, part, ok = strings.Cut(rest, ":")
	return typ, part, ok && playUsageParts[part] != nil
}

// A collected type's usage answers: collected, not shared, not
// ephemeral, required, and the purposes its items give.
func TestPlayDataSafetyUsageAnswers(t *testing.T) {
	var out bytes.Buffer
	if err := writePlayDataSafety(&out, &bytes.Buffer{}, playListing()); err != nil {
		t.Fatal(err)
	}
	values := map[string]string{}
	rows, _ := csv.NewReader(&out).ReadAll()
	for _, row := range rows[1:] {
		values[row[0]+","+row[1]] = row[2]
	}
	const p = "PSL_DATA_USAGE_RESPONSES:PSL_DEVICE_ID:"
	for key, want := range map[string]string{
		"PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA,":                                              "true",
		"PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT,":                                                "",
		"PSL_SUPPORT_DATA_DELETION_BY_USER,DATA_DELETION_YES":                                      "",
		p + "PSL_DATA_USAGE_COLLECTION_AND_SHARING,PSL_DATA_USAGE_ONLY_COLLECTED":                  "true",
		p + "PSL_DATA_USAGE_COLLECTION_AND_SHARING,PSL_DATA_USAGE_ONLY_SHARED":                     "",
		p + "PSL_DATA_USAGE_EPHEMERAL,":                                                            "false",
		p + "DATA_USAGE_USER_CONTROL,PSL_DATA_USAGE_USER_CONTROL_OPTIONAL":                         "",
		p + "DATA_USAGE_USER_CONTROL,PSL_DATA_USAGE_USER_CONTROL_REQUIRED":                         "true",
		p + "DATA_USAGE_COLLECTION_PURPOSE,PSL_APP_FUNCTIONALITY":                                  "true",
		p + "DATA_USAGE_COLLECTION_PURPOSE,PSL_ANALYTICS":                                          "",
		p + "DATA_USAGE_SHARING_PURPOSE,PSL_APP_FUNCTIONALITY":                                     "",
		"PSL_DATA_USAGE_RESPONSES:PSL_APPROX_LOCATION:DATA_USAGE_COLLECTION_PURPOSE,PSL_ANALYTICS": "true",
	} {
		if got, ok := values[key]; !ok || got != want {
			t.Errorf("%s = %q (present %v), want %q", key, got, ok, want)
		}
	}
}

// Refused inputs write no CSV at all: half a form must not be imported.
func TestPlayDataSafetyRefusalWritesNothing(t *testing.T) {
	l := playListing()
	l.Artifacts = append(l.Artifacts, audit.ListedArtifact{Path: "shop.apk", Platform: audit.Android, App: "com.example.shop"})
	var out bytes.Buffer
	err := writePlayDataSafety(&out, &bytes.Buffer{}, l)
	var one *audit.OneAppError
	if !errors.As(err, &one) || out.Len() != 0 {
		t.Errorf("err %v, %d bytes written; want a OneAppError and nothing", err, out.Len())
	}
}

// An item that says its data is shared answers Shared and its sharing
// purposes; one that says collection is optional leaves the user-control
// choice blank rather than "required".
func TestPlayDataSafetySharedAndOptionalAnswers(t *testing.T) {
	l := playListing()
	l.SDKs = []audit.SDKListEntry{{Path: "chat.apk", Platform: audit.Android, App: "com.example.chat",
		DetectedSDK: audit.DetectedSDK{Name: "Ads SDK", Purpose: "Ads"},
		DataUses: []audit.DataItem{
			{Item: "IP address", Purpose: "Collected and shared for advertising", Platforms: []audit.Platform{audit.Android}},
			{Item: "Advertising ID", Purpose: "Advertising; collection is optional", Platforms: []audit.Platform{audit.Android}},
		}}}
	var out bytes.Buffer
	if err := writePlayDataSafety(&out, &bytes.Buffer{}, l); err != nil {
		t.Fatal(err)
	}
	values := map[string]string{}
	rows, _ := csv.NewReader(&out).ReadAll()
	for _, row := range rows[1:] {
		values[row[0]+","+row[1]] = row[2]
	}
	const loc, id = "PSL_DATA_USAGE_RESPONSES:PSL_APPROX_LOCATION:", "PSL_DATA_USAGE_RESPONSES:PSL_DEVICE_ID:"
	for key, want := range map[string]string{
		loc + "PSL_DATA_USAGE_COLLECTION_AND_SHARING,PSL_DATA_USAGE_ONLY_SHARED": "true",
		loc + "DATA_USAGE_SHARING_PURPOSE,PSL_ADVERTISING":                       "true",
		loc + "DATA_USAGE_SHARING_PURPOSE,PSL_ANALYTICS":                         "",
		loc + "DATA_USAGE_USER_CONTROL,PSL_DATA_USAGE_USER_CONTROL_REQUIRED":     "true",
		id + "PSL_DATA_USAGE_COLLECTION_AND_SHARING,PSL_DATA_USAGE_ONLY_SHARED":  "",
		id + "DATA_USAGE_SHARING_PURPOSE,PSL_ADVERTISING":                        "",
		id + "DATA_USAGE_USER_CONTROL,PSL_DATA_USAGE_USER_CONTROL_OPTIONAL":      "",
		id + "DATA_USAGE_USER_CONTROL,PSL_DATA_USAGE_USER_CONTROL_REQUIRED":      "",
	} {
		if got, ok := values[key]; !ok || got != want {
			t.Errorf("%s = %q (present %v), want %q", key, got, ok, want)
		}
	}
}
