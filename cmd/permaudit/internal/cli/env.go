package cli

import (
	"io"
	"os"
	"time"
)

func defaultEnv(stdout, stderr io.Writer) env {
	return env{stdout: stdout, stderr: stderr, now: time.Now, getenv: os.Getenv, wd: ".", terminal: stdoutTerminal, stdin: os.Stdin}
}
