package audit

import (
	"strings"
	"testing"
)

// A statement that says its data is shared, or that collection is
// optional, is never contradicted: shared items answer "shared" with
// their purposes, optional ones leave the user-control choice blank with
// a note; "not shared" is not sharing.
func TestPlayDataSafetyFollowsSharingAndOptionalWords(t *testing.T) {
	l := SDKListing{
		Artifacts: []ListedArtifact{{Path: "a.apk", Platform: Android, App: "com.a"}},
		SDKs: []SDKListEntry{
			listedSDK("a.apk", Android, "com.a", "Ads SDK", "Ads",
				use("IP address", "Collected and shared for advertising and analytics"),
				use("Advertising ID", "Collected for advertising; collection is optional: users can reset it")),
			listedSDK("a.apk", Android, "com.a", "Push SDK", "Push",
				use("Device model", "Analysis of devices; not shared with third parties")),
		},
	}
	d, err := PlayDataSafety(l)
	if err != nil {
		t.Fatal(err)
	}
	byType := map[string]PlayCollected{}
	for _, c := range d.Collected {
		byType[c.Type] = c
	}
	purposes := func(list []PlayPurposeAnswer) string {
		var ids []string
		for _, p := range list {
			ids = append(ids, p.Purpose)
		}
		return strings.Join(ids, " ")
	}
	for _, tc := range []struct {
		typ, shared, sharedFor, optional string
	}{
		{"PSL_APPROX_LOCATION", "Ads SDK: IP address (“Collected and shared for advertising and analytics”)", "PSL_ANALYTICS PSL_ADVERTISING", ""},
		{"PSL_DEVICE_ID", "", "", "Ads SDK: Advertising ID (“collection is optional: users can reset it”)"},
		{"PSL_PERFORMANCE_DIAGNOSTICS", "", "", ""},
	} {
		c, ok := byType[tc.typ]
		if !ok {
			t.Fatalf("%s not collected: %+v", tc.typ, d.Collected)
		}
		if got := sourcesText(c.Shared); got != tc.shared {
			t.Errorf("%s shared by %q, want %q", tc.typ, got, tc.shared)
		}
		if got := purposes(c.SharingPurposes); got != tc.sharedFor {
			t.Errorf("%s shared for %q, want %q", tc.typ, got, tc.sharedFor)
		}
		if got := sourcesText(c.Optional); got != tc.optional {
			t.Errorf("%s optional by %q, want %q", tc.typ, got, tc.optional)
		}
	}
	notes := strings.Join(d.Notes, "\n")
	if !strings.Contains(notes, "Device or other IDs: whether users can choose that it is collected is left for you") {
		t.Errorf("no note leaves the optional type's user control to the developer:\n%s", notes)
	}
}

func sourcesText(list []PlaySource) string {
	var parts []string
	for _, s := range list {
		parts = append(parts, s.SDK+": "+s.Item+" ("+s.Why+")")
	}
	return strings.Join(parts, "; ")
}

// An input that could not be read may have been part of the app: the
// draft still comes out for the one app read, and says it may be
// incomplete, naming the input.
func TestPlayDataSafetySaysUnreadInputsMayMissFromIt(t *testing.T) {
	l := SDKListing{
		Artifacts: []ListedArtifact{{Path: "a.apk", Platform: Android, App: "com.a"}},
		Errors:    []InputError{{Path: "broken.aab"}},
	}
	d, err := PlayDataSafety(l)
	if err != nil {
		t.Fatal(err)
	}
	if notes := strings.Join(d.Notes, "\n"); !strings.Contains(notes, "the draft may be incomplete: 1 input(s) could not be read (broken.aab)") {
		t.Errorf("notes do not say the draft may be incomplete:\n%s", notes)
	}
}
