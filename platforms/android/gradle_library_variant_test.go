package android

import (
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// libraryFlavorBuild: the app has a tier dimension (free, paid) and asks
// for store=play where it has no store flavors; :billing has tier
// flavors of its own, :market a store dimension the app lacks, :odd a
// tier flavor set without the app's paid.
var libraryFlavorBuild = map[string]string{
	"settings.gradle": "include ':app', ':billing', ':market', ':odd'\n",
	"app/build.gradle": "apply plugin: 'com.android.application'\nandroid {\n defaultConfig {\n  minSdk 24\n  missingDimensionStrategy 'store', 'play', 'amazon'\n }\n" +
		" flavorDimensions 'tier'\n productFlavors {\n  free { dimension 'tier' }\n  paid { dimension 'tier' }\n }\n}\n" +
		"dependencies {\n implementation project(':billing')\n implementation project(':market')\n implementation project(':odd')\n}\n",
	"app/src/main/AndroidManifest.xml":            manifestWith(perm("INTERNET")),
	"billing/build.gradle":                        "plugins { id 'com.android.library' }\nandroid {\n flavorDimensions 'tier'\n productFlavors {\n  free { dimension 'tier' }\n  paid { dimension 'tier' }\n }\n}\n",
	"billing/src/main/AndroidManifest.xml":        manifestWith(perm("ACCESS_NETWORK_STATE")),
	"billing/src/free/AndroidManifest.xml":        manifestWith(perm("READ_PHONE_STATE")),
	"billing/src/paid/AndroidManifest.xml":        manifestWith(perm("GET_ACCOUNTS")),
	"billing/src/paidRelease/AndroidManifest.xml": manifestWith(perm("WAKE_LOCK")),
	"billing/src/paidDebug/AndroidManifest.xml":   manifestWith(perm("READ_LOGS")),
	"market/build.gradle":                         "plugins { id 'com.android.library' }\nandroid {\n flavorDimensions 'store'\n productFlavors {\n  play {}\n  amazon {}\n }\n}\n",
	"market/src/main/AndroidManifest.xml":         manifestWith(perm("VIBRATE")),
	"market/src/play/AndroidManifest.xml":         manifestWith(perm("CAMERA")),
	"market/src/amazon/AndroidManifest.xml":       manifestWith(perm("RECORD_AUDIO")),
	"odd/build.gradle":                            "plugins { id 'com.android.library' }\nandroid {\n flavorDimensions 'tier'\n productFlavors {\n  free { dimension 'tier' }\n  trial { dimension 'tier' }\n }\n}\n",
	"odd/src/main/AndroidManifest.xml":            manifestWith(perm("BLUETOOTH")),
	"odd/src/free/AndroidManifest.xml":            manifestWith(perm("NFC")),
}

// TestLibraryFlavorsFollowTheApp: a library's own flavor source sets are
// merged for the flavor the app's variant matches in the same dimension
// (or its missingDimensionStrategy names), never for the others; a
// library flavor set without a match is named, with only its main merged.
func TestLibraryFlavorsFollowTheApp(t *testing.T) {
	tests := []struct {
		variant, want, variants, unmatched string
	}{
		{variant: "paidRelease", want: "INTERNET WAKE_LOCK GET_ACCOUNTS ACCESS_NETWORK_STATE CAMERA VIBRATE BLUETOOTH",
			variants: "paidRelease :billing paidRelease :market playRelease", unmatched: "app's flavor paid is not a flavor of its dimension tier"},
		{variant: "freeDebug", want: "INTERNET READ_PHONE_STATE ACCESS_NETWORK_STATE CAMERA VIBRATE NFC BLUETOOTH",
			variants: "freeDebug :billing freeDebug :market playDebug :odd freeDebug"},
	}
	for _, tt := range tests {
		t.Run(tt.variant, func(t *testing.T) {
			d := readOne(t, libraryFlavorBuild, tt.variant)
			if got := permissionSet(d); got != tt.want {
				t.Errorf("permissions %q, want %q", got, tt.want)
			}
			var variants []string
			for _, f := range d.Facts {
				if f.Key == "project.variant" {
					variants = append(variants, f.Value)
				}
			}
			if got := strings.Join(variants, " "); got != tt.variants {
				t.Errorf("variants %q, want %q", got, tt.variants)
			}
			notes := notesText(d)
			if got := strings.Contains(notes, ":odd"); got != (tt.unmatched != "") || !strings.Contains(notes, tt.unmatched) {
				t.Errorf("notes %q, want one naming :odd and %q", notes, tt.unmatched)
			}
			for _, n := range d.Notes {
				if strings.Contains(n.Message, ":odd") && (n.RuleID != audit.RuleProjectUnresolved || n.Entry != "odd/build.gradle") {
					t.Errorf("note %+v", n)
				}
			}
		})
	}
}

// TestLibraryDimensionWithoutStrategy: a library dimension the app
// neither has nor names in missingDimensionStrategy is named.
func TestLibraryDimensionWithoutStrategy(t *testing.T) {
	files := map[string]string{}
	for k, v := range libraryFlavorBuild {
		files[k] = v
	}
	files["app/build.gradle"] = strings.Replace(files["app/build.gradle"], "missingDimensionStrategy 'store', 'play', 'amazon'", "", 1)
	d := readOne(t, files, "freeRelease")
	if !strings.Contains(notesText(d), "library :market has product flavors and the app chooses no flavor in dimension store") {
		t.Errorf("notes: %s", notesText(d))
	}
	if got := permissionSet(d); strings.Contains(got, "CAMERA") || strings.Contains(got, "RECORD_AUDIO") || !strings.Contains(got, "VIBRATE") {
		t.Errorf("permissions %q: :market's main only", got)
	}
}
