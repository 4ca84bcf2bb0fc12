package deck

import (
	"strings"
	"unicode/utf8"

	"github.com/cardgen/cardgen/pkg/diag"
)

// The common form: what every format's reader makes of its file, before
// the schema gives it meaning. It is a tree of values, each with its
// position (and spreadsheet cell), in the shape of the YAML dataset:
//
//	{deck: {title, language, author},
//	 categories: [{id, label, color}, …],
//	 personas: [{id, name, …, conditions: […]}, …]}
//
// YAML and JSON give it as they are written, with the types they have.
// Tables (CSV, .xlsx, .ods) and Markdown give every value as text, named
// by the schema's field name (a header "Code pays" gives country_code),
// and the decoder reads it as a table's cell: conditions one per line,
// copies as digits, a category by its name. Problems of the file's own
// syntax (a bad header, a paragraph too many) are the reader's; problems
// of values are the decoder's, so that every format says them alike.

// vkind is what a value is.
type vkind int

const (
	vText  vkind = iota // text; a YAML or JSON string
	vInt                // a whole number, as YAML and JSON write it
	vFloat              // another number
	vBool
	vNull
	vList
	vMap
)

// value is a node of the common form.
type value struct {
	kind  vkind
	text  string // scalars: the text as written (for numbers, the literal)
	pos   Pos
	keys  []key    // vMap: its keys in file order
	items []*value // vList
	// inFile: text is the cell's text as it stands in the file from pos
	// on, so that a line of it can be located (CSV); quoted: it starts
	// after a double quote.
	inFile, quoted bool
	// comment: a vNull that YAML made of a value written after a key
	// without quotes and starting with # (color: #8A4B14): the comment
	// it read instead, at pos.
	comment string
}

// key is a mapping's key: its name, where it is written, its value.
type key struct {
	name string
	pos  Pos
	val  *value
}

func textAt(s string, pos Pos) *value { return &value{kind: vText, text: s, pos: pos} }

// get returns the value of key k of a mapping, or nil.
func (v *value) get(k string) *value {
	if v == nil {
		return nil
	}
	for i := range v.keys {
		if v.keys[i].name == k {
			return v.keys[i].val
		}
	}
	return nil
}

// set adds key k to a mapping.
func (v *value) set(k string, pos Pos, val *value) {
	v.keys = append(v.keys, key{name: k, pos: pos, val: val})
}

// at returns the position of the character at byte offset off of v's
// text: further down the file for a text that is in the file (a cell of
// several lines), the value's own position otherwise.
func (v *value) at(off int) Pos {
	pos := v.pos
	if !v.inFile {
		return pos
	}
	before := v.text[:off]
	if n := strings.Count(before, "\n"); n > 0 {
		pos.Line += n
		pos.Column = utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
		return pos
	}
	pos.Column += utf8.RuneCountInString(before)
	if v.quoted {
		pos.Column++
	}
	return pos
}

// source is what a reader gives the decoder: the form, and how the
// format speaks of its own syntax in messages.
type source struct {
	root *value
	*dialect
	// lines is the file's text, to locate characters (nil for workbooks).
	lines []string
	// place, when set, gives the problems found at a line of a table's
	// text their cell (CSV).
	place func(diag.List)
	// sep is a CSV file's separator (',' or ';'), 0 for other formats.
	sep rune
}
