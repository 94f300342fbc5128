package ios

import (
	"encoding/json"
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	data, _ := os.ReadFile(os.Getenv("F"))
	d, err := ParseInfoPlist(data)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(d, "", " ")
	t.Log(string(b))
}
