package audit

// Baseline is the set of findings an earlier report already had, by
// fingerprint: with one, only new findings count for the gate.
type Baseline struct {
	// Source names the report it was read from.
	Source       string
	fingerprints map[string]bool
}

// NewBaseline holds the fingerprints of an earlier report's findings.
func NewBaseline(source string, fingerprints []string) *Baseline {
	b := &Baseline{Source: source, fingerprints: make(map[string]bool, len(fingerprints))}
	for _, fp := range fingerprints {
		b.fingerprints[fp] = true
	}
	return b
}

// Has reports whether the baseline holds fp; a nil baseline holds nothing.
func (b *Baseline) Has(fp string) bool {
	return b != nil && b.fingerprints[fp]
}

// Len is how many distinct findings the baseline holds.
func (b *Baseline) Len() int {
	if b == nil {
		return 0
	}
	return len(b.fingerprints)
}
