package draw

import "github.com/cardgen/cardgen/pkg/geom"

// Page is a sheet of paper or a picture that holds drawings: the faces an
// imposition placed on a printed sheet, a contact sheet of previews, a
// Tabletop Simulator deck sheet. Its faces are painted in order, then its
// lines over them.
type Page struct {
	W, H float64 // mm
	// TrimBox, when not nil, is the card's trim on a print shop's page.
	TrimBox *geom.Rect
	Faces   []Placed
	// Lines are drawn over the faces, each group with its own pen: crop
	// marks, cut lines, a fold line.
	Lines []Lines
}

// Placed is a drawing placed on a page.
type Placed struct {
	Drawing *Drawing
	// At is where the drawing's own rectangle lands on the page; it has the
	// drawing's size (drawings are placed, not scaled).
	At geom.Rect
	// Rotation turns the drawing about the centre of At, in degrees: 0 or
	// 180 (a back that reads upright once the sheet is turned).
	Rotation int
	// Clip shows only the drawing's own rectangle, without its bleed:
	// pictures of cards as cut.
	Clip bool
}

// Lines are straight lines drawn with one pen (butt caps).
type Lines struct {
	Segs  []geom.Segment
	Width float64 // mm
	Color Color
	Dash  []float64 // mm, on and off in turn; empty for a solid line
}

// Single is a page that shows one drawing as it is: its own rectangle, or
// with its bleed when bleed is true.
func Single(d *Drawing, bleed bool) Page {
	if !bleed || d.Bleed <= 0 {
		return Page{W: d.W, H: d.H, Faces: []Placed{{Drawing: d, At: d.Rect(), Clip: true}}}
	}
	b := d.Bleed
	return Page{W: d.W + 2*b, H: d.H + 2*b, Faces: []Placed{{Drawing: d, At: geom.R(b, b, d.W, d.H)}}}
}
