package report

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/golden"
)

// TestHTMLSelfContained: the page loads nothing: no script, stylesheet,
// image, font or frame from anywhere.
func TestHTMLSelfContained(t *testing.T) {
	f, _ := Lookup("html")
	out := string(render(t, *f, handResult(t)))
	external := regexp.MustCompile(`(?i)(<script|<link|<img|<iframe|<object|<embed|@import|url\(|\bsrc=)`)
	if m := external.FindString(out); m != "" {
		t.Errorf("page refers to an outside resource: %q", m)
	}
	if !strings.Contains(out, "<style>") || !strings.Contains(out, ".grid") {
		t.Error("stylesheet is not inlined")
	}
	// Text from inputs is escaped, never markup.
	if strings.Contains(out, `<data>`) || !strings.Contains(out, "&lt;data&gt;") {
		t.Error("parser message not escaped")
	}
}

// TestHTMLContent: what an auditor files is on the page.
func TestHTMLContent(t *testing.T) {
	r := handResult(t)
	r.Time = testTime
	f, _ := Lookup("html")
	out := string(render(t, *f, r))
	pol := r.Policies[0]
	for _, want := range []string{
		"app-release #1.apk", "apk", r.Artifacts[0].Artifact.SHA256, "1.2 MiB (1,234,567 bytes)",
		"com.example.chat", "2.4.1",
		pol.Name, pol.Version, pol.EffectiveDate, pol.Source.Title,
		`id="matrix-android"`, "Policy rows", "Remediation", "Remove the permission if the app does not need it",
		"permaudit", "v0.9.0", "2025-01-01T00:00:00Z",
		"Unreadable inputs", "dist/broken.ipa",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// The data items shown are those of the platforms audited.
	for _, d := range pol.DataItems {
		android := false
		for _, p := range d.Platforms {
			android = android || p == audit.Android
		}
		if got := strings.Contains(out, htmlText(d.Item)); got != android {
			t.Errorf("data item %q shown = %v, want %v", d.Item, got, android)
		}
	}
}

func TestBreakable(t *testing.T) {
	tests := map[string]string{
		"a/b_c.d.xml": "a/<wbr>b_<wbr>c.<wbr>d.xml",
		"<x>.apk":     "&lt;x&gt;.apk",
		"":            "",
	}
	for in, want := range tests {
		if got := string(breakable(in)); got != want {
			t.Errorf("breakable(%q) = %q, want %q", in, got, want)
		}
	}
}

// domText is text as a browser serialises a text node.
func domText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// chromium finds Debian's chromium (or Chrome) for the rendering tests.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH (apt-get install chromium)")
	return ""
}

// headless runs the browser on a local file with no network, no profile
// and no background services, and returns its standard output.
func headless(t *testing.T, browser string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
		"--hide-scrollbars", "--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, browser, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, stderr.String())
	}
	return stdout.Bytes()
}

// screenshotResult is the report in the README: the Android scenario at
// the batch scenario's fixed time.
func screenshotResult(t *testing.T) *audit.Result {
	r := scenarios[0].run(t)
	r.Time = testTime
	return r
}

// TestHTMLInChromium renders a report in headless Chromium and checks the
// matrix and the findings are in the DOM the browser built, then takes a
// screenshot. With UPDATE_GOLDEN=1 the screenshot replaces the README's.
func TestHTMLInChromium(t *testing.T) {
	browser := chromium(t)
	r := screenshotResult(t)
	f, _ := Lookup("html")
	page := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(page, render(t, *f, r), 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + page

	dom := string(headless(t, browser, "--dump-dom", url))
	if !strings.Contains(dom, "</html>") {
		t.Fatalf("no DOM dumped:\n%.500s", dom)
	}
	a := r.Artifacts[0]
	for _, m := range a.Matrix {
		if !strings.Contains(dom, domText(m.Label)) {
			t.Errorf("matrix row %q not in the rendered DOM", m.Label)
		}
	}
	if got, want := strings.Count(dom, `class="cell v-`), len(a.Matrix); got != want {
		t.Errorf("%d grid cells in the DOM, want %d", got, want)
	}
	if got, want := strings.Count(dom, `<li class="finding sev-`), len(a.Findings); got != want {
		t.Errorf("%d findings in the DOM, want %d", got, want)
	}
	for _, fd := range a.Findings {
		if !strings.Contains(dom, domText(fd.Message)) {
			t.Errorf("finding %q not in the rendered DOM", fd.Message)
		}
	}

	shot := filepath.Join(t.TempDir(), "report.png")
	headless(t, browser, "--screenshot="+shot, "--window-size=1280,1600", url)
	data, err := os.ReadFile(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 1600 {
		t.Errorf("screenshot is %v", b)
	}
	if os.Getenv("UPDATE_GOLDEN") != "" {
		// Re-encoded at the best compression: the README carries it.
		var small bytes.Buffer
		if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&small, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(golden.Dir(), "report", "screenshot.png"), small.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
