package policyfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/permaudit/permaudit/audit"
)

// ConfigName is the project config file a run looks for, from the working
// directory upward.
const ConfigName = ".permaudit.yaml"

// Config is a project's .permaudit.yaml: the settings a team shares so
// every run (a laptop, CI, a pre-commit hook) gates the same way. Paths in
// it are relative to the file's directory; command-line flags override
// each setting.
type Config struct {
	File     string
	Policies []Setting
	FailOn   *Setting
	ExitCode int // 0: not set
	Excludes []string
	Outputs  []Setting
	Baseline *Setting
	Waivers  []audit.Waiver
}

// Setting is one value with where it is written, so a value the CLI
// rejects later (an output format, say) still gets file:line.
type Setting struct {
	Value string
	At    string // file:line
}

// configKeys are the top-level keys, in the order `permaudit init` writes them.
var configKeys = []string{"policies", "failOn", "exitCode", "excludes", "outputs", "baseline", "waivers"}

// FindConfig looks for ConfigName in start and each directory above it,
// up to the file system's root; "" when there is none. The path it
// returns is start joined with as many ".." as it climbed, so errors
// name the file the way the user reaches it.
func FindConfig(start string) (string, error) {
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	rel := start
	for {
		p := filepath.Join(rel, ConfigName)
		st, err := os.Stat(filepath.Join(abs, ConfigName))
		switch {
		case err == nil && !st.IsDir():
			return p, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", &Error{File: p, Message: err.Error()}
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", nil
		}
		abs, rel = parent, filepath.Join(rel, "..")
	}
}

// LoadConfig reads a config file; every problem comes back together as
// Errors, each with its line.
func LoadConfig(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{File: path, Message: err.Error()}
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &Error{File: path, Message: err.Error()}
	}
	if len(raw) > MaxFileSize {
		return nil, &Error{File: path, Message: fmt.Sprintf("larger than %d bytes; a config is a short document", MaxFileSize)}
	}
	return ParseConfig(path, raw)
}

// ParseConfig decodes a config document; file names it in errors and
// anchors its relative paths.
func ParseConfig(file string, raw []byte) (*Config, error) {
	c := &Config{File: file}
	if len(bytes.TrimSpace(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")))) == 0 {
		return c, nil // an empty config keeps every default
	}
	root, err := parseNode(file, raw)
	if err != nil {
		return nil, err
	}
	d := &decoder{file: file}
	d.config(root, c)
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	return c, nil
}

// Path resolves a path written in the config against its directory.
func (c *Config) Path(p string) string {
	if p == "" || filepath.IsAbs(p) || p == "-" {
		return p
	}
	return filepath.Join(filepath.Dir(c.File), p)
}
