package android

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// KindManifestXML is Artifact.Kind for a source AndroidManifest.xml.
const KindManifestXML = "android-manifest"

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ParseManifestXML reads a source (text) AndroidManifest.xml and adds
// the permissions the build implies, as for a package, so a manifest gets
// the same verdict as source and as the APK built from it.
//
// Read alone, outside its Gradle project, the manifest's package is the
// applicationId, as the manifest merger takes it when the build sets none
// (developer.android.com/build/configure-app-module#set-application-id):
// ${applicationId} in a permission name is filled with it, so the name
// reads as it will in the APK.
func ParseManifestXML(data []byte) (audit.Declaration, error) {
	d, err := parseTextManifest(data, KindManifestXML)
	if err != nil || d.App.ID == "" {
		return d, err
	}
	for i := range d.Permissions {
		d.Permissions[i].Name = strings.ReplaceAll(d.Permissions[i].Name, audit.AppIDPlaceholder, d.App.ID)
	}
	expandDeclaredPermissions(&d, d.App.ID)
	return d, nil
}

func parseTextManifest(data []byte, kind string) (audit.Declaration, error) {
	root, err := decodeManifestXML(data)
	if err != nil {
		return audit.Declaration{}, err
	}
	d, err := declarationFromTree(root, kind)
	if err != nil {
		return audit.Declaration{}, &audit.ParseError{Line: root.Line, Err: err}
	}
	addImpliedPermissions(&d)
	return d, nil
}

// decodeManifestXML builds the element tree of a text manifest, each
// element carrying the line its start tag begins on.
func decodeManifestXML(data []byte) (*element, error) {
	if len(data) > archive.MaxEntry {
		return nil, &audit.ParseError{Err: fmt.Errorf("file is %d bytes, over the %d-byte limit for a manifest", len(data), archive.MaxEntry)}
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &audit.ParseError{Err: errors.New("empty file: no <manifest> element")}
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charsetReader
	var (
		root  *element
		stack []*element
	)
	for {
		line, _ := dec.InputPos() // the next token starts here
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlError(dec, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			e := &element{Name: t.Name.Local, Line: line, Attrs: textAttrs(t.Attr)}
			if len(stack) == 0 {
				if root != nil {
					return nil, &audit.ParseError{Line: line, Err: fmt.Errorf("second root element <%s> after </%s>", e.Name, root.Name)}
				}
				root = e
			} else {
				parent := stack[len(stack)-1]
				parent.Children = append(parent.Children, e)
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1] // the decoder has checked the nesting
		case xml.CharData:
			if len(stack) == 0 && len(bytes.TrimSpace(t)) > 0 {
				return nil, &audit.ParseError{Line: line, Err: errors.New("text outside the root element: not an XML manifest")}
			}
		}
	}
	if root == nil {
		return nil, &audit.ParseError{Err: errors.New("no root element: not an XML manifest")}
	}
	if root.Name != "manifest" {
		return nil, &audit.ParseError{Line: root.Line, Err: fmt.Errorf("root element is <%s>, not <manifest>", root.Name)}
	}
	return root, nil
}

// textAttrs keeps the attributes with their namespace URI, dropping the
// xmlns declarations themselves.
func textAttrs(in []xml.Attr) []attr {
	out := make([]attr, 0, len(in))
	for _, a := range in {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
			continue
		}
		out = append(out, attr{NS: a.Name.Space, Name: a.Name.Local, Value: a.Value})
	}
	return out
}

func xmlError(dec *xml.Decoder, err error) error {
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		return &audit.ParseError{Line: syn.Line, Err: fmt.Errorf("malformed XML: %s", syn.Msg)}
	}
	line, _ := dec.InputPos()
	return &audit.ParseError{Line: line, Err: fmt.Errorf("malformed XML: %v", err)}
}

// charsetReader accepts the single-byte encodings old manifests declare;
// anything else is refused rather than misread.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "us-ascii", "ascii", "iso-8859-1", "latin1", "latin-1", "iso_8859-1":
		return latin1Reader{r: in}, nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", label)
}

// latin1Reader widens each byte to its UTF-8 form.
type latin1Reader struct{ r io.Reader }

func (l latin1Reader) Read(p []byte) (int, error) {
	// Each input byte becomes at most two output bytes.
	buf := make([]byte, (len(p)+1)/2)
	n, err := l.r.Read(buf)
	out := p[:0]
	for _, b := range buf[:n] {
		out = utf8.AppendRune(out, rune(b))
	}
	return len(out), err
}

// LooksLikeManifestXML reports whether head, the start of a file, is XML
// whose root element is <manifest>. It tolerates a byte-order mark, an
// XML declaration, comments and a doctype before the root.
func LooksLikeManifestXML(head []byte) bool {
	head = bytes.TrimPrefix(head, utf8BOM)
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '<' {
		return false
	}
	dec := xml.NewDecoder(bytes.NewReader(head))
	dec.Strict = false
	dec.CharsetReader = charsetReader
	for range 256 { // a handful of prolog tokens at most
		at := dec.InputOffset()
		tok, err := dec.RawToken()
		if err != nil {
			// The head may end inside the root's start tag, whose
			// namespace declarations often run over many lines. After a
			// charset reader (ISO-8859-1 widened to UTF-8) the offset
			// counts decoded bytes and may lie past the head's end.
			if at > int64(len(head)) {
				return false
			}
			return truncatedManifestTag(head[at:])
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t.Name.Local == "manifest"
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return false
			}
		}
	}
	return false
}

func truncatedManifestTag(rest []byte) bool {
	rest = bytes.TrimLeft(rest, " \t\r\n")
	const tag = "<manifest"
	if !bytes.HasPrefix(rest, []byte(tag)) {
		return false
	}
	return len(rest) == len(tag) || strings.IndexByte(" \t\r\n/>", rest[len(tag)]) >= 0
}
