package report

import (
	"regexp"
	"strings"
	"testing"
)

// projectScenario is the React Native app audited from source.
func projectScenario(t *testing.T) scenario {
	t.Helper()
	for _, s := range scenarios {
		if s.name == "project" {
			return s
		}
	}
	t.Fatal("no project scenario")
	return scenario{}
}

// TestHTMLGroupsAppInChromium renders a cross-platform app's report in
// headless Chromium and asks the page how it is laid out: one app
// section, headed with the app and its framework, holding every
// platform's card, each card saying how its project was built and which
// files were read; and nothing overflows at 1024 px.
func TestHTMLGroupsAppInChromium(t *testing.T) {
	browser := chromium(t)
	r := projectScenario(t).run(t)
	if len(r.Artifacts) != 3 {
		t.Fatalf("%d artifacts, want the app's 3 platforms", len(r.Artifacts))
	}
	f, _ := Lookup("html")
	probe := `<script>addEventListener("load", () => {
  const out = [];
  for (const g of document.querySelectorAll("section.app-group")) {
    const cards = [...g.querySelectorAll("section.artifact")].map(c => {
      const dts = [...c.querySelectorAll("dl.meta dt")];
      const val = name => { const dt = dts.find(d => d.textContent === name); return dt ? dt.nextElementSibling.textContent : "-"; };
      return c.querySelector(".plat").textContent + "=" + val("Built as") + "/" + val("App") + "/" + (val("Files read") !== "-");
    });
    out.push(g.querySelector("h2").textContent + ": " + cards.join(", "));
  }
  const loose = [...document.querySelectorAll("section.artifact")].filter(c => !c.closest(".app-group")).length;
  document.body.setAttribute("data-groups", out.join(" | ") + " | loose " + loose);
  document.body.setAttribute("data-wide", String(document.documentElement.scrollWidth > innerWidth));
});</script></body>`
	dom := probedDOM(t, browser, render(t, *f, r), probe, "--window-size=1024,900")
	m := regexp.MustCompile(`data-groups="([^"]*)"`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("the probe did not run:\n%.500s", dom)
	}
	want := "App RnChat React Native: Android=release/RnChat (React Native)/true, " +
		"HarmonyOS=product default/RnChat (React Native)/true, " +
		"iOS=Release/RnChat (React Native)/true | loose 0"
	if m[1] != want {
		t.Errorf("page layout:\n got %s\nwant %s", m[1], want)
	}
	if !strings.Contains(dom, `data-wide="false"`) {
		t.Error("the page scrolls sideways at 1024 px")
	}
}
