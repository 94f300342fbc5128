package report

// Options lay a report out for where it goes: a terminal's width and
// colour, and the directory SARIF locations are relative to. The zero
// value is a plain 80-column table and SARIF relative to the working
// directory.
type Options struct {
	// Width is the columns a table may use; 0 means 80.
	Width int
	// Color marks severities and verdicts with ANSI colours.
	Color bool
	// SourceRoot is the absolute directory SARIF URIs are relative to
	// (the repository checkout); "" means WorkDir.
	SourceRoot string
	// WorkDir is the absolute directory permaudit ran in; "" means the
	// process's working directory.
	WorkDir string
	// Quiet leaves a table to unread inputs and the summary (--quiet).
	Quiet bool
}

// DefaultWidth is a table's width when the terminal's is unknown.
const DefaultWidth = 80

func (o Options) width() int {
	if o.Width <= 0 {
		return DefaultWidth
	}
	return o.Width
}

// laidOut is a Writer whose output depends on Options.
type laidOut interface {
	with(o Options) Writer
}

// WriterFor is f's writer laid out by o.
func WriterFor(f *Format, o Options) Writer {
	if l, ok := f.Writer.(laidOut); ok {
		return l.with(o)
	}
	return f.Writer
}

// DiffWriterFor is f's writer laid out by o.
func DiffWriterFor(f *DiffFormat, o Options) DiffWriter {
	if t, ok := f.Writer.(diffTableWriter); ok {
		t.opts = o
		return t
	}
	return f.Writer
}
