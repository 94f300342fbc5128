package report

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// Output is one requested report: a format and where it goes ("" = stdout).
type Output struct {
	Format *Format
	Path   string
	// Options lay the report out; the CLI sets the terminal's for stdout.
	Options Options
}

// ParseOutput reads a -o value, FORMAT or FORMAT=PATH.
func ParseOutput(spec string) (Output, error) {
	name, path, _ := strings.Cut(spec, "=")
	f, err := Lookup(name)
	if err != nil {
		if byExt := formatForFile(name); byExt != "" && !strings.Contains(spec, "=") {
			// trivy's and syft's habit: -o FILE.
			return Output{}, fmt.Errorf("-o %s: -o takes FORMAT[=PATH]; to write the %s report to that file, use -o %s=%s", spec, byExt, byExt, name)
		}
		return Output{}, err
	}
	if strings.Contains(spec, "=") && path == "" {
		return Output{}, fmt.Errorf("-o %s: empty path", spec)
	}
	return Output{Format: f, Path: path}, nil
}

// WriteAll writes every output, going on past one that fails so the
// others are still written; the error joins every failure, each naming
// its file. Files are written to a temporary file in the same directory
// and renamed into place, so a reader never sees half a report and an
// existing file is replaced only when the new one is whole.
func WriteAll(outs []Output, r *audit.Result, stdout io.Writer) error {
	var errs []error
	for _, o := range outs {
		if o.Path == "" || o.Path == "-" {
			if err := WriterFor(o.Format, o.Options).Write(stdout, r); err != nil {
				errs = append(errs, fmt.Errorf("writing %s report to stdout: %w", o.Format.Name, err))
			}
			continue
		}
		if err := writeFileAtomic(o.Path, func(w io.Writer) error { return WriterFor(o.Format, o.Options).Write(w, r) }); err != nil {
			errs = append(errs, fmt.Errorf("writing %s report to %s: %w", o.Format.Name, o.Path, err))
		}
	}
	return errors.Join(errs...)
}

func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	if err := temps.add(tmp.Name()); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	defer temps.remove(tmp.Name())
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// formatForFile names the format a file name's extension suggests, or "".
func formatForFile(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".sarif", ".json", ".csv", ".html":
		return ext[1:]
	case ".htm":
		return "html"
	case ".xml":
		return "junit"
	case ".md":
		return "markdown"
	case ".txt":
		return "table"
	}
	return ""
}
