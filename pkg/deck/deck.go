// Package deck is the persona dataset: its model, the YAML loader that keeps
// the line and column of every field, and the checks that need no font or
// layout. Field names (id, name, role, country, country_code, category, text,
// conditions, impact; category id, label, color; deck title, language,
// author) are a public schema shared by every dataset format.
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

	// lines is the source text, to locate characters within a field.
	lines []string
}

// Locate returns where rune r first appears in the source at or after from,
// so that a message can point at the character itself rather than at the
// start of a multi-line field. It returns from when r is not found.
func (d *Deck) Locate(r rune, from Pos) Pos {
	for i := max(from.Line-1, 0); i < len(d.lines); i++ {
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
	Impact      string // optional

	// Pos is where the persona starts in its file; Fields has where each
	// field's value is, keyed by field name ("conditions[2]" for a list item).
	Pos    Pos
	Fields map[string]Pos
}

// Pos is a 1-based line and column in a source file.
type Pos struct{ Line, Column int }

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
