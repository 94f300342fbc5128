package cli

import (
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit/golden"
	"github.com/permaudit/permaudit/platforms/sdktest"
)

// sdk-list on a source project finds the SDKs in its dependency files —
// Gradle (a version catalog included), Podfile.lock, Package.resolved,
// oh-package.json5 — and on an App Bundle in its dependencies.pb; each
// row says what found it.
func TestSDKListFromDependencyFiles(t *testing.T) {
	aab := tempFile(t, "im-app.aab", sdktest.IMAppAAB())
	code, out, errOut := runCLI("sdk-list", "--format", "csv", "testdata/projects/sdk-app", aab)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][9] != "Found by" {
		t.Fatalf("header %v", rows[0])
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, filepath.Base(r[0])+" | "+r[3]+" | "+r[9])
	}
	want := []string{ // in path order: the temporary AAB first
		"im-app.aab | Easemob IM SDK | aab-library io.hyphenate:hyphenate-chat:4.5.0",
		"im-app.aab | Firebase Cloud Messaging | aab-library com.google.firebase:firebase-messaging:23.4.1",
		"app | Easemob IM SDK | gradle io.hyphenate:hyphenate-chat:4.5.0",
		"app | Firebase Cloud Messaging | gradle com.google.firebase:firebase-messaging:23.4.1",
		"harmony | Easemob IM SDK | ohpm @easemob/chatsdk ^1.5.0",
		"Chat.xcodeproj | Easemob IM SDK | cocoapods HyphenateChat 4.5.0",
		"Chat.xcodeproj | Firebase Cloud Messaging | cocoapods FirebaseMessaging 10.20.0",
		"Chat.xcodeproj | Sentry | swiftpm https://github.com/getsentry/sentry-cocoa.git 8.21.0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	_, md, _ := runCLI("sdk-list", "--format", "markdown", "testdata/projects/sdk-app", aab)
	if !strings.Contains(md, " | <https://sentry.io/privacy/> | swiftpm https://github.com/getsentry/sentry-cocoa.git 8.21.0 |") {
		t.Errorf("the Markdown row does not end with the link and what found the SDK:\n%s", md)
	}
	golden.Check(t, "cli/sdk-list-sources.markdown", []byte(strings.ReplaceAll(md, filepath.Dir(aab)+string(filepath.Separator), "")))
}
