package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/permaudit/permaudit/platforms/sdktest"
)

// TestSDKListSaysWhatItCouldNotRead: a disclosure list with an unread
// input says it is incomplete, in the output itself and not only on
// stderr, and says "no SDK found" per app read, so an app read without
// SDKs differs from an input not read. CSV stays a pure table.
func TestSDKListSaysWhatItCouldNotRead(t *testing.T) {
	broken := tempFile(t, "broken.apk", []byte("PK\x03\x04 not really"))
	good := "testdata/cases/android/compliant.xml" // com.example.ok, no SDK
	for _, tc := range []struct {
		format string
		want   []string
		not    []string
	}{
		{"table", []string{"Incomplete: 1 input could not be read:", broken + ": not a readable zip archive",
			"No third-party SDK from permaudit's catalog was found in com.example.ok (Android)"}, nil},
		{"markdown", []string{"**Incomplete: 1 input could not be read:**", "- `" + broken + "`: not a readable zip archive",
			"No third-party SDK from permaudit's catalog was found in com.example.ok (Android)"}, nil},
		{"csv", []string{"Path,App,Platform,SDK"}, []string{"Incomplete", broken, "com.example.ok"}},
	} {
		t.Run(tc.format, func(t *testing.T) {
			code, out, errOut := runCLI("sdk-list", "-f", tc.format, broken, good)
			if code != ExitInputError {
				t.Fatalf("exit %d, want %d", code, ExitInputError)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(out, n) {
					t.Errorf("output has %q:\n%s", n, out)
				}
			}
			if !strings.Contains(errOut, broken) {
				t.Errorf("stderr does not name the unread input: %s", errOut)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		code, out, _ := runCLI("sdk-list", "-f", "json", broken, good)
		var doc struct {
			Kind   string
			Apps   []struct{ Path, Platform, App string }
			Errors []struct{ Path, Message string }
			SDKs   []any
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil || code != ExitInputError {
			t.Fatalf("exit %d, %v:\n%s", code, err, out)
		}
		if doc.Kind != "permaudit-sdk-list" || doc.SDKs == nil || len(doc.SDKs) != 0 {
			t.Errorf("kind %q, sdks %v: want the same kind and an empty list", doc.Kind, doc.SDKs)
		}
		if len(doc.Apps) != 1 || doc.Apps[0].Path != good || doc.Apps[0].Platform != "android" || doc.Apps[0].App != "com.example.ok" {
			t.Errorf("apps %+v, want the manifest read", doc.Apps)
		}
		if len(doc.Errors) != 1 || doc.Errors[0].Path != broken || !strings.Contains(doc.Errors[0].Message, "zip") {
			t.Errorf("errors %+v, want the broken APK", doc.Errors)
		}
	})
}

// TestSDKListCompleteHasEmptyErrors: a run that read everything says so
// in JSON with an empty errors array, and Markdown prints no
// "Incomplete" line.
func TestSDKListCompleteHasEmptyErrors(t *testing.T) {
	apk, _ := imPackages(t)
	_, out, _ := runCLI("sdk-list", "-f", "json", apk)
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if string(doc["errors"]) != "[]" {
		t.Errorf("errors = %s, want []", doc["errors"])
	}
	if _, out, _ := runCLI("sdk-list", "-f", "markdown", apk); strings.Contains(out, "Incomplete") {
		t.Errorf("a complete list says it is incomplete:\n%s", out)
	}
}

// TestSDKListTellsOneAppsFilesApart: the APK and the App Bundle of one
// app list different SDKs; the table and the blocks always name the file,
// Markdown does when one app id was read from more than one file.
func TestSDKListTellsOneAppsFilesApart(t *testing.T) {
	apk, _ := imPackagesHere(t)
	aab := "im-app.aab" // beside the APK: short paths, whole on an 80-column line
	if err := os.WriteFile(aab, sdktest.IMAppAAB(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, format, columns string
		want                  []string
	}{
		{"table", "table", "1000", []string{"│ " + apk + " ", "│ " + aab + " "}},
		{"blocks", "table", "80", []string{"  file:         " + apk + "\n", "  file:         " + aab + "\n"}},
		{"markdown", "markdown", "", []string{"| com.example.chat<br>`" + apk + "` | Android | Xiaomi MiPush |",
			"| com.example.chat<br>`" + aab + "` | Android | Firebase Cloud Messaging |"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			e := env{stdout: &out, stderr: &errb, now: time.Now,
				getenv: func(k string) string {
					if k == "COLUMNS" {
						return tc.columns
					}
					return ""
				}}
			if code := run([]string{"sdk-list", "-f", tc.format, apk, aab}, e); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
	// One file per app id: the published list names no build path.
	if _, out, _ := runCLI("sdk-list", "-f", "markdown", apk); strings.Contains(out, apk) {
		t.Errorf("markdown names the file of an app read once:\n%s", out)
	}
}
