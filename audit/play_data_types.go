package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/permaudit/permaudit/policydata"
)

// PlayCategory is one question of the Data safety form's data-type
// step: a category and its types, in the Console's order.
type PlayCategory struct {
	Question string     `json:"question"`
	Label    string     `json:"label"`
	Types    []PlayType `json:"types"`
}

// PlayType is one data type of Google Play's Data safety form.
type PlayType struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// PlayPurpose is one answer to "why is this data collected?".
type PlayPurpose struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// PlayTypeRule maps data items, by words in their text, to Play data
// types. An empty Play list says deliberately that such items are not
// user data; it applies only when no other rule matched. A text holding
// one of Except's phrases is not matched even when Match's words are in
// it: a phrase a vendor files under another type.
type PlayTypeRule struct {
	Match  []string `json:"match"`
	Except []string `json:"except,omitempty"`
	Play   []string `json:"play"`
	Why    string   `json:"why"`
}

// PlayPurposeRule maps words of a data item's purpose to a Play purpose.
type PlayPurposeRule struct {
	Match   []string `json:"match"`
	Purpose string   `json:"purpose"`
	Why     string   `json:"why"`
}

// PlayWordsRule finds, by words, what a data item's own text says about
// how its data is handled (shared; optional to collect).
type PlayWordsRule struct {
	Match  []string `json:"match"`
	Except []string `json:"except,omitempty"`
	Why    string   `json:"why"`
}

// Says returns the clause of text that holds one of the rule's words,
// unless the text also holds one of its exceptions ("not shared").
func (r PlayWordsRule) Says(text string) (string, bool) {
	if _, no := firstMatch(text, r.Except); no {
		return "", false
	}
	return firstMatch(text, r.Match)
}

// PlayQuestion is one row of the form's general questions, before the
// data types: a question, one of its responses (empty for a yes/no or a
// text), the Console's answer requirement and its label.
type PlayQuestion struct {
	Question    string `json:"question"`
	Response    string `json:"response"`
	Requirement string `json:"requirement"`
	Label       string `json:"label"`
}

// PlayData is policydata/privacy/play-data-types.json: the form's
// vocabulary and how policy data items map onto it.
type PlayData struct {
	Source         string            `json:"source"`
	GeneralSource  string            `json:"generalSource"`
	General        []PlayQuestion    `json:"general"`
	Categories     []PlayCategory    `json:"categories"`
	Purposes       []PlayPurpose     `json:"purposes"`
	Rules          []PlayTypeRule    `json:"rules"`
	PurposeRules   []PlayPurposeRule `json:"purposeRules"`
	DefaultPurpose string            `json:"defaultPurpose"`
	// Shared and Optional read a data item's text for "the data is
	// shared" and "collection is optional".
	Shared   PlayWordsRule `json:"shared"`
	Optional PlayWordsRule `json:"optional"`
}

// BuiltinPlayData loads the embedded Play mapping once, on first use.
func BuiltinPlayData() (*PlayData, error) { return builtinPlayData() }

var builtinPlayData = sync.OnceValues(func() (*PlayData, error) {
	const name = "privacy/play-data-types.json"
	raw, err := fs.ReadFile(policydata.FS, name)
	if err != nil {
		return nil, err
	}
	var pd PlayData
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&pd); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &pd, nil
})

// PlayMatch is one rule that matched a text, with the clause of the text
// that holds the match ("device model and memory" for "model").
type PlayMatch struct {
	Phrase string
	Rule   PlayTypeRule
}

// TypesFor lists the rules a data item matches, in rule order. When only
// "not user data" rules match, they are returned; when none matches, the
// result is empty: the item needs a person's judgement.
func (pd *PlayData) TypesFor(item string) []PlayMatch {
	var found, notData []PlayMatch
	for _, r := range pd.Rules {
		if _, excepted := firstMatch(item, r.Except); excepted {
			continue
		}
		if phrase, ok := firstMatch(item, r.Match); ok {
			if len(r.Play) == 0 {
				notData = append(notData, PlayMatch{phrase, r})
			} else {
				found = append(found, PlayMatch{phrase, r})
			}
		}
	}
	if len(found) > 0 {
		return found
	}
	return notData
}

// PurposeMatch is a Play purpose with the clause of the purpose text
// that gave it.
type PurposeMatch struct {
	Purpose string
	Phrase  string
}

// PurposesFor maps a purpose text to Play purposes, in rule order; nil
// when no rule matches.
func (pd *PlayData) PurposesFor(text string) []PurposeMatch {
	var out []PurposeMatch
	for _, r := range pd.PurposeRules {
		if phrase, ok := firstMatch(text, r.Match); ok {
			out = append(out, PurposeMatch{r.Purpose, phrase})
		}
	}
	return out
}

// firstMatch finds the first of words in text, case-insensitively and
// only at the start of a word ("ssid" does not match inside "BSSID"),
// and returns the clause holding it.
func firstMatch(text string, words []string) (string, bool) {
	for _, w := range words {
		for i := 0; i+len(w) <= len(text); i++ {
			if !strings.EqualFold(text[i:i+len(w)], w) {
				continue
			}
			if prev, _ := utf8.DecodeLastRuneInString(text[:i]); i == 0 || !(unicode.IsLetter(prev) || unicode.IsDigit(prev)) {
				return clause(text, i, i+len(w)), true
			}
		}
	}
	return "", false
}

// maxClause caps a quoted clause, in runes: enough to recognise it.
const maxClause = 60

// clause widens text[i:j] to the list entry or clause around it,
// delimited by commas, semicolons, brackets or line ends.
func clause(text string, i, j int) string {
	const stops = ",;()\n"
	start := strings.LastIndexAny(text[:i], stops) + 1
	end := len(text)
	if k := strings.IndexAny(text[j:], stops); k >= 0 {
		end = j + k
	}
	c := strings.TrimSpace(text[start:end])
	if utf8.RuneCountInString(c) > maxClause {
		c = string([]rune(c)[:maxClause-1]) + "…"
	}
	return c
}

// TypeLabel is a data type's label as the Console writes it: "Location /
// Approximate location"; ok is false for an ID the form does not have.
func (pd *PlayData) TypeLabel(id string) (string, bool) {
	for _, c := range pd.Categories {
		for _, t := range c.Types {
			if t.ID == id {
				return c.Label + " / " + t.Label, true
			}
		}
	}
	return "", false
}
