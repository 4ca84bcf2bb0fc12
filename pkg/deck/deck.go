package deck

import (
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
	// lines is the source text, to locate characters within a field.
	lines []string
	// ends has the first line of each field the deck knows of, sorted:
	// a field's text ends before the next one starts (Locate).
	ends []int
	// images opens image paths relative to the dataset's folder; nil for
	// a deck built in code.
	images imageOpener
}

// placeCells gives the problems at a spreadsheet cell's position (found
// by checks that know positions only) the cell's reference.
func (d *Deck) placeCells(problems diag.List) {
	cells := map[[2]int]string{}
	note := func(p Pos) {
		if p.Cell != "" {
			cells[[2]int{p.Line, p.Column}] = p.Cell
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
		if p.Cell == "" && p.Line > 0 {
			problems[i].Cell = cells[[2]int{p.Line, p.Column}]
		}
	}
}

// Locate returns where rune r first appears in the source at or after from,
// so that a message can point at the character itself rather than at the
// start of a multi-line field. It returns from when r is not found.
func (d *Deck) Locate(r rune, from Pos) Pos {
	// Search the field's own lines only: up to the next field the deck knows
	// of. A character written as an escape (\u2603) is not in the text as
	// such; it must not be found in some later persona.
	if len(d.lines) == 0 || from.Line < 1 {
		return from
	}
	end := len(d.lines)
	if i, _ := slices.BinarySearch(d.ends, from.Line+1); i < len(d.ends) {
		end = min(end, d.ends[i]-1)
	}
	for i := max(from.Line-1, 0); i < end; i++ {
		col := 0
		for _, c := range d.lines[i] {
			col++
			if c == r && (i > from.Line-1 || col >= from.Column) {
				return Pos{Line: i + 1, Column: col}
			}
		}
	}
	return from
}

// fieldLines returns the lines where the deck's fields start, sorted.
func (d *Deck) fieldLines() []int {
	var lines []int
	for _, p := range d.Fields {
		lines = append(lines, p.Line)
	}
	for _, c := range d.Categories {
		lines = append(lines, c.Pos.Line)
	}
	for i := range d.Personas {
		lines = append(lines, d.Personas[i].Pos.Line)
		for _, p := range d.Personas[i].Fields {
			lines = append(lines, p.Line)
		}
	}
	slices.Sort(lines)
	return slices.Compact(lines)
}

// Category groups personas; its colour marks the cards.
type Category struct {
	ID    string
	Label string
	Color RGB
	Pos   Pos
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
}

// place says where pos is, for a message that points back at it: "on
// line 12", or "in personas!A2" in a workbook.
func (p Pos) place() string {
	if strings.Contains(p.Cell, "!") {
		return "in " + p.Cell
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
