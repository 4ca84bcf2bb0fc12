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

	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// JSON: the YAML dataset's shape, strictly. A JSON file is YAML, so it is
// read through the same path as YAML, positions and all: what encoding/json
// accepts (json.Valid) goes to the YAML reader, after the few spellings
// YAML reads otherwise are rewritten (see yamlSafe); what it does not is a
// syntax problem with its line and column.

var jsonDialect = &dialect{
	describe:    jsonWhat,
	copiesFound: jsonWhat,
	textOK:      func(v *value) bool { return v.kind == vText },
	notText:     "expected text in double quotes",
	notList:     "expected a list […]",
	listHint:    `write the items as ["first", "second"]`,
	notMap:      func(known []string) string { return "expected an object {…} with " + strings.Join(known, ", ") },
	addField: func(name string, k kind) string {
		if k == kindList || k == kindTags {
			return fmt.Sprintf("add \"%s\": [\"…\", \"…\"]", name)
		}
		return fmt.Sprintf("add \"%s\": \"…\"", name)
	},
	addSection: map[string]string{
		"deck":       `add "deck": {"title": "…", "language": "fr"}`,
		"categories": `add "categories": [{"id": "…", "label": "…", "color": "#RRGGBB"}]`,
		"personas":   `add "personas": [{…}, …]`,
	},
	itemsHint: map[string]string{},
	emptyItem: "remove it or write the item",
}

// jsonWhat says what a JSON value is, for messages.
func jsonWhat(v *value) string {
	switch v.kind {
	case vMap:
		return "an object {…}"
	case vList:
		return "a list […]"
	case vText:
		return "text " + diag.Quote(v.text)
	case vInt, vFloat:
		return "the number " + v.text
	case vBool:
		return v.text
	}
	return "null"
}

func readJSON(name string, data []byte) (*source, diag.List) {
	if !json.Valid(data) {
		pos, msg := jsonSyntax(data)
		hint := "check the commas, quotes and brackets on this line and the one before"
		switch {
		case strings.Contains(msg, "in string literal"):
			hint = "end the text with \" on the line where it starts (write a line break as \\n)"
		case msg == "the file is empty":
			hint = "start from cardgen export --format json"
		}
		return nil, diag.List{problemAt(name, pos, "", "", "JSON syntax: "+msg, hint)}
	}
	safe, edits := yamlSafe(data)
	r := &yamldoc.Reader{File: name}
	doc := r.Parse(safe, "start from cardgen export --format json")
	if doc == nil {
		for i := range r.Problems {
			r.Problems[i].Msg = "JSON: " + r.Problems[i].Msg
			r.Problems[i].Hint = "check the commas, quotes and brackets on this line and the one before"
		}
		return nil, r.Problems
	}
	root := fromYAML(doc, nil, map[*yamldoc.Node]*value{})
	if len(edits) > 0 {
		unshift(root, edits)
	}
	return &source{root: root, dialect: jsonDialect, lines: strings.Split(string(data), "\n")}, nil
}

// edit is where yamlSafe changed the length of a line: from column col
// (in characters, after the change) on, the line is delta characters
// longer than in the file.
type edit struct {
	line, col, delta int
}

// yamlSafe rewrites valid JSON so that the YAML reader reads each string
// as encoding/json does: "\/" becomes "/", a surrogate pair "\ud83d\ude00"
// becomes "\U0001F600" and a lone surrogate "\uFFFD"; characters that
// YAML takes for line breaks or does not allow (U+0085, U+2028, U+2029,
// DEL, C1 controls, U+FFFE, U+FFFF) are escaped; a field name too long for
// YAML (over 1,000 bytes) is cut, as a message would show it anyway.
// Tabs between tokens become spaces. It returns where lines changed
// length, to put positions back (unshift).
func yamlSafe(data []byte) ([]byte, []edit) {
	var out bytes.Buffer
	out.Grow(len(data))
	var edits []edit
	line, col := 1, 1 // of the next character written
	write := func(s []byte) {
		out.Write(s)
		for _, c := range string(s) {
			if c == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
	}
	for i := 0; i < len(data); {
		c := data[i]
		if c == '\t' {
			write([]byte{' '})
			i++
			continue
		}
		if c != '"' {
			j := i + 1
			for j < len(data) && data[j] != '"' && data[j] != '\t' {
				j++
			}
			write(data[i:j])
			i = j
			continue
		}
		end := stringEnd(data, i)
		tok := data[i:end]
		isKey := false
		for k := end; k < len(data); k++ {
			if b := data[k]; b != ' ' && b != '\t' && b != '\r' && b != '\n' {
				isKey = b == ':'
				break
			}
		}
		fixed := fixString(tok)
		if isKey && len(fixed) > 1000 {
			var s string
			_ = json.Unmarshal(tok, &s)
			short, _ := json.Marshal(strings.ToValidUTF8(string([]rune(s)[:min(utf8.RuneCountInString(s), 60)]), "") + "…")
			fixed = fixString(short)
		}
		write(fixed)
		if d := utf8.RuneCount(fixed) - utf8.RuneCount(tok); d != 0 {
			edits = append(edits, edit{line: line, col: col, delta: d})
		}
		i = end
	}
	return out.Bytes(), edits
}

// stringEnd returns the offset just after the JSON string starting at i.
func stringEnd(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(data)
}

// fixString rewrites one JSON string token for YAML (see yamlSafe).
func fixString(tok []byte) []byte {
	if !bytes.Contains(tok, []byte(`\`)) && utf8.Valid(tok) && !bytes.ContainsFunc(tok, yamlUnsafe) {
		return tok
	}
	var b bytes.Buffer
	for i := 0; i < len(tok); {
		c := tok[i]
		if c == '\\' && i+1 < len(tok) {
			switch tok[i+1] {
			case '/':
				b.WriteByte('/')
				i += 2
				continue
			case 'u':
				r1 := hex4(tok, i+2)
				if r1 >= 0xD800 && r1 < 0xDC00 && i+11 < len(tok) && tok[i+6] == '\\' && tok[i+7] == 'u' {
					if r2 := hex4(tok, i+8); r2 >= 0xDC00 && r2 < 0xE000 {
						fmt.Fprintf(&b, `\U%08X`, (r1-0xD800)<<10+(r2-0xDC00)+0x10000)
						i += 12
						continue
					}
				}
				if r1 >= 0xD800 && r1 < 0xE000 {
					b.WriteString(`\uFFFD`) // as encoding/json reads it
					i += 6
					continue
				}
			}
			b.Write(tok[i : i+2])
			i += 2
			continue
		}
		r, size := utf8.DecodeRune(tok[i:])
		if yamlUnsafe(r) {
			fmt.Fprintf(&b, `\u%04X`, r)
		} else {
			b.Write(tok[i : i+size])
		}
		i += size
	}
	return b.Bytes()
}

// yamlUnsafe: characters valid in a JSON string that YAML reads otherwise.
func yamlUnsafe(r rune) bool {
	return r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0x7F || r >= 0x80 && r < 0xA0 || r == 0xFFFE || r == 0xFFFF
}

func hex4(b []byte, i int) rune {
	if i+4 > len(b) {
		return -1
	}
	n, err := strconv.ParseUint(string(b[i:i+4]), 16, 32)
	if err != nil {
		return -1
	}
	return rune(n)
}

// unshift puts back the columns that yamlSafe moved.
func unshift(v *value, edits []edit) {
	byLine := map[int][]edit{}
	for _, e := range edits {
		byLine[e.line] = append(byLine[e.line], e)
	}
	fix := func(p *Pos) {
		for _, e := range byLine[p.Line] {
			if e.col <= p.Column {
				p.Column -= e.delta
			}
		}
	}
	var walk func(v *value)
	walk = func(v *value) {
		fix(&v.pos)
		for i := range v.keys {
			fix(&v.keys[i].pos)
			walk(v.keys[i].val)
		}
		for _, it := range v.items {
			walk(it)
		}
	}
	walk(v)
}

// maxDepth bounds the nesting of JSON values in syntax errors' search (the
// schema needs 3 levels).
const maxDepth = 64

var invalidChar = regexp.MustCompile(`^invalid character ('(?:[^'\\]|\\.)+')`)

// jsonSyntax finds where and why data is not JSON, going through its
// tokens once (the position is computed only for the error).
func jsonSyntax(data []byte) (Pos, string) {
	at := func(off int) Pos { return offsetPos(data, off) }
	skip := func(off int, set string) int {
		for off < len(data) && strings.IndexByte(set, data[off]) >= 0 {
			off++
		}
		return off
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Pos{}, "the file is empty"
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	depth := 0
	for {
		off := skip(int(dec.InputOffset()), " \t\r\n,:")
		tok, err := dec.Token()
		if err != nil {
			var se *json.SyntaxError
			switch {
			case errors.As(err, &se):
				return at(culprit(data, se)), se.Error()
			case errors.Is(err, io.ErrUnexpectedEOF):
				return at(len(data)), "the file ends in the middle of a value"
			case errors.Is(err, io.EOF):
				return at(len(data)), "the file ends where a value was expected"
			}
			return at(off), err.Error()
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			if depth++; depth > maxDepth {
				return at(off), "values nested too deeply"
			}
			continue
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			if rest := skip(int(dec.InputOffset()), " \t\r\n"); rest < len(data) {
				return at(rest), "text after the end of the deck's object"
			}
			return at(len(data)), "the file ends in the middle of a value"
		}
	}
}

// culprit returns the offset of the character a syntax error is about.
// encoding/json's offsets are sometimes just after it, sometimes at it.
func culprit(data []byte, se *json.SyntaxError) int {
	off := int(se.Offset)
	if m := invalidChar.FindStringSubmatch(se.Error()); m != nil {
		if r, _, _, err := strconv.UnquoteChar(m[1][1:len(m[1])-1], '\''); err == nil {
			at := func(i int) bool {
				c, _ := utf8.DecodeRune(data[min(max(i, 0), len(data)):])
				return i >= 0 && i < len(data) && c == r
			}
			if !at(off) && at(off-1) {
				return off - 1
			}
		}
	}
	return off
}

// offsetPos converts a byte offset of data into a line and a column in
// characters.
func offsetPos(data []byte, off int) Pos {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return Pos{Line: line, Column: utf8.RuneCount(data[start:off]) + 1}
}
