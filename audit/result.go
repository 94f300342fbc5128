package audit

import "time"

// Verdicts of a policy matrix row.
const (
	VerdictSatisfied = "satisfied"
	VerdictMissing   = "missing"
	VerdictLimited   = "limited"
	VerdictDeclared  = "declared"
	VerdictAbsent    = "not declared"
	VerdictViolation = "violation"
	// VerdictNotApplicable: the row is limited to target levels the app
	// does not have (or does not state).
	VerdictNotApplicable = "not applicable"
)

// Verdicts lists every verdict a matrix row can carry; the JSON schema's
// enum is checked against it.
var Verdicts = []string{VerdictSatisfied, VerdictMissing, VerdictLimited, VerdictDeclared,
	VerdictAbsent, VerdictViolation, VerdictNotApplicable, VerdictSDKAbsent}

// MatrixRow is one policy row as evaluated for one artifact.
type MatrixRow struct {
	Policy   string   `json:"policy"`
	Row      int      `json:"row"`
	Label    string   `json:"label"`
	Category string   `json:"category"`
	Level    Level    `json:"level"`
	Purpose  string   `json:"purpose"`
	Expected []string `json:"expected,omitempty"`
	Declared []string `json:"declared"`
	Verdict  string   `json:"verdict"`
	Note     string   `json:"note,omitempty"`
}

// ArtifactResult is one artifact's declaration with its evaluation.
type ArtifactResult struct {
	Declaration
	// Effective lists the permissions as the platform treats them at the
	// app's target level: declared, implied, split from a declared one, or
	// declared without effect.
	Effective []EffectivePermission `json:"effective,omitempty"`
	// SDKs lists the third-party SDKs detected in the artifact.
	SDKs     []DetectedSDK `json:"sdks,omitempty"`
	Matrix   []MatrixRow   `json:"matrix"`
	Findings []Finding     `json:"findings"`
}

// InputError is an input that could not be read or parsed.
type InputError struct {
	Path    string `json:"path"`
	Entry   string `json:"entry,omitempty"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// Tool identifies the program that wrote a report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Summary counts what a run found. Errors, Warnings and Notes count the
// findings that count for the gate; Waived and Baselined the others.
type Summary struct {
	Artifacts int `json:"artifacts"`
	Errors    int `json:"errors"`
	Warnings  int `json:"warnings"`
	Notes     int `json:"notes"`
	Unread    int `json:"unreadInputs"`
	Waived    int `json:"waived,omitempty"`
	Baselined int `json:"baselined,omitempty"`
}

// Result is everything one run produced; writers and the gate read it.
type Result struct {
	Tool      Tool             `json:"tool"`
	Policies  []*Policy        `json:"policies"`
	Artifacts []ArtifactResult `json:"artifacts"`
	Errors    []InputError     `json:"errors"`
	FailOn    Severity         `json:"failOn,omitempty"`
	// Waivers is what became of each configured waiver, in config order.
	Waivers []WaiverUse `json:"waivers,omitempty"`
	// Time is when the audit ran; zero when timestamps are off.
	Time time.Time `json:"-"`
}

// Summarize counts findings by severity or suppression, and unread inputs.
func (r *Result) Summarize() Summary {
	s := Summary{Artifacts: len(r.Artifacts), Unread: len(r.Errors)}
	for _, a := range r.Artifacts {
		for _, f := range a.Findings {
			if f.Suppression != nil {
				switch f.Suppression.Kind {
				case SuppressedByWaiver:
					s.Waived++
				case SuppressedByBaseline:
					s.Baselined++
				}
				continue
			}
			switch f.Severity {
			case SeverityError:
				s.Errors++
			case SeverityWarning:
				s.Warnings++
			case SeverityNote:
				s.Notes++
			}
		}
	}
	return s
}

// Failed reports whether any finding that counts (neither waived nor in
// the baseline) reaches the threshold. An empty threshold means the gate
// never fails.
func (r *Result) Failed() bool {
	for _, a := range r.Artifacts {
		for _, f := range a.Findings {
			if r.Fails(f) {
				return true
			}
		}
	}
	return false
}

// Fails reports whether f alone fails the gate: it counts and reaches
// the threshold. Every report that marks findings as failing asks this,
// so none can disagree with the exit code.
func (r *Result) Fails(f Finding) bool {
	return r.FailOn != "" && f.Counts() && f.Severity.Rank() >= r.FailOn.Rank()
}
