package report

import (
	"errors"
	"os"
	"sync"
)

// temps tracks the temporary files reports are being written to, so a
// signal handler can remove them: a Ctrl-C must not leave .NAME.*.tmp
// files beside the reports.
var temps = &tempFiles{live: map[string]bool{}}

type tempFiles struct {
	mu     sync.Mutex
	live   map[string]bool
	closed bool
}

var errInterrupted = errors.New("interrupted: report not written")

func (t *tempFiles) add(name string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return errInterrupted
	}
	t.live[name] = true
	return nil
}

func (t *tempFiles) remove(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.live, name)
}

// RemoveTemps deletes every report file still being written and refuses
// new ones: it is what a signal handler calls before the process ends.
func RemoveTemps() {
	temps.mu.Lock()
	defer temps.mu.Unlock()
	temps.closed = true
	for name := range temps.live {
		os.Remove(name)
		delete(temps.live, name)
	}
}
