package ios

import (
	"regexp"
	"strings"
)

// Build setting references as Xcode expands them: $(VAR), ${VAR} and a
// modifier after a colon, e.g. $(PRODUCT_NAME:rfc1034identifier).
// https://developer.apple.com/documentation/xcode/build-settings-reference
var reSettingRef = regexp.MustCompile(`\$[({]([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z0-9_,]+))?[)}]`)

const maxExpandDepth = 8

// settingsExpander resolves references against one target's settings and
// the settings Xcode defines itself; names it cannot resolve are kept.
type settingsExpander struct {
	settings   map[string]string
	unresolved map[string]bool
}

func newExpander(t xcodeTarget, project, config string) *settingsExpander {
	s := map[string]string{
		"TARGET_NAME": t.Name, "PROJECT_NAME": project, "CONFIGURATION": config,
		"SRCROOT": ".", "PROJECT_DIR": ".", "SOURCE_ROOT": ".", "inherited": "",
		"PRODUCT_NAME": "$(TARGET_NAME)", "EXECUTABLE_NAME": "$(PRODUCT_NAME)",
		"PRODUCT_MODULE_NAME": "$(PRODUCT_NAME:c99extidentifier)", "DEVELOPMENT_LANGUAGE": "en",
	}
	for k, v := range t.Settings {
		s[k] = v
	}
	return &settingsExpander{settings: s, unresolved: map[string]bool{}}
}

// value returns a setting expanded, "" when it is not set.
func (e *settingsExpander) value(name string) string {
	v, ok := e.settings[name]
	if !ok {
		return ""
	}
	return e.expand(v)
}

// expand replaces every reference in s.
func (e *settingsExpander) expand(s string) string {
	return e.expandDepth(s, 0)
}

func (e *settingsExpander) expandDepth(s string, depth int) string {
	if depth > maxExpandDepth || !strings.Contains(s, "$") {
		return s
	}
	return reSettingRef.ReplaceAllStringFunc(s, func(ref string) string {
		m := reSettingRef.FindStringSubmatch(ref)
		v, ok := e.settings[m[1]]
		if !ok {
			e.unresolved[m[1]] = true
			return ref
		}
		v = e.expandDepth(v, depth+1)
		for _, mod := range strings.Split(m[2], ",") {
			v = applyModifier(v, mod)
		}
		return v
	})
}

func applyModifier(v, mod string) string {
	switch mod {
	case "rfc1034identifier":
		return mapRunes(v, func(r rune) bool { return r == '-' || r == '.' }, '-')
	case "c99extidentifier", "identifier":
		return mapRunes(v, func(r rune) bool { return r == '_' }, '_')
	case "lower":
		return strings.ToLower(v)
	case "upper":
		return strings.ToUpper(v)
	}
	return v
}

func mapRunes(v string, keep func(rune) bool, with rune) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || keep(r)) {
			return r
		}
		return with
	}, v)
}

func (e *settingsExpander) isYes(name string) bool {
	return strings.EqualFold(strings.TrimSpace(e.value(name)), "YES")
}
