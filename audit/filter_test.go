package audit

import (
	"strings"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// filterResult is one Android artifact with a beyond-policy warning on
// READ_CONTACTS and READ_SMS, and an error for a missing INTERNET.
func filterResult(t *testing.T) *Result {
	t.Helper()
	cs, pol := builtin(t)
	d := android("34", "ACCESS_NETWORK_STATE", "READ_CONTACTS", "READ_SMS")
	d.Artifact.Path = "app/src/main/AndroidManifest.xml"
	d.App.ID = "com.example.chat"
	return &Result{Artifacts: []ArtifactResult{Evaluate(d, []*Policy{pol}, cs)}}
}

func suppressionOf(r *Result, rule, perm string) *Suppression {
	for _, f := range r.Artifacts[0].Findings {
		if f.RuleID == rule && f.Permission == perm {
			return f.Suppression
		}
	}
	return &Suppression{Kind: "no such finding"}
}

func TestFilterWaivers(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	contacts := "android.permission.READ_CONTACTS"
	tests := []struct {
		name   string
		waiver Waiver
		status WaiverStatus
		waived bool
	}{
		{"rule and permission", Waiver{Rule: RuleBeyondPolicy, Permission: contacts, Reason: "r"}, WaiverApplied, true},
		{"permission glob", Waiver{Permission: "android.permission.READ_CON*", Reason: "r"}, WaiverApplied, true},
		{"app glob", Waiver{Rule: RuleBeyondPolicy, Permission: contacts, App: "com.example.*", Reason: "r"}, WaiverApplied, true},
		{"path glob across directories", Waiver{Permission: contacts, Path: "app/**/AndroidManifest.xml", Reason: "r"}, WaiverApplied, true},
		{"** matches no directory too", Waiver{Permission: contacts, Path: "**/app/src/main/AndroidManifest.xml", Reason: "r"}, WaiverApplied, true},
		{"* stays in a segment", Waiver{Permission: contacts, Path: "app/*.xml", Reason: "r"}, WaiverUnused, false},
		{"other app", Waiver{Permission: contacts, App: "com.other.*", Reason: "r"}, WaiverUnused, false},
		{"other rule", Waiver{Rule: RuleForbiddenDeclared, Permission: contacts, Reason: "r"}, WaiverUnused, false},
		{"last day still applies", Waiver{Permission: contacts, Reason: "r", Expires: date(2026, 3, 1)}, WaiverApplied, true},
		{"day after expires", Waiver{Permission: contacts, Reason: "r", Expires: date(2026, 2, 28)}, WaiverExpired, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := filterResult(t)
			if err := (Filter{FailOn: SeverityWarning, Waivers: []Waiver{tt.waiver}, Now: now}).Apply(r); err != nil {
				t.Fatal(err)
			}
			if got := r.Waivers[0].Status; got != tt.status {
				t.Errorf("status %s, want %s", got, tt.status)
			}
			s := suppressionOf(r, RuleBeyondPolicy, contacts)
			if waived := s != nil && s.Kind == SuppressedByWaiver; waived != tt.waived {
				t.Errorf("waived = %v, want %v (%+v)", waived, tt.waived, s)
			}
			if s := suppressionOf(r, RuleBeyondPolicy, "android.permission.READ_SMS"); s != nil && !strings.Contains(tt.waiver.Permission, "*") {
				t.Errorf("READ_SMS suppressed by %+v", s)
			}
		})
	}
}

// TestFilterGate: only findings that count reach the gate and the summary.
func TestFilterGate(t *testing.T) {
	r := filterResult(t)
	fps := map[string]string{}
	for _, f := range r.Artifacts[0].Findings {
		fps[f.RuleID+" "+f.Permission] = f.Fingerprint
	}
	sms := fps[RuleBeyondPolicy+" android.permission.READ_SMS"]
	f := Filter{FailOn: SeverityWarning, Now: date(2026, 1, 1),
		Waivers: []Waiver{
			{Permission: "android.permission.READ_CONTACTS", Reason: "contact sync", Expires: date(2026, 12, 31), File: ".permaudit.yaml", Line: 3},
			{Rule: RuleRequiredMissing, Reason: "no network by design"},
		},
		Baseline: NewBaseline("old.json", []string{sms})}
	if err := f.Apply(r); err != nil {
		t.Fatal(err)
	}
	s := suppressionOf(r, RuleBeyondPolicy, "android.permission.READ_CONTACTS")
	if s == nil || s.Reason != "contact sync" || s.Expires != "2026-12-31" || s.Source != ".permaudit.yaml:3" {
		t.Errorf("waiver suppression %+v", s)
	}
	if s := suppressionOf(r, RuleBeyondPolicy, "android.permission.READ_SMS"); s == nil || s.Kind != SuppressedByBaseline || s.Source != "old.json" {
		t.Errorf("baseline suppression %+v", s)
	}
	sum := r.Summarize()
	if n := len(r.Artifacts[0].Findings); sum.Errors != 0 || sum.Warnings != 0 || sum.Waived != n-1 || sum.Baselined != 1 {
		t.Errorf("summary %+v", sum)
	}
	if r.Failed() {
		t.Error("gate failed on suppressed findings only")
	}
	f.Baseline = nil
	if err := f.Apply(r); err != nil {
		t.Fatal(err)
	}
	if !r.Failed() {
		t.Error("gate passed with READ_SMS beyond policy and no baseline")
	}
}

// TestWaiverNotices: an expired and an unused waiver say so, naming the
// waiver by file and line.
func TestWaiverNotices(t *testing.T) {
	r := filterResult(t)
	f := Filter{Now: date(2026, 6, 1), Waivers: []Waiver{
		{Permission: "android.permission.READ_CONTACTS", Reason: "r", Expires: date(2026, 5, 31), File: "c.yaml", Line: 2},
		{Permission: "android.permission.CAMERA", Reason: "r", File: "c.yaml", Line: 5},
	}}
	if err := f.Apply(r); err != nil {
		t.Fatal(err)
	}
	stale := r.StaleWaivers()
	if len(stale) != 2 {
		t.Fatalf("stale waivers %+v", stale)
	}
	for i, want := range []string{"c.yaml:2: waiver (permission android.permission.READ_CONTACTS) expired on 2026-05-31, so the 1 finding it matches counts",
		"c.yaml:5: waiver (permission android.permission.CAMERA) matched no finding"} {
		if !strings.HasPrefix(stale[i].Notice(), want) {
			t.Errorf("notice %q, want prefix %q", stale[i].Notice(), want)
		}
	}
}

// TestFingerprintIgnoresPlaceAndModule: a moved line, a renamed file or
// a renamed module keep a finding's identity; another app or permission
// does not.
func TestFingerprintIgnoresPlaceAndModule(t *testing.T) {
	base := Fingerprint(Android, "com.example", RuleBeyondPolicy, "contacts", "android.permission.READ_CONTACTS", "")
	if !strings.HasPrefix(base, FingerprintVersion+":") {
		t.Errorf("fingerprint %q lacks its version", base)
	}
	if other := Fingerprint(Android, "com.example", RuleBeyondPolicy, "recategorized", "android.permission.READ_CONTACTS", ""); other != base {
		t.Error("a catalog that re-files a permission changed its findings' identity")
	}
	if other := Fingerprint(Android, "com.example", RuleBeyondPolicy, "contacts", "android.permission.READ_CONTACTS", "AndroidManifest.xml"); other != base {
		t.Error("the entry changed the identity of a finding about a permission")
	}
	// A per-entry rule: each overlapping or invalid entry is its own finding,
	// so a baseline that accepted one does not hide a second.
	one := Fingerprint(Android, "com.example", "package-entry-name-mismatch", "", "", "a.dex")
	if one == Fingerprint(Android, "com.example", "package-entry-name-mismatch", "", "", "b.dex") {
		t.Error("two mismatched entries share one fingerprint")
	}
	for _, other := range []string{
		Fingerprint(Android, "com.other", RuleBeyondPolicy, "contacts", "android.permission.READ_CONTACTS", ""),
		Fingerprint(Android, "com.example", RuleBeyondPolicy, "contacts", "android.permission.READ_SMS", ""),
		Fingerprint(IOS, "com.example", RuleBeyondPolicy, "contacts", "android.permission.READ_CONTACTS", ""),
		Fingerprint(Android, "com.example", RuleRequiredMissing, "network", "", ""),
	} {
		if other == base {
			t.Errorf("distinct findings share fingerprint %s", base)
		}
	}
	cs, pol := builtin(t)
	a := android("34", "INTERNET", "READ_CONTACTS")
	b := android("34", "INTERNET", "READ_CONTACTS")
	b.Artifact.Path = "renamed/AndroidManifest.xml"
	for i := range b.Permissions {
		b.Permissions[i].Line += 7
		b.Permissions[i].Module = "feature"
	}
	fa, fb := Evaluate(a, []*Policy{pol}, cs).Findings, Evaluate(b, []*Policy{pol}, cs).Findings
	if len(fa) == 0 || len(fa) != len(fb) {
		t.Fatalf("findings %d vs %d", len(fa), len(fb))
	}
	for i := range fa {
		if fa[i].Fingerprint != fb[i].Fingerprint {
			t.Errorf("%s: fingerprint changed with line, path and module", fa[i].RuleID)
		}
	}
}

func TestCompileGlob(t *testing.T) {
	tests := []struct {
		glob, s string
		want    bool
	}{
		{"android.permission.*", "android.permission.CAMERA", true},
		{"com.example.?", "com.example.a", true},
		{"a/*/c", "a/b/c", true},
		{"a/*/c", "a/b/x/c", false},
		{"a/**/c", "a/b/x/c", true},
		{"a/**", "a/b/c", true},
		{"a+b(c)", "a+b(c)", true},
		{"München*", "München/x", false},
		{"**/debug/**", "app/debug/AndroidManifest.xml", true},
		{"**/debug/**", "debug", true},
		{"[a-c]pp/*.xml", "bpp/x.xml", true},
		{"{app,lib}/**", "lib/x", true},
		{"", "anything/at/all", true},
	}
	for _, tt := range tests {
		g, err := CompileGlob(tt.glob)
		if err != nil {
			t.Fatal(err)
		}
		if got := g.Match(tt.s); got != tt.want {
			t.Errorf("%q on %q = %v", tt.glob, tt.s, got)
		}
	}
	for _, bad := range []string{"[", "a/[b", "{a,b", `x\`} {
		if _, err := CompileGlob(bad); err == nil {
			t.Errorf("malformed glob %q was accepted", bad)
		}
	}
}
