package audit

import (
	"fmt"
	"strconv"
	"strings"
)

// This file is where platform levels become numbers and ranges of device
// levels, so each verdict can be one expression over them.

// AndroidCurDevelopment is the level Android gives a codename such as
// "Baklava": android.os.Build.VERSION_CODES.CUR_DEVELOPMENT, which aapt
// uses for a codename minSdkVersion or targetSdkVersion
// (frameworks/base/tools/aapt/Command.cpp, SDK_CUR_DEVELOPMENT).
const AndroidCurDevelopment = 10000

// harmonyAPIMod: HarmonyOS NEXT writes API versions as 50000012 (5.0.0,
// API 12); OpenHarmony compares apiTargetVersion % 1000 (for example
// window_manager wm/src/window_impl.cpp, API_VERSION_MOD = 1000).
const harmonyAPIMod = 1000

// ParseLevel reads a level as the platform compares it: Android's number
// or codename, HarmonyOS's API version (NEXT's 50000012 is 12), iOS's
// major version ("15.0" is 15). 0 means unknown.
func ParseLevel(p Platform, s string) int {
	s = strings.TrimSpace(s)
	n, rest := leadingNumber(s)
	switch {
	case p == Android && n == 0 && rest == s && isCodename(s):
		return AndroidCurDevelopment
	case p == HarmonyOS && n > harmonyAPIMod:
		return n % harmonyAPIMod
	}
	return n
}

// NormalLevel rewrites a level as written into the one the platform
// compares when the two differ (HarmonyOS NEXT "50000012" → "12"); it
// reports whether it changed anything, so a parser can keep the raw value
// as a fact.
func NormalLevel(p Platform, s string) (string, bool) {
	if p != HarmonyOS {
		return s, false
	}
	n := ParseLevel(p, s)
	if n == 0 || strconv.Itoa(n) == strings.TrimSpace(s) {
		return s, false
	}
	return strconv.Itoa(n), true
}

// LevelNumber reads the leading number of a level ("34", "15.0"); 0 when
// there is none. Prefer ParseLevel, which knows the platform's spelling.
func LevelNumber(s string) int {
	n, _ := leadingNumber(s)
	return n
}

func leadingNumber(s string) (int, string) {
	n, i := 0, 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		if n > 1<<26 {
			return 0, s
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, s[i:]
}

// isCodename: Android codenames are letters ("S", "Tiramisu", "Baklava").
func isCodename(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}

// Open stands for "every later level" as the top of a LevelRange.
const Open = 1 << 30

// LevelRange is the closed range of device levels Lo..Hi; Hi == Open has
// no upper end. Lo > Hi is the empty range.
type LevelRange struct{ Lo, Hi int }

// From is the range of every level from lo on.
func From(lo int) LevelRange { return LevelRange{lo, Open} }

// Intersect is the levels both ranges cover.
func (r LevelRange) Intersect(o LevelRange) LevelRange {
	return LevelRange{max(r.Lo, o.Lo), min(r.Hi, o.Hi)}
}

// Empty reports a range that covers no level at all.
func (r LevelRange) Empty() bool { return r.Lo > r.Hi }

// Contains reports whether level n lies in the range.
func (r LevelRange) Contains(n int) bool { return n >= r.Lo && n <= r.Hi }

// CoversNone reports whether the range misses every level of supported
// (the app's minSdk on): such a declaration is never granted.
func (r LevelRange) CoversNone(supported LevelRange) bool {
	return r.Intersect(supported).Empty()
}

func (r LevelRange) String() string {
	switch {
	case r.Empty():
		return "no API level"
	case r.Hi >= Open:
		return fmt.Sprintf("API %d and later", r.Lo)
	case r.Lo == r.Hi:
		return fmt.Sprintf("API %d", r.Lo)
	}
	return fmt.Sprintf("API %d to %d", r.Lo, r.Hi)
}

// Requested is the range of device levels on which Android requests a
// declared permission: uses-permission-sdk-23 only from API 23, and
// nothing above android:maxSdkVersion
// (developer.android.com/guide/topics/manifest/uses-permission-element,
// …/uses-permission-sdk-23-element).
func (p *Permission) Requested() LevelRange {
	r := From(1)
	if p.Form == FormUsesPermissionSdk23 {
		r.Lo = 23
	}
	if p.MaxSdkVersion > 0 {
		r.Hi = p.MaxSdkVersion
	}
	return r
}

// Uncovered lists the parts of r that none of covers reaches, in order.
func (r LevelRange) Uncovered(covers ...LevelRange) []LevelRange {
	var gaps []LevelRange
	for lo := r.Lo; lo <= r.Hi; {
		hi, isCovered := r.Hi, false
		for _, c := range covers {
			switch {
			case c.Contains(lo) && (!isCovered || c.Hi > hi):
				hi, isCovered = c.Hi, true
			case !isCovered && !c.Empty() && c.Lo > lo && c.Lo-1 < hi:
				hi = c.Lo - 1
			}
		}
		if !isCovered {
			gaps = append(gaps, LevelRange{lo, min(hi, r.Hi)})
		}
		if hi >= r.Hi {
			break
		}
		lo = hi + 1
	}
	return gaps
}
