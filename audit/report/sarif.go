package report

import (
	"encoding/json"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/permaudit/permaudit/audit"
)

// SARIF 2.1.0 as GitHub code scanning reads it. Only the properties we
// fill are modelled; field order follows the specification so the files
// read naturally.

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// srcRoot is the base every artifact URI is relative to: --source-root,
	// else the directory permaudit ran in (in CI, the checkout). The run's
	// originalUriBaseIds gives its absolute URI; GitHub resolves it to the
	// checkout whatever it says.
	srcRoot = "%SRCROOT%"
	// fingerprintKey versions our partialFingerprints entry with the recipe
	// behind audit.Finding.Fingerprint.
	fingerprintKey = "permaudit/" + audit.FingerprintVersion
	// InformationURI is where users learn about permaudit.
	InformationURI = "https://github.com/permaudit/permaudit"
	// RulesURI is the README's table of rules.
	RulesURI = InformationURI + "#rules"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	Invocations        []sarifInvocation                `json:"invocations"`
	Artifacts          []sarifArtifact                  `json:"artifacts"`
	Results            []sarifResult                    `json:"results"`
	ColumnKind         string                           `json:"columnKind"`
	Properties         sarifRunProperties               `json:"properties"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	HelpURI              string             `json:"helpUri"`
	Help                 sarifText          `json:"help"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags             []string `json:"tags"`
	Precision        string   `json:"precision"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful            bool                   `json:"executionSuccessful"`
	WorkingDirectory               *sarifArtifactLocation `json:"workingDirectory,omitempty"`
	StartTimeUTC                   string                 `json:"startTimeUtc,omitempty"`
	ToolExecutionNotifications     []sarifNotification    `json:"toolExecutionNotifications,omitempty"`
	ToolConfigurationNotifications []sarifNotification    `json:"toolConfigurationNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifArtifactLocation struct {
	// URI is empty for standard input, which has none: GitHub refuses a
	// result without one (the validator's GH1001), so it stays, resolving
	// to %SRCROOT% itself, and Description says what it stands for.
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
	Index     *int   `json:"index,omitempty"`
	// Description names an artifact without a URI (SARIF 2.1.0 §3.4.5).
	Description *sarifText `json:"description,omitempty"`
}

type sarifArtifact struct {
	Location    sarifArtifactLocation `json:"location"`
	ParentIndex *int                  `json:"parentIndex,omitempty"`
	Length      int64                 `json:"length,omitempty"`
	Roles       []string              `json:"roles"`
	Hashes      map[string]string     `json:"hashes,omitempty"`
	// Description says which app the artifact is one platform of and how
	// its project was built.
	Description *sarifText         `json:"description,omitempty"`
	Properties  sarifArtifactProps `json:"properties"`
}

type sarifArtifactProps struct {
	Kind       string         `json:"kind"`
	Platform   audit.Platform `json:"platform"`
	AppID      string         `json:"appId,omitempty"`
	AppVersion string         `json:"appVersion,omitempty"`
	AppGroup   *sarifAppGroup `json:"appGroup,omitempty"`
	// The variant or configuration and the build files a source project
	// was read with.
	BuildVariant []string `json:"buildVariant,omitempty"`
	FilesRead    []string `json:"filesRead,omitempty"`
}

// sarifAppGroup is the cross-platform app an artifact belongs to; root is
// the URI of the directory that holds its platforms (none for packages
// grouped by app id).
type sarifAppGroup struct {
	Name      string                 `json:"name"`
	Framework string                 `json:"framework"`
	Root      *sarifArtifactLocation `json:"root,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          sarifResultProps   `json:"properties"`
}

type sarifResultProps struct {
	Platform    audit.Platform `json:"platform"`
	AppID       string         `json:"appId,omitempty"`
	Category    string         `json:"category,omitempty"`
	Permission  string         `json:"permission,omitempty"`
	Module      string         `json:"module,omitempty"`
	Entry       string         `json:"entry,omitempty"`
	Remediation string         `json:"remediation,omitempty"`
	AppGroup    *sarifAppGroup `json:"appGroup,omitempty"`
	// DeclaredBy names the detected SDKs that brought the permission.
	DeclaredBy []string `json:"declaredBy,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

type sarifRunProperties struct {
	Policies []PolicyRef `json:"policies"`
	Gate     GateDoc     `json:"gate"`
}

type sarifWriter struct{ opts Options }

var _ Writer = sarifWriter{}

func (sarifWriter) with(o Options) Writer { return sarifWriter{opts: o} }

func (s sarifWriter) Write(w io.Writer, r *audit.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(newSarifLog(r, newSarifRoots(s.opts)))
}

func newSarifLog(r *audit.Result, roots sarifRoots) sarifLog {
	doc := NewDocument(r) // shares the policy and gate records with the JSON report
	rules := rulesInUse(r)
	index := map[string]int{}
	for i, ri := range rules {
		index[ri.ID] = i
	}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{Name: toolName(r.Tool), Version: numericVersion(r.Tool.Version),
			SemanticVersion: semanticVersion(r.Tool.Version), InformationURI: InformationURI}},
		Artifacts:  []sarifArtifact{},
		Results:    []sarifResult{},
		ColumnKind: "unicodeCodePoints",
		Properties: sarifRunProperties{Policies: doc.Policies, Gate: doc.Gate},
	}
	for _, ri := range rules {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(ri))
	}
	if base := dirURI(roots.root); base != nil {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{srcRoot: *base}
	}
	for _, a := range sortedArtifacts(r) {
		pkg := len(run.Artifacts)
		run.Artifacts = append(run.Artifacts, sarifArtifactOf(a, roots))
		entries := map[string]int{} // entry → index of its nested artifact
		group := sarifAppGroupOf(a.Group, roots)
		for _, f := range a.Findings {
			at := pkg
			if e := f.Location.Entry; e != "" {
				if _, ok := entries[e]; !ok {
					entries[e] = len(run.Artifacts)
					run.Artifacts = append(run.Artifacts, sarifEntryOf(a, e, pkg))
				}
				at = entries[e]
			}
			// GitHub places an alert by URI alone: the package's, so the
			// alert sits on a file in the repository; the index names the
			// entry inside it.
			loc := run.Artifacts[pkg].Location
			loc.Index, loc.Description = &at, nil
			res := sarifResultOf(a, f, loc, index[f.RuleID])
			res.Properties.AppGroup = group
			run.Results = append(run.Results, res)
		}
	}
	// GitHub shows the first 1,000 results of a run: put errors first.
	sort.SliceStable(run.Results, func(i, j int) bool {
		return levelRank(run.Results[i].Level) > levelRank(run.Results[j].Level)
	})
	inv := sarifInvocation{ExecutionSuccessful: len(r.Errors) == 0, WorkingDirectory: dirURI(roots.wd),
		StartTimeUTC: auditTime(r)}
	for _, e := range r.Errors {
		n := sarifNotification{Level: "error", Message: sarifText{Text: e.String()}}
		if loc, ok := roots.artifactURI(e.Path); ok {
			n.Locations = []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: loc}}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	inv.ToolConfigurationNotifications = waiverNotifications(r, roots)
	run.Invocations = []sarifInvocation{inv}
	return sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}
}

func toolName(t audit.Tool) string {
	if t.Name == "" {
		return "permaudit"
	}
	return t.Name
}

func sarifRuleOf(ri audit.RuleInfo) sarifRule {
	props := sarifRuleProps{Tags: append([]string(nil), ri.Tags...), Precision: "very-high"}
	// GitHub ranks an alert by security-severity only for rules tagged
	// "security"; a 0.0 score would rank a note as a security alert.
	if score, err := strconv.ParseFloat(ri.SecuritySeverity, 64); err == nil && score > 0 {
		props.SecuritySeverity = ri.SecuritySeverity
		if !contains(props.Tags, "security") {
			props.Tags = append(props.Tags, "security")
		}
	}
	if props.Tags == nil {
		props.Tags = []string{}
	}
	return sarifRule{ID: ri.ID, Name: strictPascal(ri.Name),
		ShortDescription:     sarifText{Text: ri.Short},
		FullDescription:      sarifText{Text: ri.Full},
		HelpURI:              RulesURI,
		Help:                 sarifText{Text: markdownToText(ri.Help), Markdown: ri.Help},
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(ri.Severity)},
		Properties:           props}
}

// strictPascal lowers the inner capitals of an acronym ("IOSBundleUnread"
// becomes "IosBundleUnread"): SARIF wants a rule name to be one Pascal-case
// identifier, and validators read a run of capitals as a break in it.
func strictPascal(name string) string {
	rs := []rune(name)
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = r
		if i == 0 || !unicode.IsUpper(r) || !unicode.IsUpper(rs[i-1]) {
			continue
		}
		if i == len(rs)-1 || unicode.IsUpper(rs[i+1]) || unicode.IsDigit(rs[i+1]) {
			out[i] = unicode.ToLower(r)
		}
	}
	return string(out)
}

func sarifArtifactOf(a audit.ArtifactResult, roots sarifRoots) sarifArtifact {
	loc, ok := roots.artifactURI(a.Artifact.Path)
	if !ok {
		loc.Description = &sarifText{Text: "standard input"}
	}
	sa := sarifArtifact{Location: loc, Length: a.Artifact.Size, Roles: []string{"analysisTarget"},
		Properties: sarifArtifactProps{Kind: a.Artifact.Kind, Platform: a.Platform, AppID: a.App.ID, AppVersion: a.App.Version}}
	if a.Artifact.SHA256 != "" {
		sa.Hashes = map[string]string{"sha-256": a.Artifact.SHA256}
	}
	if lines := projectLines(a); len(lines) > 0 {
		sa.Description = &sarifText{Text: strings.Join(lines, "\n")}
	}
	p := projectFactsOf(a)
	sa.Properties.AppGroup = sarifAppGroupOf(a.Group, roots)
	sa.Properties.BuildVariant, sa.Properties.FilesRead = p.Variant, p.Files
	return sa
}

func sarifAppGroupOf(g *audit.AppGroup, roots sarifRoots) *sarifAppGroup {
	if g == nil {
		return nil
	}
	out := &sarifAppGroup{Name: g.Name, Framework: g.Framework}
	if g.Framework != audit.FrameworkByAppID {
		if loc, ok := roots.artifactURI(g.Root); ok {
			out.Root = &loc
		}
	}
	return out
}

// sarifEntryOf is an entry inside a package as a nested artifact (SARIF
// 2.1.0 §3.24.3, parentIndex), its URI relative to the package.
func sarifEntryOf(a audit.ArtifactResult, entry string, parent int) sarifArtifact {
	return sarifArtifact{Location: entryURI(entry), ParentIndex: &parent,
		Roles:      []string{"analysisTarget"},
		Properties: sarifArtifactProps{Kind: "entry", Platform: a.Platform, AppID: a.App.ID, AppVersion: a.App.Version}}
}

// sarifResultOf places a finding at loc: its file, or the entry inside a
// package, on its line. A finding about an absence has no line, so it
// sits on line 1, where GitHub can still show it.
func sarifResultOf(a audit.ArtifactResult, f audit.Finding, loc sarifArtifactLocation, rule int) sarifResult {
	line := max(f.Location.Line, 1)
	msg := f.Message
	if f.Location.Entry != "" {
		msg += " (in " + f.Location.Entry
		if f.Location.Line > 0 {
			msg += " line " + strconv.Itoa(f.Location.Line)
		}
		msg += ")"
	}
	if f.Module != "" && !strings.Contains(msg, f.Module) {
		msg += " [module " + f.Module + "]"
	}
	return sarifResult{RuleID: f.RuleID, RuleIndex: rule, Level: sarifLevel(f.Severity),
		Message: sarifText{Text: msg},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
			ArtifactLocation: loc, Region: &sarifRegion{StartLine: line}}}},
		PartialFingerprints: map[string]string{fingerprintKey: f.Fingerprint},
		Suppressions:        sarifSuppressionsOf(f.Suppression),
		Properties: sarifResultProps{Platform: f.Platform, AppID: a.App.ID, Category: f.Category,
			Permission: f.Permission, Module: f.Module, Entry: f.Location.Entry, Remediation: f.Remediation,
			DeclaredBy: declaredByOf(a, f.Permission)}}
}

// declaredByOf names the SDKs that brought a finding's permission.
func declaredByOf(a audit.ArtifactResult, name string) []string {
	for _, p := range a.Permissions {
		if p.Name == name && len(p.DeclaredBy) > 0 {
			return p.DeclaredBy
		}
	}
	return nil
}

func sarifLevel(s audit.Severity) string {
	switch s {
	case audit.SeverityError, audit.SeverityWarning, audit.SeverityNote:
		return string(s)
	}
	return "none"
}

func levelRank(level string) int {
	switch level {
	case "error":
		return 3
	case "warning":
		return 2
	case "note":
		return 1
	}
	return 0
}

// numericVersion drops the "v" of a tag such as v1.2.3, since SARIF
// consumers compare versions that start with a number.
func numericVersion(v string) string {
	if len(v) > 1 && v[0] == 'v' && v[1] >= '0' && v[1] <= '9' {
		return v[1:]
	}
	return v
}

// semanticVersion returns v without a leading "v" when it is a semantic
// version, "" otherwise (a "dev" build has none).
func semanticVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	if semver().MatchString(v) {
		return v
	}
	return ""
}

var semver = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
		`(-(0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*)?` +
		`(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)
})

// markdownToText is the plain-text twin of a rule's Markdown help: code
// fences dropped, their content kept and indented.
func markdownToText(md string) string {
	var out []string
	inFence := false
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
			continue
		}
		if inFence {
			out = append(out, "    "+line)
			continue
		}
		out = append(out, strings.ReplaceAll(line, "`", ""))
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
