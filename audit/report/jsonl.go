package report

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"sync"
	"time"

	"github.com/permaudit/permaudit/audit"
)

// LineSchemaVersion is bumped on any incompatible change to Line.
const LineSchemaVersion = 1

// Line is one line of a jsonl stream: one artifact, or one input that
// could not be read, with the tool and the policies it was audited with.
// Each line stands alone, so lines from many processes concatenate into
// one stream that 'permaudit merge' turns back into any report.
type Line struct {
	Type          string       `json:"type"` // LineArtifact or LineError
	SchemaVersion int          `json:"schemaVersion"`
	Tool          audit.Tool   `json:"tool"`
	Policies      []LinePolicy `json:"policies"`
	// AuditedAt is when the audit that wrote the line ran; absent when
	// timestamps are off. A merge records its own time instead.
	AuditedAt string                `json:"auditedAt,omitempty"`
	Artifact  *audit.ArtifactResult `json:"artifact,omitempty"`
	Error     *audit.InputError     `json:"error,omitempty"`
}

// Line types.
const (
	LineArtifact = "artifact"
	LineError    = "error"
)

// LinePolicy identifies a policy exactly: its digest is the SHA-256 of
// its rows and settings, so a merge can tell a renamed copy or an edited
// file from the policy the lines were audited against.
type LinePolicy struct {
	PolicyRef
	Digest string `json:"digest"`
}

// LinePolicies identifies each policy for a stream's lines.
func LinePolicies(pols []*audit.Policy) []LinePolicy {
	out := make([]LinePolicy, 0, len(pols))
	for i, ref := range policyRefs(pols) {
		data, _ := json.Marshal(pols[i]) // maps marshal in key order: a stable digest
		sum := sha256.Sum256(data)
		out = append(out, LinePolicy{PolicyRef: ref, Digest: "sha256:" + hex.EncodeToString(sum[:])})
	}
	return out
}

// Lines writes a jsonl stream one line at a time, flushing each, so a
// reader downstream sees every artifact as soon as it is audited. It is
// safe to use from several goroutines; the first write error sticks.
type Lines struct {
	mu   sync.Mutex
	w    *bufio.Writer
	enc  *json.Encoder
	head Line
	err  error
}

// NewLines starts a stream of lines made by tool against pols at time at
// (zero leaves the time out).
func NewLines(w io.Writer, tool audit.Tool, pols []*audit.Policy, at time.Time) *Lines {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	head := Line{SchemaVersion: LineSchemaVersion, Tool: tool, Policies: LinePolicies(pols)}
	if !at.IsZero() {
		head.AuditedAt = at.UTC().Format(time.RFC3339)
	}
	return &Lines{w: bw, enc: enc, head: head}
}

// Write writes one finished input's line.
func (l *Lines) Write(d audit.Done) error {
	line := l.head
	if d.Err != nil {
		line.Type, line.Error = LineError, d.Err
	} else {
		line.Type, line.Artifact = LineArtifact, d.Artifact
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err == nil {
		if l.err = l.enc.Encode(line); l.err == nil {
			l.err = l.w.Flush()
		}
	}
	return l.err
}

// Err is the first error a write met; nil for a nil *Lines.
func (l *Lines) Err() error {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

type jsonlWriter struct{}

var _ Writer = jsonlWriter{}

// Write writes a whole result as lines: artifacts in path order, then
// errors; no line at all when there was no input. The CLI streams
// instead, when the lines go to stdout.
func (jsonlWriter) Write(w io.Writer, r *audit.Result) error {
	l := NewLines(w, r.Tool, r.Policies, r.Time)
	for _, a := range sortedArtifacts(r) {
		l.Write(audit.Done{Artifact: &a})
	}
	for _, e := range r.Errors {
		l.Write(audit.Done{Err: &e})
	}
	return l.Err()
}
