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
	Orientation string  // "portrait", "landscape", "auto" or "" as the spec says
	Card        Size    // trim size
	Bleed       float64 // mm around each card that the background reaches
	Safe        float64 // mm inside the trim that text keeps clear of
	Margin      float64 // mm along the paper's edges the printer may not print
	Columns     int
	Rows        int
	// GridGiven is false when the grid was computed: the most cards that fit
	// the printable area, centred.
	GridGiven bool
	Gap       float64 // mm between neighbouring cards' trim edges
	Marks     Marks
	Duplex    Duplex
	Order     Order
	// TrimBox asks for a TrimBox on each page marking the card: for print
	// shops, with one card per page.
	TrimBox bool
	// Fold, when not FoldNone, prints each back beside its front on the same
	// side of the sheet, across a fold line, for printers without duplex.
	Fold Fold
	// Backs says whether backs show each card's details or one common design.
	Backs Backs
	// InkSaver keeps colour to thin bands and outlines, on white.
	InkSaver bool
	// BackOffset shifts every back, in mm, to make up for a printer that
	// does not print its back side where it should (see cardgen calibrate).
	BackOffset geom.Point

	// Source is the file the spec was read from: a path for a user's file,
	// "a4.yaml" for a built-in.
	Source string
	// FromFile is true for a layout read from a user's file (LoadFile,
	// Parse), false for a built-in one (Builtin, LoadFS).
	FromFile bool
	// Stem is Source's base name without its extension: "mine" for
	// ./layouts/mine.yaml. Name defaults to it.
	Stem string
}

// FileLabel is what names this layout in output file names: a built-in's
// name, or the stem of the user's file ("mine" for ./mine.yaml, whatever
// its name: field says). A file whose stem is a built-in's name gets
// "-custom" appended, so that a custom layout never writes over the
// built-in's file.
func (s *Spec) FileLabel() string {
	if !s.FromFile {
		return s.Name
	}
	if IsBuiltin(s.Stem) {
		return s.Stem + "-custom"
	}
	return s.Stem
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
	Style  MarkStyle
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
	// FrontsThenBacks: every front sheet, then every back sheet, for a
	// printer that prints one side, then takes the stack again.
	FrontsThenBacks Order = "fronts-then-backs"
)

// Fold is the direction of the fold line of a fold-and-glue layout.
type Fold string

// The fold directions.
const (
	FoldNone Fold = "none"
	// FoldHorizontal: fronts in the top half, backs in the bottom half,
	// turned upside down, so that folding the sheet along its middle puts
	// each back behind its front.
	FoldHorizontal Fold = "horizontal"
	// FoldVertical: fronts in the left half, backs mirrored in the right half.
	FoldVertical Fold = "vertical"
)

// Backs is what the back of a card shows.
type Backs string

// The kinds of back.
const (
	BacksDetails Backs = "details" // the card's conditions and impact
	BacksCommon  Backs = "common"  // one design for every card
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

// region is the part of the printable area that holds the fronts: all of it,
// or the half on the front side of the fold line.
func (s *Spec) region() geom.Rect {
	p := s.Printable()
	switch s.Fold {
	case FoldHorizontal:
		return geom.R(p.X, p.Y, p.W, s.Paper.H/2-p.Y)
	case FoldVertical:
		return geom.R(p.X, p.Y, s.Paper.W/2-p.X, p.H)
	}
	return p
}

// MaxGrid is the most columns, and the most rows, of a grid, given or
// computed.
const MaxGrid = 100

// fitCount is how many cards of length card, with bleed around each and gap
// between trims, fit in room: worked out, not counted, and at most MaxGrid.
func fitCount(room, card, bleed, gap float64) int {
	if !(card > 0) || !(card+gap > 0) {
		return 0
	}
	n := math.Floor((room-2*bleed+gap)/(card+gap) + 1e-9)
	if !(n >= 0) { // negative or NaN
		return 0
	}
	return int(min(n, MaxGrid))
}

// computeGrid sets the grid to the most cards that fit the front region.
func (s *Spec) computeGrid() {
	r := s.region()
	s.Columns = fitCount(r.W, s.Card.W, s.Bleed, s.Gap)
	s.Rows = fitCount(r.H, s.Card.H, s.Bleed, s.Gap)
}

// Slot returns the trim rectangle of the card at column c, row r of a front
// sheet. The grid is centred on the paper; in a fold layout it is centred
// along the fold and set against it, one gap (twice the bleed) from the
// backs across the fold line.
func (s *Spec) Slot(c, r int) geom.Rect {
	gw := float64(s.Columns)*s.Card.W + float64(s.Columns-1)*s.Gap
	gh := float64(s.Rows)*s.Card.H + float64(s.Rows-1)*s.Gap
	x0 := (s.Paper.W - gw) / 2
	y0 := (s.Paper.H - gh) / 2
	switch s.Fold {
	case FoldHorizontal:
		y0 = s.Paper.H/2 - s.Bleed - gh
	case FoldVertical:
		x0 = s.Paper.W/2 - s.Bleed - gw
	}
	return geom.R(x0+float64(c)*(s.Card.W+s.Gap), y0+float64(r)*(s.Card.H+s.Gap), s.Card.W, s.Card.H)
}

// Printable is the area of the paper inside the printer's margin.
func (s *Spec) Printable() geom.Rect {
	return geom.R(0, 0, s.Paper.W, s.Paper.H).Inset(s.Margin)
}

// Folded reports whether this is a fold-and-glue layout.
func (s *Spec) Folded() bool { return s.Fold == FoldHorizontal || s.Fold == FoldVertical }

// FoldLine is the fold of a fold layout, across the printable area.
func (s *Spec) FoldLine() (geom.Segment, bool) {
	p := s.Printable()
	switch s.Fold {
	case FoldHorizontal:
		y := s.Paper.H / 2
		return geom.Segment{A: geom.Point{X: p.X, Y: y}, B: geom.Point{X: p.Right(), Y: y}}, true
	case FoldVertical:
		x := s.Paper.W / 2
		return geom.Segment{A: geom.Point{X: x, Y: p.Y}, B: geom.Point{X: x, Y: p.Bottom()}}, true
	}
	return geom.Segment{}, false
}

// MirrorsLeftRight reports whether backs are mirrored left-right (else
// top-bottom). The sheet turns about an axis parallel to the edge named: on
// a portrait sheet a long-edge flip mirrors left-right, a short-edge flip
// top-bottom; on a landscape sheet the other way round. With no duplex the
// user turns the stack as for a long-edge flip. A vertical fold mirrors
// left-right, a horizontal one top-bottom.
func (s *Spec) MirrorsLeftRight() bool {
	switch s.Fold {
	case FoldHorizontal:
		return false
	case FoldVertical:
		return true
	}
	long := s.Duplex != DuplexShort
	return long != s.Paper.Landscape()
}

// BackOf returns where the back of a card whose front is at front goes, so
// that it lands exactly behind its front once the sheet is turned (duplex)
// or folded; duplex backs are then shifted by BackOffset.
func (s *Spec) BackOf(front geom.Rect) geom.Rect {
	var back geom.Rect
	if s.MirrorsLeftRight() {
		back = front.MirrorX(s.Paper.W)
	} else {
		back = front.MirrorY(s.Paper.H)
	}
	if !s.Folded() {
		back = back.Translate(s.BackOffset.X, s.BackOffset.Y)
	}
	return back
}

// BacksOnPaper reports whether every back, with its bleed and shifted by the
// back offset, lies inside the printable area. BackOf mirrors and shifts the
// whole sheet at once, so the backs of the first and last slots bound all
// the others: two checks, whatever the size of the grid.
func (s *Spec) BacksOnPaper() bool {
	if s.Columns < 1 || s.Rows < 1 {
		return true
	}
	p := s.Printable()
	return p.Contains(s.BackOf(s.Slot(0, 0)).Outset(s.Bleed)) &&
		p.Contains(s.BackOf(s.Slot(s.Columns-1, s.Rows-1)).Outset(s.Bleed))
}

// BackRotation is the rotation, in degrees, of a back's content relative to
// its front's. People turn a card over left to right; when the sheet turns
// top over bottom instead (a short-edge flip on portrait paper, a long-edge
// flip on landscape paper, a horizontal fold), a back drawn upright would
// read upside down in the hand, so it is drawn turned by 180°.
func (s *Spec) BackRotation() int {
	if s.MirrorsLeftRight() {
		return 0
	}
	return 180
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

// HowToPrint tells a person how to print a PDF made with this layout that
// holds faces.
func (s *Spec) HowToPrint(faces Faces) string {
	const actual = `at actual size (100 %), not "fit to page"`
	switch {
	case s.TrimBox:
		return fmt.Sprintf("for a print shop: one face per page, %s × %s mm cards with %s mm bleed, TrimBox set",
			mm(s.Card.W), mm(s.Card.H), mm(s.Bleed))
	case faces == FrontsOnly:
		return "the front sheets only: print single-sided " + actual + "; " + s.CutHow()
	case faces == BacksOnly:
		return "the back sheets only (no marks: cut along the fronts'): print them on the back of the printed fronts, " + actual
	case s.Folded():
		return "print single-sided " + actual + "; cut out each front-and-back pair, fold it along the grey dash-dotted line, glue, then " + s.CutHow()
	case s.Duplex == DuplexNone:
		return "print the front sheets single-sided " + actual + ", put the printed stack back in the tray so that each sheet turns on its long edge and the first sheet is printed first (check with cardgen calibrate), then print the back sheets"
	default:
		return fmt.Sprintf("print double-sided, flip on the %s edge, %s; %s", s.Duplex, actual, s.CutHow())
	}
}

// CutHow tells a person how to cut the printed sheets, as the marks.style
// draws them: "cut along the crop marks", "cut along the dashed lines", or,
// with no marks, the size to cut each card to.
func (s *Spec) CutHow() string {
	switch s.Marks.Style {
	case MarksCut:
		return "cut along the dashed lines"
	case MarksNone:
		if s.Bleed > 0 {
			return fmt.Sprintf("cut each card to %s × %s mm, %s mm inside its coloured edge (no marks are printed)", mm(s.Card.W), mm(s.Card.H), mm(s.Bleed))
		}
		return fmt.Sprintf("cut each card to %s × %s mm, along its edges (no marks are printed)", mm(s.Card.W), mm(s.Card.H))
	}
	return "cut along the crop marks"
}
