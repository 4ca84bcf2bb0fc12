package deck

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// jkind is the kind of a JSON value.
type jkind int

const (
	jObject jkind = iota
	jArray
	jString
	jNumber
	jBool
	jNull
)

// jnode is a JSON value with its position. Objects keep their keys in order.
type jnode struct {
	kind  jkind
	str   string // a string's value, a number's literal
	b     bool
	pos   Pos
	keys  []jkey   // objects
	items []*jnode // arrays
}

type jkey struct {
	name string
	pos  Pos
	val  *jnode
}

func (n *jnode) what() string {
	switch n.kind {
	case jObject:
		return "an object {…}"
	case jArray:
		return "a list […]"
	case jString:
		return "text " + strconv.Quote(n.str)
	case jNumber:
		return "the number " + n.str
	case jBool:
		return strconv.FormatBool(n.b)
	}
	return "null"
}

// lineIndex converts byte offsets of a text into 1-based lines and columns
// (columns count characters, not bytes).
type lineIndex struct {
	data  []byte
	start []int // offset at which each line starts
}

func newLineIndex(data []byte) *lineIndex {
	li := &lineIndex{data: data, start: []int{0}}
	for i, c := range data {
		if c == '\n' {
			li.start = append(li.start, i+1)
		}
	}
	return li
}

func (li *lineIndex) pos(off int) Pos {
	off = min(max(off, 0), len(li.data))
	lo, hi := 0, len(li.start)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if li.start[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return Pos{Line: lo + 1, Column: utf8.RuneCount(li.data[li.start[lo]:off]) + 1}
}

// maxDepth bounds the nesting of JSON values (the schema needs 3 levels).
const maxDepth = 64

// jparser builds a jnode tree with positions from encoding/json's tokens.
type jparser struct {
	data []byte
	dec  *json.Decoder
	li   *lineIndex
}

// jsonError is a syntax error at a position.
type jsonError struct {
	pos Pos
	msg string
}

func (e *jsonError) Error() string { return e.msg }

// next returns the next token and the offset where it starts.
func (p *jparser) next() (json.Token, int, error) {
	off := int(p.dec.InputOffset())
	for off < len(p.data) && strings.IndexByte(" \t\r\n,:", p.data[off]) >= 0 {
		off++
	}
	tok, err := p.dec.Token()
	if err != nil {
		return nil, off, p.syntax(err, off)
	}
	return tok, off, nil
}

func (p *jparser) syntax(err error, off int) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return &jsonError{p.li.pos(p.culprit(se)), se.Error()}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &jsonError{p.li.pos(len(p.data)), "the file ends in the middle of a value"}
	case errors.Is(err, io.EOF):
		return &jsonError{p.li.pos(len(p.data)), "the file ends where a value was expected"}
	}
	return &jsonError{p.li.pos(off), err.Error()}
}

var invalidChar = regexp.MustCompile(`^invalid character ('(?:[^'\\]|\\.)+')`)

// culprit returns the offset of the character a syntax error is about.
// encoding/json's offsets are sometimes just after it, sometimes at it.
func (p *jparser) culprit(se *json.SyntaxError) int {
	off := int(se.Offset)
	if m := invalidChar.FindStringSubmatch(se.Error()); m != nil {
		if r, _, _, err := strconv.UnquoteChar(m[1][1:len(m[1])-1], '\''); err == nil {
			at := func(i int) bool {
				c, _ := utf8.DecodeRune(p.data[min(max(i, 0), len(p.data)):])
				return i >= 0 && i < len(p.data) && c == r
			}
			if !at(off) && at(off-1) {
				return off - 1
			}
		}
	}
	return off
}

func (p *jparser) value(tok json.Token, off, depth int) (*jnode, error) {
	n := &jnode{pos: p.li.pos(off)}
	if depth > maxDepth {
		return nil, &jsonError{n.pos, "values nested too deeply"}
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.kind = jObject
			for {
				tok, koff, err := p.next()
				if err != nil {
					return nil, err
				}
				if tok == json.Delim('}') {
					return n, nil
				}
				key, ok := tok.(string)
				if !ok {
					return nil, &jsonError{p.li.pos(koff), "expected a field name in double quotes"}
				}
				tok, voff, err := p.next()
				if err != nil {
					return nil, err
				}
				v, err := p.value(tok, voff, depth+1)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, jkey{name: key, pos: p.li.pos(koff), val: v})
			}
		case '[':
			n.kind = jArray
			for {
				tok, ioff, err := p.next()
				if err != nil {
					return nil, err
				}
				if tok == json.Delim(']') {
					return n, nil
				}
				v, err := p.value(tok, ioff, depth+1)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, v)
			}
		}
		return nil, &jsonError{n.pos, fmt.Sprintf("unexpected %q", rune(t))}
	case string:
		n.kind, n.str = jString, t
	case json.Number:
		n.kind, n.str = jNumber, t.String()
	case bool:
		n.kind, n.b = jBool, t
	case nil:
		n.kind = jNull
	}
	return n, nil
}

// parseJSONTree parses data into a tree, or returns a syntax error with its position.
func parseJSONTree(data []byte) (*jnode, error) {
	p := &jparser{data: data, dec: json.NewDecoder(bytes.NewReader(data)), li: newLineIndex(data)}
	p.dec.UseNumber()
	tok, off, err := p.next()
	if err != nil {
		if errors.Is(err, io.EOF) || off >= len(data) {
			return nil, &jsonError{Pos{}, "the file is empty"}
		}
		return nil, err
	}
	root, err := p.value(tok, off, 0)
	if err != nil {
		return nil, err
	}
	off = int(p.dec.InputOffset())
	for off < len(data) && strings.IndexByte(" \t\r\n", data[off]) >= 0 {
		off++
	}
	if off < len(data) {
		return nil, &jsonError{p.li.pos(off), "text after the end of the deck's object"}
	}
	return root, nil
}

// jreader reads a jnode tree against the schema, collecting problems.
type jreader struct {
	file     string
	problems diag.List
}

func (r *jreader) add(pos Pos, card, field, msg, hint string) {
	r.problems.Add(diag.Problem{File: r.file, Line: pos.Line, Column: pos.Column, Card: card, Field: field, Msg: msg, Hint: hint})
}

// jfields is an object's values by key.
type jfields struct {
	node     *jnode
	vals     map[string]*jnode
	misspelt map[string]bool
}

func (r *jreader) object(n *jnode, card, field string, known []string) (jfields, bool) {
	if n.kind != jObject {
		r.add(n.pos, card, field, "expected an object {…} with "+strings.Join(known, ", ")+", found "+n.what(), "")
		return jfields{}, false
	}
	f := jfields{node: n, vals: map[string]*jnode{}, misspelt: map[string]bool{}}
	first := map[string]Pos{}
	for _, k := range n.keys {
		switch {
		case !contains(known, k.name):
			hint := "the fields here are " + strings.Join(known, ", ")
			if s := yamldoc.Suggest(k.name, known); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
				f.misspelt[s] = true
			}
			r.add(k.pos, card, k.name, "unknown field", hint)
		case f.vals[k.name] != nil:
			r.add(k.pos, card, k.name, fmt.Sprintf("given twice (first on line %d)", first[k.name].Line), "keep one")
		default:
			f.vals[k.name] = k.val
			first[k.name] = k.pos
		}
	}
	return f, true
}

func (r *jreader) text(f jfields, key, card string, required bool) string {
	n := f.vals[key]
	if n == nil || n.kind == jNull && !required {
		if required && !f.misspelt[key] {
			r.add(f.node.pos, card, key, "missing", fmt.Sprintf("add \"%s\": \"…\"", key))
		}
		return ""
	}
	if n.kind != jString {
		r.add(n.pos, card, key, "expected text in double quotes, found "+n.what(), "")
		return ""
	}
	v := yamldoc.Clean(n.str)
	if v == "" && required {
		r.add(n.pos, card, key, "empty", "write a value, or remove the entry")
	}
	return v
}

func (r *jreader) list(f jfields, key, card string, required bool, pos map[string]Pos) []string {
	n := f.vals[key]
	if n == nil || n.kind == jNull && !required {
		if required && !f.misspelt[key] {
			r.add(f.node.pos, card, key, "missing", fmt.Sprintf("add \"%s\": [\"…\", \"…\"]", key))
		}
		return nil
	}
	if n.kind != jArray {
		r.add(n.pos, card, key, "expected a list […], found "+n.what(), "write the items as [\"first\", \"second\"]")
		return nil
	}
	if len(n.items) == 0 && required {
		r.add(n.pos, card, key, "empty list", "write at least one item")
	}
	var out []string
	for i, item := range n.items {
		field := fmt.Sprintf("%s[%d]", key, i+1)
		pos[field] = item.pos
		if item.kind != jString {
			r.add(item.pos, card, field, "expected text in double quotes, found "+item.what(), "")
			continue
		}
		v := yamldoc.Clean(item.str)
		if v == "" {
			r.add(item.pos, card, field, "empty item", "remove it or write the item")
			continue
		}
		out = append(out, v)
	}
	return out
}

func (r *jreader) copies(f jfields, card string) int {
	n := f.vals["copies"]
	if n == nil || n.kind == jNull {
		return 0
	}
	if n.kind == jNumber {
		if v, err := strconv.Atoi(n.str); err == nil && v >= 1 && v <= MaxCopies {
			return v
		}
	}
	r.add(n.pos, card, "copies", copiesMsg(n.what()), copiesHint)
	return 0
}

// parseJSON reads a JSON dataset: the YAML schema, strictly.
func parseJSON(name string, data []byte) (*Deck, diag.List) {
	r := &jreader{file: name}
	root, err := parseJSONTree(data)
	if err != nil {
		je := err.(*jsonError)
		hint := "check the commas, quotes and brackets on this line and the one before"
		if strings.Contains(je.msg, "in string literal") {
			hint = "end the text with \" on the line where it starts (write a line break as \\n)"
		}
		if je.msg == "the file is empty" {
			hint = "start from cardgen export --format json"
		}
		r.add(je.pos, "", "", "JSON syntax: "+je.msg, hint)
		return nil, r.problems
	}
	top, ok := r.object(root, "", "", topFields)
	if !ok {
		return nil, r.problems
	}
	d := &Deck{lines: strings.Split(string(data), "\n")}

	if n := top.vals["deck"]; n == nil {
		r.add(root.pos, "", "deck", "missing", `add "deck": {"title": "…", "language": "fr"}`)
	} else if f, ok := r.object(n, "", "deck", deckFields); ok {
		d.Fields = map[string]Pos{}
		for key, v := range f.vals {
			d.Fields[key] = v.pos
		}
		d.Title = r.text(f, "title", "", true)
		d.Language = r.text(f, "language", "", true)
		d.Author = r.text(f, "author", "", false)
		if d.Language != "" {
			if _, err := language.Parse(d.Language); err != nil {
				r.add(f.vals["language"].pos, "", "language", fmt.Sprintf("%q is not a language tag", d.Language), "write fr, en, fr-CA, …")
			}
		}
	}

	switch n := top.vals["categories"]; {
	case n == nil:
		r.add(root.pos, "", "categories", "missing", `add "categories": [{"id": "…", "label": "…", "color": "#RRGGBB"}]`)
	case n.kind != jArray:
		r.add(n.pos, "", "categories", "expected a list […], found "+n.what(), "")
	default:
		if len(n.items) == 0 {
			r.add(n.pos, "", "categories", "empty list", "add at least one category with id, label and color")
		}
		for _, item := range n.items {
			f, ok := r.object(item, "", "", categoryFields)
			if !ok {
				continue
			}
			c := Category{Pos: item.pos}
			c.ID = r.text(f, "id", "", true)
			c.Label = r.text(f, "label", "", true)
			if col := r.text(f, "color", "", true); col != "" {
				rgb, err := ParseRGB(col)
				if err != nil {
					r.add(f.vals["color"].pos, "", "color", err.Error(), "")
				}
				c.Color = rgb
			}
			if c.ID != "" && !IsSlug(c.ID) {
				r.add(f.vals["id"].pos, "", "id", fmt.Sprintf("%q is not a valid id", c.ID),
					fmt.Sprintf("use lowercase letters, digits and hyphens, such as %q", Slug(c.ID)))
			}
			if prev := d.Category(c.ID); prev != nil && c.ID != "" {
				r.add(f.vals["id"].pos, "", "id", fmt.Sprintf("category %q is defined twice (first on line %d)", c.ID, prev.Pos.Line), "give each category its own id")
				continue
			}
			d.Categories = append(d.Categories, c)
		}
	}

	switch n := top.vals["personas"]; {
	case n == nil:
		r.add(root.pos, "", "personas", "missing", `add "personas": [{…}, …]`)
	case n.kind != jArray:
		r.add(n.pos, "", "personas", "expected a list […], found "+n.what(), "")
	default:
		for _, item := range n.items {
			card := ""
			for _, k := range item.keys {
				if k.name == "id" && k.val.kind == jString {
					card = yamldoc.Clean(k.val.str)
				}
			}
			f, ok := r.object(item, card, "", personaFields)
			if !ok {
				continue
			}
			ps := Persona{Pos: item.pos, Fields: map[string]Pos{}}
			for key, v := range f.vals {
				ps.Fields[key] = v.pos
			}
			ps.ID = r.text(f, "id", card, true)
			ps.Name = r.text(f, "name", card, true)
			ps.Role = r.text(f, "role", card, true)
			// The country's name may be left out when its code is given: it
			// then comes from the code, in the edition's language.
			ps.Country = r.text(f, "country", card, f.vals["country_code"] == nil)
			ps.CountryCode = r.text(f, "country_code", card, true)
			ps.Category = r.text(f, "category", card, true)
			ps.Text = r.text(f, "text", card, true)
			ps.Conditions = r.list(f, "conditions", card, true, ps.Fields)
			ps.Impact = r.text(f, "impact", card, false)
			ps.Image = r.text(f, "image", card, false)
			ps.Copies = r.copies(f, card)
			ps.Tags = r.list(f, "tags", card, false, ps.Fields)
			d.Personas = append(d.Personas, ps)
		}
	}
	return d, r.problems
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
