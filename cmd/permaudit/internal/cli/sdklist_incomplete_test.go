package cli

import (
	"encoding/json"
	"strings"
	"testing"
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
			"No third-party SDK from permaudit's catalog was found in com.example.ok (Android)."}, nil},
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
