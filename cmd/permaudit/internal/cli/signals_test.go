//go:build unix

package cli

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/report"
)

// interruptedWriter writes half a report, then gets the process killed.
type interruptedWriter struct{}

func (interruptedWriter) Write(w io.Writer, _ *audit.Result) error {
	io.WriteString(w, `{"half":`)
	syscall.Kill(os.Getpid(), syscall.SIGTERM)
	time.Sleep(10 * time.Second)
	return errors.New("the signal did not end the process")
}

// TestSignalRemovesTempReports: a SIGTERM while a report is being
// written leaves no .NAME.*.tmp file behind, and the process still ends
// by the signal. The test runs itself as the process to kill.
func TestSignalRemovesTempReports(t *testing.T) {
	if dir := os.Getenv("PERMAUDIT_SIGNAL_DIR"); dir != "" {
		defer cleanupOnSignal()()
		f := &report.Format{Name: "half", Writer: interruptedWriter{}}
		_ = report.WriteAll([]report.Output{{Format: f, Path: dir + "/report.json"}}, &audit.Result{}, io.Discard)
		os.Exit(0) // not reached when the handler works
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSignalRemovesTempReports$")
	cmd.Env = append(os.Environ(), "PERMAUDIT_SIGNAL_DIR="+dir)
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("helper ended with %v, want killed by SIGTERM", err)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
		t.Errorf("helper status %v, want killed by SIGTERM", ee)
	}
	left, _ := os.ReadDir(dir)
	for _, e := range left {
		t.Errorf("left behind: %s", e.Name())
	}
}
