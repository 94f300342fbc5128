package report

import (
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// withSDKs gives every artifact of r the SDKs of sdkResult; clean drops
// the findings, so each artifact is one without problems.
func withSDKs(t *testing.T, r *audit.Result, clean bool) *audit.Result {
	sdks := sdkResult(t).Artifacts[0].SDKs
	for i := range r.Artifacts {
		r.Artifacts[i].SDKs = sdks
		if clean {
			r.Artifacts[i].Findings = nil
		}
	}
	return r
}

// TestMarkdownSDKsOfCleanArtifacts: an artifact without findings that
// embeds SDKs gets a collapsed block with its SDK table, after the
// artifacts with findings; one without SDKs gets none.
func TestMarkdownSDKsOfCleanArtifacts(t *testing.T) {
	f, _ := Lookup("markdown")
	r := withSDKs(t, bigBatch(t, 2), true)
	r.Artifacts[1].SDKs = nil
	out := string(render(t, *f, r))
	head := "<details><summary><code>apps/module-0000/src/main/AndroidManifest.xml</code> — 2 third-party SDKs, no findings</summary>"
	if !strings.Contains(out, head) || !strings.Contains(out, "| Declared by | Vendor | Permissions | Found by |") {
		t.Errorf("no SDK block for the clean artifact with SDKs:\n%s", out)
	}
	if strings.Count(out, "<details>") != 1 {
		t.Errorf("%d blocks, want 1 (the artifact without SDKs has none):\n%s", strings.Count(out, "<details>"), out)
	}
}

// TestMarkdownSDKsWithinBudget: SDK tables count against the comment's
// size budget like the rest; what does not fit is named in the note.
func TestMarkdownSDKsWithinBudget(t *testing.T) {
	f, _ := Lookup("markdown")
	for _, tc := range []struct {
		name  string
		clean bool
		note  string
	}{
		{"with findings", false, "details of"},
		{"without findings", true, "the third-party SDKs of"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := string(render(t, *f, withSDKs(t, bigBatch(t, 400), tc.clean)))
			if len(out) > MarkdownLimit {
				t.Fatalf("%d bytes: over the limit", len(out))
			}
			if !strings.Contains(out, "| Declared by |") {
				t.Error("no SDK table fits at all")
			}
			if !strings.Contains(out, "Truncated to stay within") || !strings.Contains(out, tc.note) {
				t.Errorf("the note does not name %q", tc.note)
			}
			if strings.Count(out, "<details>") != strings.Count(out, "</details>") {
				t.Error("a collapsed block is cut in half")
			}
		})
	}
}

// TestMarkdownSDKLinkOnlyWebAddresses: a privacy-policy address read back
// from a JSON report links only when it is a plain web address.
func TestMarkdownSDKLinkOnlyWebAddresses(t *testing.T) {
	for url, want := range map[string]string{
		"https://example.com/privacy":  "[X\\_SDK](<https://example.com/privacy>)",
		"javascript:alert(1)":          "X\\_SDK",
		"https://example.com/a>b":      "X\\_SDK",
		"https://example.com/a b":      "X\\_SDK",
		"":                             "X\\_SDK",
		"https://example.com/(x)?[y]=": "[X\\_SDK](<https://example.com/(x)?[y]=>)",
	} {
		if got := mdLink("X_SDK", url); got != want {
			t.Errorf("mdLink(%q) = %q, want %q", url, got, want)
		}
	}
}
