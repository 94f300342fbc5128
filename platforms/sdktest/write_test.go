package sdktest

import (
	"os"
	"testing"
)

// TestWriteFixtures writes the fixtures to PERMAUDIT_SDKTEST_DIR when set,
// so the closing note's table can be reproduced by hand.
func TestWriteFixtures(t *testing.T) {
	dir := os.Getenv("PERMAUDIT_SDKTEST_DIR")
	if dir == "" {
		t.Skip("PERMAUDIT_SDKTEST_DIR not set")
	}
	for name, data := range map[string][]byte{"im-app.apk": IMApp(), "im-app.ipa": IMAppIPA(), "im-app.aab": IMAppAAB()} {
		if err := os.WriteFile(dir+"/"+name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
