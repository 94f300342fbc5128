package report

import (
	"io"
	"time"

	"github.com/permaudit/permaudit/audit"
)

// SchemaVersion is bumped on any incompatible change to Document.
const SchemaVersion = 1

// Document is the JSON report. Its shape is a contract: fields are only
// ever added within a schema version.
type Document struct {
	SchemaVersion int           `json:"schemaVersion"`
	Tool          audit.Tool    `json:"tool"`
	GeneratedAt   string        `json:"generatedAt,omitempty"`
	Policies      []PolicyRef   `json:"policies"`
	Artifacts     []ArtifactDoc `json:"artifacts"`
	Errors        []ErrorDoc    `json:"errors"`
	Summary       audit.Summary `json:"summary"`
	Gate          GateDoc       `json:"gate"`
	// Waivers is every configured waiver and what became of it.
	Waivers []WaiverDoc `json:"waivers,omitempty"`
}

// WaiverDoc is one waiver from the config with its fate in this run.
type WaiverDoc struct {
	Rule       string             `json:"rule,omitempty"`
	Permission string             `json:"permission,omitempty"`
	App        string             `json:"app,omitempty"`
	Path       string             `json:"path,omitempty"`
	Reason     string             `json:"reason"`
	Expires    string             `json:"expires,omitempty"`
	Source     string             `json:"source,omitempty"`
	Status     audit.WaiverStatus `json:"status"`
	Matched    int                `json:"matched"`
	Notice     string             `json:"notice,omitempty"`
}

// PolicyRef identifies a policy a report was made against.
type PolicyRef struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Version       string `json:"version"`
	EffectiveDate string `json:"effectiveDate"`
	Source        string `json:"source,omitempty"`
}

// ArtifactDoc is one audited artifact.
type ArtifactDoc struct {
	Path        string             `json:"path"`
	Kind        string             `json:"kind"`
	Platform    audit.Platform     `json:"platform"`
	SHA256      string             `json:"sha256,omitempty"`
	Size        int64              `json:"size,omitempty"`
	App         audit.App          `json:"app"`
	Group       *audit.AppGroup    `json:"group,omitempty"`
	Modules     []audit.Module     `json:"modules,omitempty"`
	Permissions []audit.Permission `json:"permissions"`
	// Effective is what the platform grants at the app's target level.
	Effective []audit.EffectivePermission `json:"effective,omitempty"`
	Facts     []audit.Fact                `json:"facts,omitempty"`
	SDKs      []audit.DetectedSDK         `json:"sdks,omitempty"`
	// Libraries are the third-party libraries the artifact records
	// (an AAB's dependencies.pb, a project's dependency files).
	Libraries []audit.Library   `json:"libraries,omitempty"`
	Matrix    []audit.MatrixRow `json:"matrix"`
	Findings  []FindingDoc      `json:"findings"`
}

// FindingDoc is a finding with its location flattened for readers.
type FindingDoc struct {
	RuleID      string         `json:"ruleId"`
	Severity    audit.Severity `json:"severity"`
	Category    string         `json:"category,omitempty"`
	Permission  string         `json:"permission,omitempty"`
	Message     string         `json:"message"`
	Remediation string         `json:"remediation,omitempty"`
	Module      string         `json:"module,omitempty"`
	Entry       string         `json:"entry,omitempty"`
	Line        int            `json:"line,omitempty"`
	Fingerprint string         `json:"fingerprint"`
	// Suppression is why the finding does not count for the gate; absent
	// when it does.
	Suppression *audit.Suppression `json:"suppression,omitempty"`
}

// ErrorDoc is an input that could not be read.
type ErrorDoc struct {
	Path    string `json:"path"`
	Entry   string `json:"entry,omitempty"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// GateDoc records the threshold and its outcome.
type GateDoc struct {
	FailOn string `json:"failOn"`
	Passed bool   `json:"passed"`
}

// NewDocument builds the JSON document for a result.
func NewDocument(r *audit.Result) Document {
	doc := Document{SchemaVersion: SchemaVersion, Tool: r.Tool, Summary: r.Summarize(),
		Artifacts: []ArtifactDoc{}, Errors: []ErrorDoc{},
		Gate: GateDoc{FailOn: string(r.FailOn), Passed: !r.Failed()}}
	if doc.Gate.FailOn == "" {
		doc.Gate.FailOn = "never"
	}
	if !r.Time.IsZero() {
		doc.GeneratedAt = r.Time.UTC().Format(time.RFC3339)
	}
	doc.Policies = policyRefs(r.Policies)
	for _, a := range sortedArtifacts(r) {
		ad := ArtifactDoc{Path: a.Artifact.Path, Kind: a.Artifact.Kind, Platform: a.Platform,
			SHA256: a.Artifact.SHA256, Size: a.Artifact.Size, App: a.App, Group: a.Group, Modules: a.Modules,
			Permissions: a.Permissions, Effective: a.Effective, Facts: a.Facts, SDKs: a.SDKs, Libraries: a.Libraries, Matrix: a.Matrix, Findings: []FindingDoc{}}
		if ad.Permissions == nil {
			ad.Permissions = []audit.Permission{}
		}
		if ad.Matrix == nil {
			ad.Matrix = []audit.MatrixRow{}
		}
		for _, f := range a.Findings {
			ad.Findings = append(ad.Findings, FindingDoc{RuleID: f.RuleID, Severity: f.Severity,
				Category: f.Category, Permission: f.Permission, Message: f.Message, Remediation: f.Remediation,
				Module: f.Module, Entry: f.Location.Entry, Line: f.Location.Line, Fingerprint: f.Fingerprint,
				Suppression: f.Suppression})
		}
		doc.Artifacts = append(doc.Artifacts, ad)
	}
	for _, e := range r.Errors {
		doc.Errors = append(doc.Errors, ErrorDoc(e))
	}
	for _, u := range r.Waivers {
		doc.Waivers = append(doc.Waivers, WaiverDoc{Rule: u.Rule, Permission: u.Permission, App: u.App, Path: u.Path,
			Reason: u.Reason, Expires: u.ExpiresText(), Source: u.Where(), Status: u.Status, Matched: u.Matched, Notice: u.Notice()})
	}
	return doc
}

func policyRefs(pols []*audit.Policy) []PolicyRef {
	out := []PolicyRef{}
	for _, p := range pols {
		out = append(out, PolicyRef{ID: p.ID, Name: p.Name, Version: p.Version,
			EffectiveDate: p.EffectiveDate, Source: p.Source.Title})
	}
	return out
}

type jsonWriter struct{}

func (jsonWriter) Write(w io.Writer, r *audit.Result) error {
	return encodeIndented(w, NewDocument(r))
}
