package policyfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"gopkg.in/yaml.v3"
)

// maxDepth bounds nesting so a hostile file cannot exhaust the stack.
const maxDepth = 64

// parseJSON builds the same node tree yaml.v3 gives, with lines, so JSON
// and YAML policies share one decoder and one kind of error message.
func parseJSON(raw []byte) (*yaml.Node, error) {
	p := &jsonParser{raw: raw, dec: json.NewDecoder(bytes.NewReader(raw))}
	p.dec.UseNumber()
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, &Error{Line: p.line(), Message: "JSON: unexpected data after the policy object"}
	}
	return n, nil
}

type jsonParser struct {
	raw []byte
	dec *json.Decoder
}

// line is the 1-based line of the next token: the decoder's offset points
// just past the previous one, so skip blanks and separators first.
func (p *jsonParser) line() int {
	off := int(p.dec.InputOffset())
	for off < len(p.raw) {
		switch p.raw[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return 1 + bytes.Count(p.raw[:min(off, len(p.raw))], []byte("\n"))
}

func (p *jsonParser) value(depth int) (*yaml.Node, error) {
	if depth > maxDepth {
		return nil, &Error{Line: p.line(), Message: "JSON nests too deeply"}
	}
	line := p.line()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.syntax(err, line)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			return p.object(line, depth)
		case '[':
			return p.array(line, depth)
		}
		return nil, &Error{Line: line, Message: fmt.Sprintf("JSON: unexpected %q", t)}
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: t, Line: line}, nil
	case json.Number:
		tag := "!!int"
		if _, err := strconv.Atoi(string(t)); err != nil {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(t), Line: line}, nil
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(t), Line: line}, nil
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null", Line: line}, nil
	}
	return nil, &Error{Line: line, Message: "JSON: unexpected token"}
}

func (p *jsonParser) object(line, depth int) (*yaml.Node, error) {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line}
	for p.dec.More() {
		kline := p.line()
		tok, err := p.dec.Token()
		if err != nil {
			return nil, p.syntax(err, kline)
		}
		key, ok := tok.(string)
		if !ok {
			return nil, &Error{Line: kline, Message: "JSON: object key is not a string"}
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: kline}, v)
	}
	if _, err := p.dec.Token(); err != nil {
		return nil, p.syntax(err, p.line())
	}
	return n, nil
}

func (p *jsonParser) array(line, depth int) (*yaml.Node, error) {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line}
	for p.dec.More() {
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, v)
	}
	if _, err := p.dec.Token(); err != nil {
		return nil, p.syntax(err, p.line())
	}
	return n, nil
}

// syntax turns a decoder error into a line-numbered one.
func (p *jsonParser) syntax(err error, line int) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := min(int(se.Offset), len(p.raw))
		line = 1 + bytes.Count(p.raw[:off], []byte("\n"))
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{Line: line, Message: "JSON: unexpected end of file"}
	}
	return &Error{Line: line, Message: "JSON: " + err.Error()}
}
