package platforms

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// ErrUnrecognised marks an input whose content matches no format.
var ErrUnrecognised = errors.New("not a manifest or package permaudit reads")

// headSize is how much of a file detection looks at before deciding
// whether it is an archive.
const headSize = 8 << 10

// opened is a file with its kind decided: either its bytes (manifests,
// plists, JSON5 — all small) or its archive's central directory.
type opened struct {
	format *Format
	data   []byte
	zip    *archive.Zip
	file   *os.File
	size   int64
	budget *archive.Budget
}

// ReadOptions say how one input is read.
type ReadOptions struct {
	Digest bool // add the file's SHA-256
	// Limits bound the cost of one input; the zero value means archive.DefaultLimits.
	Limits archive.Limits
}

func (o ReadOptions) limits() archive.Limits {
	if o.Limits == (archive.Limits{}) {
		return archive.DefaultLimits
	}
	return o.Limits
}

// byName picks the byte-level format a file's name suggests; detection
// falls back on it for named inputs whose content is too broken to sniff.
func byName(path string) *Format {
	base := filepath.Base(path)
	for i := range Formats {
		for _, g := range Formats[i].Names {
			if ok, _ := filepath.Match(g, base); ok && Formats[i].parse != nil {
				return &Formats[i]
			}
		}
	}
	return nil
}

// wellKnownName is a file name so specific that a directory walk reports
// its parse error rather than passing it over as "not ours".
func wellKnownName(path string) bool {
	switch base := filepath.Base(path); base {
	case "AndroidManifest.xml", "Info.plist", "PrivacyInfo.xcprivacy", "module.json5":
		return true
	default:
		return filepath.Ext(base) == ".entitlements"
	}
}

// Read detects one file's kind by content and parses it under the
// default limits. digest adds the file's SHA-256. A file matching no
// format gives ErrUnrecognised.
func Read(path string, digest bool) (audit.Declaration, error) {
	return ReadWith(path, ReadOptions{Digest: digest})
}

// ReadWith is Read with options. It is the boundary of one input: a
// panic anywhere below becomes an error naming the file, so one input
// never takes the rest of a batch down.
func ReadWith(path string, opts ReadOptions) (d audit.Declaration, err error) {
	defer recoverInput(&err)
	o, err := probe(path, true, opts.limits())
	defer o.close()
	if err != nil {
		return audit.Declaration{}, err
	}
	return o.parse(path, opts.Digest)
}

// close releases the file a probe opened; a nil probe has nothing open.
func (o *opened) close() {
	if o != nil && o.file != nil {
		o.file.Close()
	}
}

// parseGuarded parses a probe a walk made: like ReadWith, the boundary
// of one input, so a panic becomes the file's error.
func (o *opened) parseGuarded(path string, digest bool) (d audit.Declaration, err error) {
	defer recoverInput(&err)
	return o.parse(path, digest)
}

func (o *opened) parse(path string, digest bool) (audit.Declaration, error) {
	if o.format.Companion {
		return audit.Declaration{}, fmt.Errorf("%s is read together with the modules that use it, not audited alone", o.format.Description)
	}
	var (
		d   audit.Declaration
		err error
	)
	if o.zip != nil {
		d, err = o.format.parseZip(o.zip)
	} else {
		d, err = o.format.parse(path, o.data)
	}
	if berr := o.budget.Err(); berr != nil {
		return audit.Declaration{}, berr
	}
	if err != nil {
		return audit.Declaration{}, err
	}
	if o.zip != nil {
		d.Notes = append(d.Notes, structureNotes(o.budget.Problems())...)
	}
	d.Platform = o.format.Platform
	d.Artifact.Path = path
	d.Artifact.Size = o.size
	if d.Artifact.Kind == "" {
		d.Artifact.Kind = o.format.Kind
	}
	if digest {
		if d.Artifact.SHA256, err = o.sha256(); err != nil {
			return audit.Declaration{}, fmt.Errorf("cannot hash: %w", err)
		}
	}
	return d, nil
}

// sha256 hashes the bytes already in memory, or streams the file once.
func (o *opened) sha256() (string, error) {
	h := sha256.New()
	if o.zip == nil {
		h.Write(o.data)
	} else if _, err := io.Copy(h, io.NewSectionReader(o.file, 0, o.size)); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// probe opens path and decides its format. explicit means the user named
// the file, so an unknown binary is still tried as a zip with data in front
// of it (Janus-style); during a directory walk only zip magic is tried.
func probe(path string, explicit bool, limits archive.Limits) (*opened, error) {
	f, st, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	o := &opened{file: f, budget: archive.NewBudget(limits)}
	o.size = st.Size()
	head := make([]byte, min(o.size, headSize))
	if _, err := f.ReadAt(head, 0); err != nil && err != io.EOF {
		return o, err
	}
	switch {
	case isZipMagic(head):
		err := o.detectZip()
		if errors.Is(err, ErrUnrecognised) && harmonyByName(path, o.zip) {
			o.format, err = formatOfKind("hap"), nil // its parser says what is wrong with module.json
		}
		return o, err
	case looksLikeDocument(head):
		err := o.detectBytes()
		if errors.Is(err, ErrUnrecognised) && o.data != nil && (explicit || wellKnownName(path)) {
			if f := byName(path); f != nil {
				o.format, err = f, nil
			}
		}
		return o, err
	case explicit && o.size > 0:
		if err := o.detectZip(); err == nil {
			return o, nil
		}
		o.zip = nil
		return o, o.detectBytes()
	}
	return o, ErrUnrecognised
}

// harmonyByName: a zip named .hap or .hsp holding a module.json (or an
// FA config.json) that did not sniff as one is a broken HarmonyOS
// package, not an unknown file.
func harmonyByName(path string, z *archive.Zip) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".hap", ".hsp":
		return z != nil && (z.File("module.json") != nil || z.File("config.json") != nil)
	}
	return false
}

func formatOfKind(kind string) *Format {
	for i := range Formats {
		if Formats[i].Kind == kind {
			return &Formats[i]
		}
	}
	panic("no format " + kind)
}

func (o *opened) detectZip() error {
	z, err := archive.OpenWithin(o.file, o.size, o.budget)
	if err != nil {
		return err
	}
	o.zip = z
	for i := range Formats {
		if f := &Formats[i]; f.sniffZip != nil && f.sniffZip(z) {
			o.format = f
			return nil
		}
	}
	return fmt.Errorf("%w: a zip archive without AndroidManifest.xml, base/manifest/, Payload/*.app or module.json", ErrUnrecognised)
}

func (o *opened) detectBytes() error {
	if o.size > archive.MaxEntry {
		return fmt.Errorf("%w: %d bytes is more than a manifest can be (limit %d)", ErrUnrecognised, o.size, archive.MaxEntry)
	}
	data, err := io.ReadAll(io.LimitReader(io.NewSectionReader(o.file, 0, o.size), archive.MaxEntry+1))
	if err != nil {
		return err
	}
	o.data = data
	for i := range Formats {
		if f := &Formats[i]; f.sniff != nil && f.sniff(data) {
			o.format = f
			return nil
		}
	}
	return ErrUnrecognised
}

func isZipMagic(head []byte) bool {
	return bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06"))
}

// looksLikeDocument accepts what a manifest can start with: binary XML,
// a binary plist, or text (XML, JSON, JSON5) after a BOM and blanks.
func looksLikeDocument(head []byte) bool {
	if binaryXML(head) || bytes.HasPrefix(head, []byte("bplist")) {
		return true
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(t) > 0 && (t[0] == '<' || t[0] == '{' || t[0] == '/')
}

// binaryXML recognises a compiled manifest by its 8-byte header followed
// by the string pool chunk (type 0x0001, header 0x1c), not by the first
// chunk's type: Android's ResXMLTree::setTo (AOSP
// frameworks/base/libs/androidfw/ResourceTypes.cpp) checks the header's
// sizes only, so packages ship with a zero there and install, and the
// walk must find what naming the file finds.
func binaryXML(head []byte) bool {
	if bytes.HasPrefix(head, []byte{0x03, 0x00, 0x08, 0x00}) {
		return true
	}
	return len(head) >= 12 && bytes.Equal(head[2:4], []byte{0x08, 0x00}) &&
		bytes.Equal(head[8:12], []byte{0x01, 0x00, 0x1c, 0x00})
}
