package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/permaudit/permaudit/audit/golden"
	"github.com/permaudit/permaudit/platforms/sdktest"
)

// imPackages writes the APK and IPA that embed the IM SDK and a push SDK.
func imPackages(t *testing.T) (apk, ipa string) {
	t.Helper()
	dir := t.TempDir()
	apk, ipa = filepath.Join(dir, "im-app.apk"), filepath.Join(dir, "im-app.ipa")
	for p, data := range map[string][]byte{apk: sdktest.IMApp(), ipa: sdktest.IMAppIPA()} {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return apk, ipa
}

// imPackagesHere writes the APK and IPA in a new temporary directory and
// makes it the working directory for the test, so the outputs name them
// as a user in that directory would, whatever the temporary path.
func imPackagesHere(t *testing.T) (apk, ipa string) {
	t.Helper()
	apk, ipa = imPackages(t)
	t.Chdir(filepath.Dir(apk))
	return filepath.Base(apk), filepath.Base(ipa)
}

// tempFile writes data to a file of that name in a new temporary
// directory.
func tempFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSDKListGolden(t *testing.T) {
	apk, ipa := imPackagesHere(t)
	for _, format := range []string{"table", "json", "csv", "markdown"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := runCLI("sdk-list", "--format", format, apk, ipa)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			golden.Check(t, "cli/sdk-list."+format, []byte(out))
		})
	}
}

// The IM SDK and the push SDK are listed for both packages, each with the
// permissions it brought.
func TestSDKListNamesBothSDKsWithTheirPermissions(t *testing.T) {
	apk, ipa := imPackages(t)
	_, out, _ := runCLI("sdk-list", "--format", "csv", apk, ipa)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows[1:] {
		got[filepath.Base(r[0])+" "+r[3]] = r[6]
	}
	for key, perm := range map[string]string{
		"im-app.apk Easemob IM SDK":           "android.permission.CHANGE_WIFI_STATE",
		"im-app.apk Xiaomi MiPush":            "com.example.chat.permission.MIPUSH_RECEIVE",
		"im-app.ipa Easemob IM SDK":           "NSLocationWhenInUseUsageDescription",
		"im-app.ipa Firebase Cloud Messaging": "aps-environment",
	} {
		if !strings.Contains(got[key], perm) {
			t.Errorf("%s: permissions %q, want %s among them (rows %v)", key, got[key], perm, got)
		}
	}
}

func TestSDKListExitCodes(t *testing.T) {
	apk, _ := imPackages(t)
	broken := tempFile(t, "broken.apk", []byte("PK\x03\x04 not really"))
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"listed", []string{"sdk-list", apk}, 0},
		{"no app", []string{"sdk-list"}, ExitUsage},
		{"bad format", []string{"sdk-list", "-f", "xml", apk}, ExitUsage},
		{"one unreadable, the other listed", []string{"sdk-list", "-f", "json", broken, apk}, ExitInputError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, _ := runCLI(tc.args...)
			if code != tc.want {
				t.Fatalf("exit %d, want %d", code, tc.want)
			}
			if tc.name == "one unreadable, the other listed" {
				var doc struct {
					SDKs []struct{ ID string } `json:"sdks"`
				}
				if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.SDKs) != 2 {
					t.Errorf("listed %+v (%v), want the readable APK's two SDKs", doc.SDKs, err)
				}
			}
		})
	}
}

// TestSDKListTableFitsColumns: the sdk-list table is laid out for the
// terminal as audit's is (COLUMNS, else the tty, else 80): a table when
// its words fit whole, else a block per SDK; the 80-column blocks are a
// golden file.
func TestSDKListTableFitsColumns(t *testing.T) {
	apk, ipa := imPackagesHere(t)
	for _, tc := range []struct {
		cols  int
		table bool
	}{{80, false}, {120, false}, {1000, true}} {
		var out, errb bytes.Buffer
		e := env{stdout: &out, stderr: &errb, now: time.Now,
			getenv: func(k string) string {
				if k == "COLUMNS" {
					return strconv.Itoa(tc.cols)
				}
				return ""
			}}
		if code := run([]string{"sdk-list", apk, ipa}, e); code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		widest := 0
		for _, line := range strings.Split(out.String(), "\n") {
			widest = max(widest, utf8.RuneCountInString(line))
		}
		if widest > tc.cols {
			t.Errorf("COLUMNS=%d: widest line %d runes", tc.cols, widest)
		}
		if isTable := strings.HasPrefix(out.String(), "┌"); isTable != tc.table {
			t.Errorf("COLUMNS=%d: table %v, want %v", tc.cols, isTable, tc.table)
		}
		if tc.cols == 80 {
			golden.Check(t, "cli/sdk-list.table-80", out.Bytes())
		}
	}
}
