package ios

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf16"

	"howett.net/plist"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// localizations reads the translated purpose strings of a target:
// <dir>/*.lproj/InfoPlist.strings and <dir>/InfoPlist.xcstrings. iOS
// shows the translation to users of that language, so an empty one is
// the same App Store rejection as an empty key (purpose-string-empty).
func (r targetReader) localizations(info *audit.Declaration, dir string) {
	purposes := map[string]string{} // key → module
	for _, p := range info.Permissions {
		if p.Form == audit.FormUsageDescription {
			purposes[p.Name] = p.Module
		}
	}
	entries, _ := fs.ReadDir(r.fsys, dir)
	for _, e := range entries {
		if !e.IsDir() || !strings.HasSuffix(e.Name(), ".lproj") {
			continue
		}
		file := path.Join(dir, e.Name(), "InfoPlist.strings")
		data, err := archive.ReadFile(r.fsys, file)
		if isNotExist(err) {
			continue
		}
		lang := strings.TrimSuffix(e.Name(), ".lproj")
		table, err := parseStringsFile(data)
		if err != nil {
			info.Notes = append(info.Notes, audit.Note{RuleID: RulePlistValueType, Severity: audit.SeverityWarning, Entry: file,
				Message: "could not be read: " + err.Error()})
			continue
		}
		r.emptyTranslations(info, purposes, file, lang, table, data)
	}
	file := path.Join(dir, "InfoPlist.xcstrings")
	if data, err := archive.ReadFile(r.fsys, file); err == nil {
		for lang, table := range parseStringCatalog(data) {
			r.emptyTranslations(info, purposes, file, lang, table, data)
		}
	}
	sort.SliceStable(info.Notes, func(i, j int) bool { return info.Notes[i].Message < info.Notes[j].Message })
}

func (r targetReader) emptyTranslations(info *audit.Declaration, purposes map[string]string, file, lang string, table map[string]string, data []byte) {
	for key, text := range table {
		if _, declared := purposes[key]; !declared || strings.TrimSpace(text) != "" {
			continue
		}
		info.Notes = append(info.Notes, audit.Note{RuleID: audit.RulePurposeEmpty, Severity: audit.SeverityError, Entry: file,
			Line:    lineOf(data, `"`+key+`"`),
			Message: fmt.Sprintf("%s: the %s translation is empty; iOS shows it to users of that language and App Store Connect rejects an empty purpose string", key, lang)})
	}
}

// parseStringsFile reads a .strings file ("key" = "value"; lines, in
// UTF-8 or UTF-16) as the OpenStep dictionary it is without its braces.
func parseStringsFile(data []byte) (table map[string]string, err error) {
	text := decodeUTF16(data)
	if openStepTooDeep([]byte(text)) {
		return nil, fmt.Errorf("nests deeper than %d levels", maxOpenStepDepth)
	}
	defer func() {
		if rec := recover(); rec != nil {
			table, err = nil, fmt.Errorf("malformed strings file: %v", rec)
		}
	}()
	var v map[string]any
	if _, err := plist.Unmarshal([]byte("{"+text+"\n}"), &v); err != nil {
		return nil, fmt.Errorf("malformed strings file: %v", err)
	}
	table = map[string]string{}
	for k, val := range v {
		if s, ok := val.(string); ok {
			table[k] = s
		}
	}
	return table, nil
}

// decodeUTF16 returns the text of a file written in UTF-16 (with a byte
// order mark, as Xcode long wrote .strings files) or UTF-8.
func decodeUTF16(data []byte) string {
	le, be := bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF})
	if !le && !be {
		return string(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}))
	}
	units := make([]uint16, 0, len(data)/2)
	for i := 2; i+1 < len(data); i += 2 {
		if le {
			units = append(units, uint16(data[i])|uint16(data[i+1])<<8)
		} else {
			units = append(units, uint16(data[i])<<8|uint16(data[i+1]))
		}
	}
	return string(utf16.Decode(units))
}

// parseStringCatalog reads an .xcstrings String Catalog: per language,
// each key's stringUnit value. A broken catalog yields nothing.
func parseStringCatalog(data []byte) map[string]map[string]string {
	var cat struct {
		Strings map[string]struct {
			Localizations map[string]struct {
				StringUnit *struct {
					Value string `json:"value"`
				} `json:"stringUnit"`
			} `json:"localizations"`
		} `json:"strings"`
	}
	if json.Unmarshal(data, &cat) != nil {
		return nil
	}
	out := map[string]map[string]string{}
	for key, s := range cat.Strings {
		for lang, l := range s.Localizations {
			if l.StringUnit == nil {
				continue
			}
			if out[lang] == nil {
				out[lang] = map[string]string{}
			}
			out[lang][key] = l.StringUnit.Value
		}
	}
	return out
}

// lineOf is the 1-based line where needle first appears, 0 if nowhere.
func lineOf(data []byte, needle string) int {
	text := decodeUTF16(data)
	i := strings.Index(text, needle)
	if i < 0 {
		return 0
	}
	return strings.Count(text[:i], "\n") + 1
}
