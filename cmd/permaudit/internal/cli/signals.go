package cli

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/permaudit/permaudit/audit/report"
)

// cleanupOnSignal removes half-written report files when the process is
// interrupted (Ctrl-C, SIGTERM from a CI runner's timeout, SIGHUP), then
// lets the signal end the process as it would have: the exit status still
// says "killed by SIGTERM". SIGKILL cannot be caught; nothing helps there.
func cleanupOnSignal() (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			report.RemoveTemps()
			signal.Reset(sig)
			if p, err := os.FindProcess(os.Getpid()); err == nil {
				_ = p.Signal(sig)
			}
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
