package archive

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/permaudit/permaudit/audit"
)

// Limits bound what auditing one input may cost, counting every archive
// nested in it: a package is attacker-controlled data, and a few hundred
// kilobytes can describe gigabytes of inflated output.
type Limits struct {
	// Inflate is the total of bytes read out of entries, inflated or stored.
	Inflate int64
	// Entries is the total of central-directory entries.
	Entries int
	// Packages is the number of archives opened inside the input.
	Packages int
	// InflateTime is the total time spent reading entries.
	InflateTime time.Duration
}

// DefaultLimits fit the largest real apps with room to spare: a 300 MB
// iOS executable streamed to its code signature, an App Bundle with tens
// of thousands of resources, a split set of a few hundred APKs.
var DefaultLimits = Limits{Inflate: 1 << 30, Entries: 500_000, Packages: 1000, InflateTime: 30 * time.Second}

// LimitError is a budget running out; Flag names the option that raises it.
type LimitError struct {
	What  string // "inflated bytes", "zip entries", ...
	Limit string // the limit, as a person reads it
	Flag  string
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("over the limit of %s %s for one input (a zip bomb, or a trusted input that needs --%s)", e.Limit, e.What, e.Flag)
}

// Budget is what is left of the Limits while one input is audited. The
// top archive and every archive nested in it share one Budget, which also
// collects the structural problems found as each archive is opened.
type Budget struct {
	limits   Limits
	inflated int64
	entries  int
	packages int
	spent    time.Duration
	problems []Problem
	err      *LimitError // the first limit reached; every read after it fails too
	errEntry string      // the entry being read when it was reached
}

// NewBudget starts the budget of one input.
func NewBudget(l Limits) *Budget { return &Budget{limits: l} }

// Err is the first limit the input ran into, or nil. A parser may turn a
// failed read into a note and go on; the caller checks Err afterwards, so
// an input cut off by its budget is never reported as read.
func (b *Budget) Err() error {
	switch {
	case b.err == nil:
		return nil
	case b.errEntry != "":
		return &audit.ParseError{Entry: b.errEntry, Err: b.err}
	}
	return b.err
}

// exceed records the first limit reached, and the entry (full name,
// parents first) whose reading reached it.
func (b *Budget) exceed(e *LimitError, entry string) error {
	if b.err == nil {
		b.err, b.errEntry = e, entry
	}
	return b.err
}

// Inflated is how many bytes have been read out of entries so far.
func (b *Budget) Inflated() int64 { return b.inflated }

// Problems lists what Open found wrong in the archives read so far, in
// the order found.
func (b *Budget) Problems() []Problem { return b.problems }

func (b *Budget) addEntries(n int, archive string) error {
	b.entries += n
	if b.entries > b.limits.Entries {
		return b.exceed(&LimitError{What: "zip entries", Limit: fmt.Sprint(b.limits.Entries), Flag: "max-entries"}, archive)
	}
	return nil
}

func (b *Budget) addPackage(entry string) error {
	b.packages++
	if b.packages > b.limits.Packages {
		return b.exceed(&LimitError{What: "nested packages", Limit: fmt.Sprint(b.limits.Packages), Flag: "max-packages"}, entry)
	}
	return nil
}

func (b *Budget) charge(entry string, n int64, took time.Duration) error {
	b.inflated += n
	b.spent += took
	switch {
	case b.err != nil:
		return b.err
	case b.inflated > b.limits.Inflate:
		return b.exceed(&LimitError{What: "inflated bytes", Limit: FormatBytes(b.limits.Inflate), Flag: "max-inflate"}, entry)
	case b.spent > b.limits.InflateTime:
		return b.exceed(&LimitError{What: "of reading entries", Limit: b.limits.InflateTime.String(), Flag: "max-inflate-time"}, entry)
	}
	return nil
}

// meter charges every byte read through it to the budget, and stops the
// read the moment the budget runs out, however much the entry has left.
type meter struct {
	r     io.Reader
	b     *Budget
	entry string
}

func (m meter) Read(p []byte) (int, error) {
	start := time.Now()
	n, err := m.r.Read(p)
	if berr := m.b.charge(m.entry, int64(n), time.Since(start)); berr != nil {
		return n, berr
	}
	return n, err
}

var byteUnits = []struct {
	suffix string
	size   int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}}

// ParseBytes reads a size as --max-inflate takes it: bytes, or a whole
// number of KiB, MiB or GiB ("512MiB").
func ParseBytes(s string) (int64, error) {
	num, mult := s, int64(1)
	for _, u := range byteUnits {
		if len(s) > len(u.suffix) && strings.EqualFold(s[len(s)-len(u.suffix):], u.suffix) {
			num, mult = s[:len(s)-len(u.suffix)], u.size
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt64/mult {
		return 0, fmt.Errorf("%q is not a size: give bytes or a whole number of KiB, MiB or GiB, e.g. 2GiB", s)
	}
	return n * mult, nil
}

// FormatBytes writes a byte count the way the --max-inflate flag takes it.
func FormatBytes(n int64) string {
	for _, u := range byteUnits {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d%s", n/u.size, u.suffix)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
