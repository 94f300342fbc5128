package report

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestHTMLPrintsWhole prints the HTML report to PDF in headless Chromium
// on A4 and on Letter, as an auditor files it, and reads the PDF's text
// back: every artifact's name, every policy row of every artifact, every
// grid column and every finding must be on paper.
func TestHTMLPrintsWhole(t *testing.T) {
	browser := chromium(t)
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	r := screenshotResult(t)
	// A long file name must wrap, not widen the page past its edge.
	r.Artifacts[0].Artifact.Path = "android/app/build/outputs/apk/release/" + strings.Repeat("very-long-flavour-name-", 6) + "release-unsigned.apk"
	f, _ := Lookup("html")
	page := string(render(t, *f, r))
	for _, size := range []string{"A4", "letter"} {
		t.Run(size, func(t *testing.T) {
			dir := t.TempDir()
			html := filepath.Join(dir, "report.html")
			sized := strings.Replace(page, "</head>", "<style>@page { size: "+size+"; }</style></head>", 1)
			if err := os.WriteFile(html, []byte(sized), 0o644); err != nil {
				t.Fatal(err)
			}
			pdf := filepath.Join(dir, "report.pdf")
			headless(t, browser, "--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+html)
			out, err := exec.Command(pdftotext, "-raw", pdf, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			text := squash(string(out))
			if os.Getenv("PERMAUDIT_SHOW_PDF") != "" {
				t.Logf("PDF text (%s):\n%s", size, out)
			}
			for _, a := range r.Artifacts {
				for _, m := range a.Matrix {
					if !strings.Contains(text, squash(m.Label)) {
						t.Errorf("%s: policy row %q of %s not printed", size, m.Label, a.Artifact.Path)
					}
				}
				for _, fd := range a.Findings {
					if !strings.Contains(text, squash(fd.Message)) {
						t.Errorf("%s: finding %q not printed", size, fd.Message)
					}
				}
				if !strings.Contains(text, squash(baseName(a.Artifact.Path))) {
					t.Errorf("%s: artifact %s not printed whole", size, a.Artifact.Path)
				}
			}
			// The grid's columns are the policy rows; the last one is the
			// first a page too narrow would cut.
			for _, m := range r.Artifacts[0].Matrix {
				if !strings.Contains(text, squash("row "+strconv.Itoa(m.Row))) {
					t.Errorf("%s: grid column row %d not printed", size, m.Row)
				}
			}
		})
	}
}

// squash drops white space and hyphens: a cell's text wraps on paper,
// and pdftotext joins "flavour-" at a line's end with the next line's word
// without its hyphen.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '\u00ad' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestHTMLFitsScreen opens the report in a 1024-pixel-wide window and asks
// the page itself what overflows: the page must not scroll sideways, no
// element may clip its content, and no box may scroll inside the page.
func TestHTMLFitsScreen(t *testing.T) {
	browser := chromium(t)
	r := screenshotResult(t)
	r.Artifacts[0].Artifact.Path = "android/app/build/outputs/apk/release/" + strings.Repeat("very-long-flavour-name-", 6) + "release-unsigned.apk"
	f, _ := Lookup("html")
	probe := `<script>addEventListener("load", () => {
  const out = [];
  if (document.documentElement.scrollWidth > innerWidth) out.push("page " + document.documentElement.scrollWidth);
  for (const el of document.querySelectorAll("body *")) {
    const st = getComputedStyle(el);
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && st.display !== "inline" &&
        (st.overflowX === "auto" || st.overflowX === "scroll" || st.overflowX === "hidden")) {
      out.push(el.tagName + "." + el.className + " " + el.scrollWidth + ">" + el.clientWidth);
    }
  }
  document.body.setAttribute("data-overflow", out.join("; ") || "none");
});</script></body>`
	dom := probedDOM(t, browser, render(t, *f, r), probe, "--window-size=1024,900")
	if !strings.Contains(dom, `data-overflow="none"`) {
		i := strings.Index(dom, "data-overflow=")
		t.Errorf("overflow at 1024 px: %.400s", dom[max(i, 0):])
	}
}

// probedDOM opens a report with a probe script in place of </body> and
// returns the DOM once the probe has run (it leaves its answers in
// attributes of <body>).
func probedDOM(t *testing.T, browser string, report []byte, probe string, args ...string) string {
	t.Helper()
	page := strings.Replace(string(report), "</body>", probe, 1)
	file := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	return string(headless(t, browser, append(args, "--dump-dom", "file://"+file)...))
}
