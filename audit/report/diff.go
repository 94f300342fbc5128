package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// DiffWriter renders the comparison of two builds.
type DiffWriter interface {
	WriteDiff(w io.Writer, r *audit.DiffReport) error
}

// DiffFormat is one registered output format of `permaudit diff`.
type DiffFormat struct {
	Name        string
	Description string
	Writer      DiffWriter
}

// DiffFormats is the registry of diff formats, in help order.
var DiffFormats = []DiffFormat{
	{Name: "table", Description: "changes per platform, for terminals", Writer: diffTableWriter{}},
	{Name: "json", Description: "machine-readable diff (schemaVersion 1, JSON Schema in the repo)", Writer: diffJSONWriter{}},
	{Name: "markdown", Description: "pull-request comment: sensitive additions first", Writer: diffMarkdownWriter{}},
}

// DiffFormatNames lists the diff format names.
func DiffFormatNames() []string {
	out := make([]string, len(DiffFormats))
	for i, f := range DiffFormats {
		out[i] = f.Name
	}
	return out
}

// LookupDiff finds a diff format by name.
func LookupDiff(name string) (*DiffFormat, error) {
	for i := range DiffFormats {
		if DiffFormats[i].Name == name {
			return &DiffFormats[i], nil
		}
	}
	return nil, fmt.Errorf("unsupported diff format %q (supported: %s)", name, strings.Join(DiffFormatNames(), ", "))
}

// DiffSchemaVersion is bumped on any incompatible change to DiffDocument.
const DiffSchemaVersion = 1

// DiffDocument is the JSON diff, described by schema/diff.schema.json.
// Fields are only ever added within a schema version.
type DiffDocument struct {
	SchemaVersion int                  `json:"schemaVersion"`
	Kind          string               `json:"kind"`
	Tool          audit.Tool           `json:"tool"`
	Policies      []PolicyRef          `json:"policies"`
	Comparisons   []audit.PlatformDiff `json:"comparisons"`
	Unpaired      []audit.Unpaired     `json:"unpaired"`
	Summary       audit.DiffSummary    `json:"summary"`
	Gate          DiffGateDoc          `json:"gate"`
}

// DiffGateDoc records the gate and the additions that failed it.
type DiffGateDoc struct {
	FailOnAdded string   `json:"failOnAdded"`
	Passed      bool     `json:"passed"`
	FailedBy    []string `json:"failedBy"`
}

// NewDiffDocument builds the JSON document for a diff.
func NewDiffDocument(r *audit.DiffReport) DiffDocument {
	tripped := r.Tripped()
	doc := DiffDocument{SchemaVersion: DiffSchemaVersion, Kind: "permaudit-diff", Tool: r.Tool,
		Policies: policyRefs(r.Policies), Comparisons: r.Comparisons, Unpaired: r.Unpaired,
		Summary: r.Summarize(),
		Gate:    DiffGateDoc{FailOnAdded: string(r.FailOnAdded), Passed: len(tripped) == 0, FailedBy: tripped}}
	if doc.Comparisons == nil {
		doc.Comparisons = []audit.PlatformDiff{}
	}
	if doc.Unpaired == nil {
		doc.Unpaired = []audit.Unpaired{}
	}
	if doc.Gate.FailedBy == nil {
		doc.Gate.FailedBy = []string{}
	}
	return doc
}

type diffJSONWriter struct{}

var _ DiffWriter = diffJSONWriter{}

func (diffJSONWriter) WriteDiff(w io.Writer, r *audit.DiffReport) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(NewDiffDocument(r))
}

// diffGateLine is the last line of the table and of the PR comment.
func diffGateLine(r *audit.DiffReport) string {
	if r.FailOnAdded == audit.GateNever || r.FailOnAdded == "" {
		return "Gate: never fails (--fail-on-added never)."
	}
	if t := r.Tripped(); len(t) > 0 {
		return fmt.Sprintf("Gate (fail on added %s): FAILED by %s.", r.FailOnAdded, strings.Join(t, ", "))
	}
	return fmt.Sprintf("Gate (fail on added %s): passed.", r.FailOnAdded)
}

func diffSummaryLine(r *audit.DiffReport) string {
	s := r.Summarize()
	return fmt.Sprintf("%d added (%d sensitive), %d removed, %d changed (%d widened); categories %d gained, %d lost.",
		s.Added, s.SensitiveAdded, s.Removed, s.Changed, s.Widened, s.CategoriesGained, s.CategoriesLost)
}

// sideText names one build: its files and kinds.
func sideText(s audit.DiffSide) string {
	parts := make([]string, len(s.Artifacts))
	for i, a := range s.Artifacts {
		parts[i] = a.Path + " (" + a.Kind + ")"
	}
	out := strings.Join(parts, " + ")
	if s.App.Version != "" {
		out += " version " + s.App.Version
	}
	return out
}

// changeDetail says what is notable about one change besides its name.
func changeDetail(p audit.PermissionDiff) string {
	var parts []string
	for _, f := range p.Fields {
		parts = append(parts, fmt.Sprintf("%s: %s → %s", f.Field, f.Old, f.New))
	}
	if p.Widened != "" {
		parts = append(parts, p.Widened)
	}
	if p.PolicyRule != "" {
		parts = append(parts, p.PolicyRule)
	}
	state := p.New
	if state == nil {
		state = p.Old
	}
	if len(state.Modules) > 0 {
		parts = append(parts, "in "+strings.Join(state.Modules, ", "))
	}
	if p.Change != audit.ChangeChanged && state.MaxSdkVersion > 0 {
		parts = append(parts, fmt.Sprintf("maxSdkVersion %d", state.MaxSdkVersion))
	}
	return strings.Join(parts, "; ")
}
