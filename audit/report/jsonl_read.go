package report

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"

	"github.com/permaudit/permaudit/audit"
)

// maxLineSize bounds one line of a stream: far above any real artifact,
// low enough that a wrong file cannot exhaust memory.
const maxLineSize = 64 << 20

// Stream is what a jsonl stream holds once read: the one tool and policy
// set every line names, and the artifacts and errors in path order.
type Stream struct {
	Tool      audit.Tool
	Policies  []LinePolicy
	Artifacts []audit.ArtifactResult
	Errors    []audit.InputError
	// Lines counts the lines read, blank ones aside.
	Lines int

	byPath map[string]*seenLine // to spot a path audited twice
}

// seenLine is a path's line by its digest, and whether another, different
// line named the same path.
type seenLine struct {
	sum      [sha256.Size]byte
	conflict bool
}

// NewStream is an empty stream to Read into.
func NewStream() *Stream { return &Stream{byPath: map[string]*seenLine{}} }

// Read adds the lines of r, named name in errors. Every line must be a
// Line of this schema version, made by the same tool against the same
// policies as the lines before it. A path that comes twice with the same
// line (a shard run twice) counts once; with different lines it is an
// input error, as neither can be trusted over the other.
func (s *Stream) Read(name string, r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLineSize)
	for n := 1; sc.Scan(); n++ {
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		if err := s.add(text); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		return fmt.Errorf("%s: a line is longer than %d MiB: not a permaudit jsonl stream", name, maxLineSize>>20)
	}
	if sc.Err() != nil {
		return fmt.Errorf("%s: %w", name, sc.Err())
	}
	return nil
}

func (s *Stream) add(text []byte) error {
	var l Line
	if err := json.Unmarshal(text, &l); err != nil {
		return fmt.Errorf("not a permaudit jsonl line: %w", err)
	}
	if l.SchemaVersion != LineSchemaVersion {
		return fmt.Errorf("line has schemaVersion %d; this permaudit reads schemaVersion %d", l.SchemaVersion, LineSchemaVersion)
	}
	var path string
	switch {
	case l.Type == LineArtifact && l.Artifact != nil && l.Error == nil:
		path = l.Artifact.Artifact.Path
	case l.Type == LineError && l.Error != nil && l.Artifact == nil:
		path = l.Error.Path
	default:
		return fmt.Errorf("not a permaudit jsonl line: type %q with artifact %t and error %t", l.Type, l.Artifact != nil, l.Error != nil)
	}
	if s.Lines == 0 {
		s.Tool, s.Policies = l.Tool, l.Policies
	} else if err := s.sameAudit(l); err != nil {
		return err
	}
	s.Lines++
	// What was audited decides whether two lines agree; not when.
	what, _ := json.Marshal(struct {
		A *audit.ArtifactResult
		E *audit.InputError
	}{l.Artifact, l.Error})
	sum := sha256.Sum256(what)
	if prev, ok := s.byPath[path]; ok {
		prev.conflict = prev.conflict || prev.sum != sum
		return nil
	}
	s.byPath[path] = &seenLine{sum: sum}
	if l.Artifact != nil {
		s.Artifacts = append(s.Artifacts, *l.Artifact)
	} else {
		s.Errors = append(s.Errors, *l.Error)
	}
	return nil
}

// sameAudit refuses to mix lines from different tools or policies: one
// report must mean one set of rules.
func (s *Stream) sameAudit(l Line) error {
	if l.Tool != s.Tool {
		return fmt.Errorf("made by %s %s, the lines before by %s %s: merge streams from one version", l.Tool.Name, l.Tool.Version, s.Tool.Name, s.Tool.Version)
	}
	if !reflect.DeepEqual(l.Policies, s.Policies) {
		return fmt.Errorf("audited against %s, the lines before against %s: merge streams from one policy set", PolicyNames(l.Policies), PolicyNames(s.Policies))
	}
	return nil
}

// Finish sorts what was read into path order and turns each path that
// came twice with different lines into an input error.
func (s *Stream) Finish() {
	var conflicts []string
	for path, line := range s.byPath {
		if line.conflict {
			conflicts = append(conflicts, path)
		}
	}
	drop := map[string]bool{}
	for _, p := range conflicts {
		drop[p] = true
	}
	arts := s.Artifacts[:0]
	for _, a := range s.Artifacts {
		if !drop[a.Artifact.Path] {
			arts = append(arts, a)
		}
	}
	errs := s.Errors[:0]
	for _, e := range s.Errors {
		if !drop[e.Path] {
			errs = append(errs, e)
		}
	}
	for _, p := range conflicts {
		errs = append(errs, audit.InputError{Path: p, Message: "audited more than once with different results (did it change between runs?); neither is reported: audit it again"})
	}
	sort.SliceStable(arts, func(i, j int) bool { return arts[i].Artifact.Path < arts[j].Artifact.Path })
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Path < errs[j].Path })
	s.Artifacts, s.Errors = arts, errs
}

// PolicyNames names policies with their version and digest, for messages.
func PolicyNames(ps []LinePolicy) string {
	var b bytes.Buffer
	for i, p := range ps {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %s (%s)", p.ID, p.Version, p.Digest[:min(len(p.Digest), 19)])
	}
	if len(ps) == 0 {
		return "no policy"
	}
	return b.String()
}
