// Package progress draws the batch progress bar on a terminal: inputs
// done out of the total, the rate and the time left. It draws nothing
// anywhere else, so CI logs and redirected stderr stay clean.
package progress

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Bar counts finished inputs against a total that may only be an
// estimate until the scan has found every input. A nil *Bar does nothing,
// so callers need no checks.
type Bar struct {
	mu       sync.Mutex
	bar      *progressbar.ProgressBar
	found    int64
	estimate int64
	exact    bool
	shown    int64 // the total on the bar; 0 while there is none
}

// New is a bar on w when w is a terminal; nil otherwise.
func New(w io.Writer) *Bar {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return newBar(w, 100*time.Millisecond)
}

// newBar draws at most once per throttle, so a fast batch does not spend
// its time on the terminal.
func newBar(w io.Writer, throttle time.Duration) *Bar {
	return &Bar{bar: progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("auditing"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("inputs"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(throttle),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionFullWidth(),
	)}
}

// Estimate sets the total the bar shows until the scan is over.
func (b *Bar) Estimate(n int) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.estimate = int64(n)
	b.resize()
}

// Found counts an input the scan found.
func (b *Bar) Found() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.found++
	b.resize()
}

// AllFound says the scan is over: the inputs found are the total.
func (b *Bar) AllFound() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.exact = true
	b.resize()
}

// resize keeps the bar's total at the best known figure: never below the
// inputs already found, exact once the scan is over.
func (b *Bar) resize() {
	total := max(b.found, b.estimate)
	if b.exact {
		total = b.found
	}
	if total > 0 && total != b.shown {
		b.shown = total
		b.bar.ChangeMax64(total)
	}
}

// Done counts a finished input.
func (b *Bar) Done() {
	if b != nil {
		b.bar.Add(1)
	}
}

// Finish clears the bar, so what follows on stderr starts on a clean line.
func (b *Bar) Finish() {
	if b != nil {
		b.bar.Finish()
	}
}
