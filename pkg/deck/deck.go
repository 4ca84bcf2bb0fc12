package deck

import (
	"fmt"
	"path"
	"strings"
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
	// Format is the format the deck was read from: "yaml", "json", "csv" or "md".
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
	// images opens image paths relative to the dataset's folder; nil for
	// a deck built in code.
	images imageOpener
	// cells has the spreadsheet reference (such as "F5") of the CSV cell
	// at each position.
	cells map[Pos]string
}

// Cell returns the spreadsheet reference, such as "F5", of the CSV cell
// whose value starts at pos (Persona.Where gives it), or "" when the deck
// was not read from CSV. Messages about a CSV dataset may name it, as
// spreadsheet users find cells by column letter and row number.
func (d *Deck) Cell(pos Pos) string { return d.cells[pos] }

// Locate returns where rune r first appears in the source at or after from,
// so that a message can point at the character itself rather than at the
// start of a multi-line field. It returns from when r is not found.
func (d *Deck) Locate(r rune, from Pos) Pos {
	// Search the field's own lines only: up to the next field the deck knows
	// of. A character written as an escape (\u2603) is not in the text as
	// such; it must not be found in some later persona.
	end := len(d.lines)
	later := func(p Pos) {
		if p.Line > from.Line && p.Line-1 < end {
			end = p.Line - 1
		}
	}
	for _, p := range d.Fields {
		later(p)
	}
	for _, c := range d.Categories {
		later(c.Pos)
	}
	for i := range d.Personas {
		later(d.Personas[i].Pos)
		for _, p := range d.Personas[i].Fields {
			later(p)
		}
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

// Pos is a 1-based line and column in a source file.
type Pos struct{ Line, Column int }

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
		return c, fmt.Errorf("%q is not a colour: write it as #RRGGBB, for example #1D6A80", s)
	}
	if _, err := fmt.Sscanf(strings.ToLower(s[1:]), "%02x%02x%02x", &c.R, &c.G, &c.B); err != nil {
		return c, fmt.Errorf("%q is not a colour: write it as #RRGGBB with hexadecimal digits 0-9 A-F", s)
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
