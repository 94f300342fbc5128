package audit

import (
	"fmt"
	"strings"
)

// PlayDraft is a draft of one Android app's Google Play Data safety
// answers, from the data items of the SDKs found in it. It answers only
// what an SDK's statement says; the app's own code is not read.
type PlayDraft struct {
	App ListedArtifact
	// Collected are the data types the SDKs collect, in the form's order.
	Collected []PlayCollected
	// Notes name what the draft leaves to the developer: SDKs whose data
	// items are not recorded, items that map to no data type.
	Notes []string
}

// PlayCollected is one data type the app's SDKs collect, and why.
type PlayCollected struct {
	Type     string
	Because  []PlaySource
	Purposes []PlayPurposeAnswer // in the form's purpose order
	// Shared are the items whose statement says the data is shared (Why
	// quotes the words), SharingPurposes their purposes.
	Shared          []PlaySource
	SharingPurposes []PlayPurposeAnswer
	// Optional are the items whose statement says collection is optional:
	// the user-control answer is then the developer's.
	Optional []PlaySource
}

// PlayPurposeAnswer is one purpose a collected type is collected for.
type PlayPurposeAnswer struct {
	Purpose string
	Because []PlaySource
}

// PlaySource is what gave an answer: an SDK, the words of its data item
// that matched a rule and, for a purpose, the purpose words that did.
type PlaySource struct {
	SDK  string
	Item string
	Why  string
}

// playFormOutput names the Data safety form in messages.
const playFormOutput = "a Google Play Data safety form"

// PlayDataSafety drafts the Data safety answers for the one Android app
// in l. Data an SDK sends off the device is collected, and a transfer to
// a service provider acting for the app is not sharing (Play Console
// Help, https://support.google.com/googleplay/android-developer/answer/10787469),
// so every type found is "collected" only.
func PlayDataSafety(l SDKListing) (*PlayDraft, error) {
	app, err := oneApp(l.Artifacts, Android, playFormOutput)
	if err != nil {
		return nil, err
	}
	pd, err := BuiltinPlayData()
	if err != nil {
		return nil, err
	}
	b := playBuilder{pd: pd, byType: map[string]*PlayCollected{}, draft: &PlayDraft{App: app}}
	if n := len(l.Errors); n > 0 {
		b.note("the draft may be incomplete: %d input(s) could not be read (%s); if one is a file of %s, the SDKs in it are not in the draft", n, errorPaths(l.Errors), app.App)
	}
	left := map[string]bool{} // an IPA's extensions share its path
	for _, a := range l.Artifacts {
		if a.Platform != Android && !left[a.Path] {
			left[a.Path] = true
			b.note("%s (%s) is left out: a Play form covers the Android app", a.Path, a.Platform.Title())
		}
	}
	for _, e := range l.SDKs {
		if e.Platform == Android {
			b.addSDK(e)
		}
	}
	b.order()
	if len(b.draft.Collected) == 0 {
		b.note("no data item of a detected SDK maps to a Play data type, so \"does your app collect or share user data\" is left for you: permaudit does not read what the app's own code collects")
	}
	return b.draft, nil
}

type playBuilder struct {
	pd     *PlayData
	byType map[string]*PlayCollected
	draft  *PlayDraft
}

func (b *playBuilder) note(format string, args ...any) {
	b.draft.Notes = append(b.draft.Notes, fmt.Sprintf(format, args...))
}

func (b *playBuilder) addSDK(e SDKListEntry) {
	if len(e.DataUses) == 0 {
		b.note("%s: the data it collects is not recorded (no built-in policy lists its data items); add its data types by hand from its privacy statement%s",
			e.Name, orEmpty(" ", e.PrivacyPolicy))
		return
	}
	for _, it := range e.DataUses {
		matches := b.pd.TypesFor(it.Item)
		if len(matches) == 0 {
			b.note("%s: no rule in policydata/privacy/play-data-types.json maps %q to a Play data type; decide it in the Console", e.Name, it.Item)
			continue
		}
		h := itemHandling{purposes: b.purposes(e, it)}
		h.shared, h.isShared = b.says(b.pd.Shared, it)
		h.optional, h.isOptional = b.says(b.pd.Optional, it)
		for _, m := range matches {
			if len(m.Rule.Play) == 0 {
				b.note("%s: %q maps to no Play data type: %s", e.Name, it.Item, m.Rule.Why)
				continue
			}
			for _, t := range m.Rule.Play {
				b.collect(t, PlaySource{SDK: e.Name, Item: m.Phrase}, h)
			}
		}
	}
}

// itemHandling is what one data item's statement says beyond its types.
type itemHandling struct {
	purposes             []PurposeMatch
	shared, optional     string // the words that said so, quoted
	isShared, isOptional bool
}

// says reads a handling rule in the item's own text, then its purpose.
func (b *playBuilder) says(r PlayWordsRule, it DataItem) (string, bool) {
	for _, text := range []string{it.Item, it.Purpose} {
		if phrase, ok := r.Says(text); ok {
			return "“" + phrase + "”", true
		}
	}
	return "", false
}

// purposes maps a data item's purpose to Play purposes: from its own
// purpose text, else from the SDK's purpose, else the default.
func (b *playBuilder) purposes(e SDKListEntry, it DataItem) []PurposeMatch {
	quote := func(m []PurposeMatch, suffix string) []PurposeMatch {
		for i := range m {
			m[i].Phrase = "“" + m[i].Phrase + "”" + suffix
		}
		return m
	}
	if m := b.pd.PurposesFor(it.Purpose); len(m) > 0 {
		return quote(m, "")
	}
	if m := b.pd.PurposesFor(e.Purpose); len(m) > 0 {
		return quote(m, ", the SDK's purpose")
	}
	return []PurposeMatch{{Purpose: b.pd.DefaultPurpose, Phrase: "no purpose recognised"}}
}

func (b *playBuilder) collect(typ string, src PlaySource, h itemHandling) {
	c := b.byType[typ]
	if c == nil {
		c = &PlayCollected{Type: typ}
		b.byType[typ] = c
	}
	c.Because = appendSource(c.Because, src)
	c.Purposes = addPurposes(c.Purposes, src, h.purposes)
	if h.isShared {
		c.Shared = appendSource(c.Shared, PlaySource{SDK: src.SDK, Item: src.Item, Why: h.shared})
		c.SharingPurposes = addPurposes(c.SharingPurposes, src, h.purposes)
	}
	if h.isOptional {
		c.Optional = appendSource(c.Optional, PlaySource{SDK: src.SDK, Item: src.Item, Why: h.optional})
	}
}

// addPurposes adds what src is collected (or shared) for to answers.
func addPurposes(answers []PlayPurposeAnswer, src PlaySource, purposes []PurposeMatch) []PlayPurposeAnswer {
	for _, p := range purposes {
		i := 0
		for i < len(answers) && answers[i].Purpose != p.Purpose {
			i++
		}
		if i == len(answers) {
			answers = append(answers, PlayPurposeAnswer{Purpose: p.Purpose})
		}
		answers[i].Because = appendSource(answers[i].Because, PlaySource{SDK: src.SDK, Item: src.Item, Why: p.Phrase})
	}
	return answers
}

// order lists the collected types, and each one's purposes, in the
// form's order, whatever order the SDKs came in.
func (b *playBuilder) order() {
	for _, cat := range b.pd.Categories {
		for _, t := range cat.Types {
			c := b.byType[t.ID]
			if c == nil {
				continue
			}
			c.Purposes = b.inFormOrder(c.Purposes)
			c.SharingPurposes = b.inFormOrder(c.SharingPurposes)
			b.draft.Collected = append(b.draft.Collected, *c)
			if len(c.Optional) > 0 {
				b.note("%s / %s: whether users can choose that it is collected is left for you, as the statement says collection is optional: %s. %s",
					cat.Label, t.Label, describeSources(c.Optional), b.pd.Optional.Why)
			}
		}
	}
}

func (b *playBuilder) inFormOrder(answers []PlayPurposeAnswer) []PlayPurposeAnswer {
	var ordered []PlayPurposeAnswer
	for _, p := range b.pd.Purposes {
		for _, a := range answers {
			if a.Purpose == p.ID {
				ordered = append(ordered, a)
			}
		}
	}
	return ordered
}

// describeSources names sources for a note: "Ads SDK's IP address
// (“words”)".
func describeSources(list []PlaySource) string {
	parts := make([]string, len(list))
	for i, s := range list {
		parts[i] = s.SDK + "'s " + s.Item + " (" + s.Why + ")"
	}
	return strings.Join(parts, ", ")
}

func appendSource(list []PlaySource, s PlaySource) []PlaySource {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func orEmpty(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

func errorPaths(errs []InputError) string {
	paths := make([]string, len(errs))
	for i, e := range errs {
		paths[i] = e.Path
	}
	return strings.Join(paths, ", ")
}
