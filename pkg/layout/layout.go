// Package layout is the print layout spec: paper, card size, bleed, safe
// margin, grid, gap, crop marks, duplex edge and page order, all in
// millimetres. Specs are YAML files, readable and editable by a person; the
// built-in ones are embedded (package layouts). Load checks every field and
// reports all problems at once, each with its line.
package layout

import (
	"fmt"
	"math"
	"strconv"

	"github.com/cardgen/cardgen/pkg/geom"
)

// Spec is a validated layout.
type Spec struct {
	Name        string
	Description string
	Paper       Paper
	Card        Size    // trim size
	Bleed       float64 // mm around each card that the background reaches
	Safe        float64 // mm inside the trim that text keeps clear of
	Margin      float64 // mm along the paper's edges the printer may not print
	Columns     int
	Rows        int
	Gap         float64 // mm between neighbouring cards' trim edges
	Marks       Marks
	Duplex      Duplex
	Order       Order
	// TrimBox asks for a TrimBox on each page marking the card: for print
	// shops, with one card per page.
	TrimBox bool

	// Source is the file the spec was read from.
	Source string
}

// Size is a width and a height in mm.
type Size struct{ W, H float64 }

// Paper is a sheet.
type Paper struct {
	Name string // "A4", or "" for a custom size
	Size
}

// Landscape reports whether the sheet is wider than tall.
func (p Paper) Landscape() bool { return p.W > p.H }

func (p Paper) String() string {
	dims := fmt.Sprintf("%s × %s mm", mm(p.W), mm(p.H))
	if p.Name != "" {
		return p.Name + " " + dims
	}
	return dims
}

// Marks are the crop marks drawn around cards.
type Marks struct {
	Style  string  // "crop" or "none"
	Length float64 // mm, at most, of each mark
	Offset float64 // mm between a card's bleed edge and its marks
	Width  float64 // mm, the stroke width
}

// Duplex is the edge a double-sided printer turns the sheet on.
type Duplex string

// The duplex edges.
const (
	DuplexLong  Duplex = "long"
	DuplexShort Duplex = "short"
	DuplexNone  Duplex = "none"
)

// Order is the order of pages in the file.
type Order string

// The page orders.
const (
	// Alternate: front sheet 1, back sheet 1, front sheet 2, … (for duplex
	// printing; with one card per sheet: card 1 front, card 1 back, …).
	Alternate Order = "alternate"
)

// Page sizes by name, portrait, in mm.
var papers = map[string]Size{
	"A3":      {297, 420},
	"A4":      {210, 297},
	"A5":      {148, 210},
	"Letter":  {215.9, 279.4},
	"Legal":   {215.9, 355.6},
	"Tabloid": {279.4, 431.8},
}

// PaperNames lists the paper names a spec may use.
var PaperNames = []string{"A3", "A4", "A5", "Letter", "Legal", "Tabloid"}

// PerSheet is the number of cards on one sheet.
func (s *Spec) PerSheet() int { return s.Columns * s.Rows }

// Sheets is the number of sheets n cards need.
func (s *Spec) Sheets(n int) int { return (n + s.PerSheet() - 1) / s.PerSheet() }

// Slot returns the trim rectangle of the card at column c, row r of a front
// sheet: the grid is centred on the paper.
func (s *Spec) Slot(c, r int) geom.Rect {
	gw := float64(s.Columns)*s.Card.W + float64(s.Columns-1)*s.Gap
	gh := float64(s.Rows)*s.Card.H + float64(s.Rows-1)*s.Gap
	x0 := (s.Paper.W - gw) / 2
	y0 := (s.Paper.H - gh) / 2
	return geom.R(x0+float64(c)*(s.Card.W+s.Gap), y0+float64(r)*(s.Card.H+s.Gap), s.Card.W, s.Card.H)
}

// Printable is the area of the paper inside the printer's margin.
func (s *Spec) Printable() geom.Rect {
	return geom.R(0, 0, s.Paper.W, s.Paper.H).Inset(s.Margin)
}

// BackOf returns where the back of a card whose front is at front lands, so
// that printing double-sided puts it exactly behind its front. The sheet turns
// about an axis parallel to the edge named: on a portrait sheet a long-edge
// flip mirrors left-right, a short-edge flip top-bottom; on a landscape sheet
// the other way round.
func (s *Spec) BackOf(front geom.Rect) geom.Rect {
	horizontal := s.Duplex == DuplexLong
	if s.Paper.Landscape() {
		horizontal = s.Duplex == DuplexShort
	}
	switch {
	case s.Duplex == DuplexNone:
		return front
	case horizontal:
		return front.MirrorX(s.Paper.W)
	default:
		return front.MirrorY(s.Paper.H)
	}
}

// mm formats a length to 0.001 mm without needless decimals: 210, 215.9, 3.175.
func mm(v float64) string {
	return strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
}

// MM formats a length in mm for people.
func MM(v float64) string { return mm(v) }

// Side is a card's face: front or back.
type Side int

// The two faces of a card.
const (
	Front Side = iota
	Back
)

func (s Side) String() string {
	if s == Back {
		return "back"
	}
	return "front"
}

// HowToPrint tells a person how to print a PDF made with this layout.
func (s *Spec) HowToPrint() string {
	switch {
	case s.TrimBox:
		return fmt.Sprintf("for a print shop: one face per page, %s × %s mm cards with %s mm bleed, TrimBox set, fronts and backs alternate",
			mm(s.Card.W), mm(s.Card.H), mm(s.Bleed))
	case s.Duplex == DuplexNone:
		return `print single-sided at actual size (100 %), not "fit to page"`
	default:
		return fmt.Sprintf(`print double-sided, flip on the %s edge, at actual size (100 %%), not "fit to page"; cut along the crop marks`, s.Duplex)
	}
}
