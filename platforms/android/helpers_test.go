package android

import (
	"fmt"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// permLines renders permissions one per line so tests compare them
// readably.
func permLines(ps []audit.Permission) []string {
	out := []string{}
	for _, p := range ps {
		s := fmt.Sprintf("%s %s", p.Form, p.Name)
		if p.MaxSdkVersion != 0 {
			s += fmt.Sprintf(" max=%d", p.MaxSdkVersion)
		}
		if p.NotRequired {
			s += " optional"
		}
		if p.Removed {
			s += " removed"
		}
		if p.Misplaced != "" {
			s += " in=" + p.Misplaced
		}
		if p.Reason != "" {
			s += " reason=" + p.Reason
		}
		if p.Line != 0 {
			s += fmt.Sprintf(" @%d", p.Line)
		}
		out = append(out, s)
	}
	return out
}

func factLines(fs []audit.Fact) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Key+"="+f.Value)
	}
	return out
}

func noteRules(ns []audit.Note) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, n.RuleID)
	}
	return out
}

func joined(ss []string) string { return strings.Join(ss, "\n") }
