package deck

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/cardgen/cardgen/pkg/diag"
)

// Deck is a dataset: metadata, categories and personas, in file order.
type Deck struct {
	Title      string
	Language   string // BCP 47 tag, such as "fr"
	Author     string
	Categories []Category
	Personas   []Persona

	// Source names the file the deck was read from, as the user gave it.
	Source string
	// Name is a short ASCII name for output files: the source file's name
	// without its extension ("personas").
	Name string
	// Dir is the folder of the dataset file, as the user gave it ("." for a
	// file in the current folder): images are relative to it. It is "" for
	// a deck read from an fs.FS; use OpenImage to read a persona's image
	// whatever the deck came from.
	Dir string
	// Format is the format the deck was read from: one of Formats.
	Format string
	// Fields has where the deck's own fields (title, language, author) are,
	// where the format says.
	Fields map[string]Pos
	// Total is the number of personas of the whole deck this one was
	// selected from (Select); 0 for a deck never selected from. See Number.
	Total int

	// near has, for each category a flat dataset created from a new name,
	// the existing category that name is one or two letters from: likely a typo.
	near map[string]string
	// madeIDs has, for each persona (by its Pos) whose id a table or a
	// Markdown file made from the name, the id's empty cell, if the table
	// has an id column.
	madeIDs map[Pos]Pos
	// lines is the source text, to locate characters within a field.
	lines []string
	// separator is a CSV file's separator (Separator).
	separator rune
	// starts has where each field the deck knows of starts, sorted: a
	// field's text ends where the next one starts (Locate).
	starts []lineCol
	// images opens image paths relative to the dataset's folder; nil for
	// a deck built in code.
	images imageOpener
}

// Separator is the separator of the CSV file the deck was read from, ','
// or ';' (LibreOffice saves with commas, Excel in French with semicolons),
// so that a message shows a row as the file writes it; 0 for a deck of any
// other format.
func (d *Deck) Separator() rune { return d.separator }

// placeCells gives the problems at a spreadsheet cell's position (found
// by checks that know positions only) the cell's reference, and its
// column's header.
func (d *Deck) placeCells(problems diag.List) {
	cells := map[[2]int]Pos{}
	note := func(p Pos) {
		at := [2]int{p.Line, p.Column}
		if p.Cell != "" && cells[at].Header == "" {
			cells[at] = p
		}
	}
	for _, c := range d.Categories {
		note(c.Pos)
	}
	for i := range d.Personas {
		note(d.Personas[i].Pos)
		for _, p := range d.Personas[i].Fields {
			note(p)
		}
	}
	if len(cells) == 0 {
		return
	}
	for i, p := range problems {
		if c := cells[[2]int{p.Line, p.Column}]; p.Cell == "" && p.Line > 0 {
			problems[i].Cell, problems[i].Header = c.Cell, c.Header
		}
	}
}

// Locate returns where rune r first appears in the source at or after from,
// so that a message can point at the character itself rather than at the
// start of a multi-line field. It returns from when r is not found. The
// place keeps from's cell: in a table, a character of a cell of several
// lines is on a line of its own, but in the same cell.
func (d *Deck) Locate(r rune, from Pos) Pos {
	// Search the field's own text only: up to where the next field the
	// deck knows of starts. A character written as an escape (\u2603) is
	// not in the text as such; it must not be found in some later field.
	if len(d.lines) == 0 || from.Line < 1 {
		return from
	}
	end := lineCol{Line: len(d.lines) + 1}
	i, found := slices.BinarySearchFunc(d.starts, lineCol{Line: from.Line, Column: from.Column}, compareLineCol)
	if found {
		i++
	}
	if i < len(d.starts) {
		end = d.starts[i] // the first field after from
	}
	for i := from.Line - 1; i < min(end.Line, len(d.lines)); i++ {
		col := 0
		for _, c := range d.lines[i] {
			col++
			if i == end.Line-1 && col >= end.Column {
				break
			}
			if c == r && (i > from.Line-1 || col >= from.Column) {
				return Pos{Line: i + 1, Column: col, Cell: from.Cell, Header: from.Header}
			}
		}
	}
	return from
}

// lineCol is a place in a file, without its cell: Locate's index of
// where fields start holds one per field of the deck, and keeps it small.
type lineCol struct{ Line, Column int }

func compareLineCol(a, b lineCol) int {
	return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
}

// fieldStarts returns where the deck's fields start, sorted.
func (d *Deck) fieldStarts() []lineCol {
	n := len(d.Fields) + len(d.Personas)
	for i := range d.Personas {
		n += len(d.Personas[i].Fields)
	}
	starts := make([]lineCol, 0, n)
	note := func(p Pos) {
		if p.Line > 0 {
			starts = append(starts, lineCol{p.Line, p.Column})
		}
	}
	for _, p := range d.Fields {
		note(p)
	}
	for _, c := range d.Categories {
		note(c.Pos)
		for _, p := range c.Fields {
			note(p)
		}
	}
	for i := range d.Personas {
		note(d.Personas[i].Pos)
		for _, p := range d.Personas[i].Fields {
			note(p)
		}
	}
	slices.SortFunc(starts, compareLineCol)
	return slices.Compact(starts)
}

// Category groups personas; its colour marks the cards.
type Category struct {
	ID    string
	Label string
	Color RGB
	// Pos is where the category is defined in its file (or, for one a
	// persona's category made, where that persona names it); Fields has
	// where each of its values (id, label, color) is, where the file
	// gives it.
	Pos    Pos
	Fields map[string]Pos
}

// Where returns the position of a category's field, or of the category
// when the field has none (a colour from the palette).
func (c *Category) Where(field string) Pos {
	if pos, ok := c.Fields[field]; ok {
		return pos
	}
	return c.Pos
}

// Persona is one card.
type Persona struct {
	ID          string
	Name        string
	Role        string
	Country     string // as the dataset writes it
	CountryCode string // ISO 3166-1 alpha-2
	Category    string // a Category.ID
	Text        string // first-person text, with *inline* **emphasis**
	Conditions  []string
	Impact      string   // optional
	Image       string   // optional: a PNG or JPEG file, relative to the dataset's folder
	Copies      int      // how many of this card to print; 0 means 1
	Tags        []string // optional labels, for selection and sorting by tools

	// Pos is where the persona starts in its file; Fields has where each
	// field's value is, keyed by field name ("conditions[2]" for a list item).
	Pos    Pos
	Fields map[string]Pos
	// Number is the persona's place in the whole deck, from 1, which a
	// selection keeps (Select): Koffi, card 2 of 20, stays 2/20 printed
	// alone. 0 in a deck never selected from. See Deck.Number.
	Number int
}

// Pos is a 1-based line and column in a source file and, in a table, the
// cell: "F5" in a CSV file, "personas!D4" (sheet and cell) in a workbook,
// whose Line and Column are then the cell's row and column.
type Pos struct {
	Line, Column int
	Cell         string
	// Header is the header of the cell's column as the file writes it
	// ("texte", "rôle"), for a value read from a column under a header
	// row; "" elsewhere (a persona's row, a key row above the header, a
	// YAML, JSON or Markdown file). A message names the column by it.
	Header string
}

// Fill sets p's place to pos: its line, column, cell and column header.
func (pos Pos) Fill(p *diag.Problem) {
	p.Line, p.Column, p.Cell, p.Header = pos.Line, pos.Column, pos.Cell, pos.Header
}

// place says where pos is, for a message that points back at it: "on
// line 12", "in cell A2" in a CSV file, or "in personas!A2" in a workbook.
func (p Pos) place() string {
	switch {
	case strings.Contains(p.Cell, "!"):
		return "in " + p.Cell
	case p.Cell != "":
		return "in cell " + p.Cell
	}
	return fmt.Sprintf("on line %d", p.Line)
}

// Count returns how many copies of the card to print: Copies, or 1 when it is 0.
func (p *Persona) Count() int { return max(p.Copies, 1) }

// Where returns the position of field, or of the persona when the field has none.
func (p *Persona) Where(field string) Pos {
	if pos, ok := p.Fields[field]; ok {
		return pos
	}
	return p.Pos
}

// Category returns the category with id, or nil.
func (d *Deck) Category(id string) *Category {
	for i := range d.Categories {
		if d.Categories[i].ID == id {
			return &d.Categories[i]
		}
	}
	return nil
}

// RGB is a colour with 8-bit channels.
type RGB struct{ R, G, B uint8 }

// ParseRGB reads "#RRGGBB".
func ParseRGB(s string) (RGB, error) {
	var c RGB
	if len(s) != 7 || s[0] != '#' {
		return c, fmt.Errorf("%s is not a colour: write it as #RRGGBB, for example #1D6A80", diag.Quote(s))
	}
	if _, err := fmt.Sscanf(strings.ToLower(s[1:]), "%02x%02x%02x", &c.R, &c.G, &c.B); err != nil {
		return c, fmt.Errorf("%s is not a colour: write it as #RRGGBB with hexadecimal digits 0-9 A-F", diag.Quote(s))
	}
	return c, nil
}

func (c RGB) String() string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

// nameFromPath derives a deck's file-name part from its source path.
func nameFromPath(p string) string {
	base := path.Base(strings.ReplaceAll(p, "\\", "/"))
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	if s := Slug(base); s != "" {
		return s
	}
	return "deck"
}
