// Package geom is plane geometry in millimetres: points, rectangles and the
// few operations imposition and card composition need. The origin is the
// top-left corner of a page or card and y grows downwards, as on paper.
// Nothing here knows about PDF.
package geom

import (
	"fmt"
	"math"
)

// Epsilon is the tolerance, in mm, under which two lengths are equal. It is
// far below anything a printer can show (0.001 mm).
const Epsilon = 1e-6

// PtPerMM is the number of PostScript points in one millimetre.
const PtPerMM = 72 / 25.4

// PtToMM converts a length in points to millimetres.
func PtToMM(pt float64) float64 { return pt / PtPerMM }

// Point is a position in mm.
type Point struct{ X, Y float64 }

// Rect is an axis-aligned rectangle: top-left corner (X, Y), width W and
// height H, all in mm.
type Rect struct{ X, Y, W, H float64 }

// R is shorthand for Rect{x, y, w, h}.
func R(x, y, w, h float64) Rect { return Rect{X: x, Y: y, W: w, H: h} }

// Right is the x of the right edge.
func (r Rect) Right() float64 { return r.X + r.W }

// Bottom is the y of the bottom edge.
func (r Rect) Bottom() float64 { return r.Y + r.H }

// Inset shrinks r by d on every side (a negative d grows it).
func (r Rect) Inset(d float64) Rect { return Rect{r.X + d, r.Y + d, r.W - 2*d, r.H - 2*d} }

// Outset grows r by d on every side.
func (r Rect) Outset(d float64) Rect { return r.Inset(-d) }

// Translate moves r by (dx, dy).
func (r Rect) Translate(dx, dy float64) Rect { return Rect{r.X + dx, r.Y + dy, r.W, r.H} }

// Contains reports whether s lies inside r (edges included, within Epsilon).
func (r Rect) Contains(s Rect) bool {
	return s.X >= r.X-Epsilon && s.Y >= r.Y-Epsilon &&
		s.Right() <= r.Right()+Epsilon && s.Bottom() <= r.Bottom()+Epsilon
}

// Overlaps reports whether r and s share an area larger than Epsilon; rectangles
// that only touch along an edge do not overlap.
func (r Rect) Overlaps(s Rect) bool {
	return r.X < s.Right()-Epsilon && s.X < r.Right()-Epsilon &&
		r.Y < s.Bottom()-Epsilon && s.Y < r.Bottom()-Epsilon
}

// MirrorX reflects r across the vertical line x = width/2 of a page that is
// width wide: the rectangle a long-edge duplex flip lands r on, on a portrait sheet.
func (r Rect) MirrorX(width float64) Rect { return Rect{width - r.X - r.W, r.Y, r.W, r.H} }

// MirrorY reflects r across the horizontal line y = height/2.
func (r Rect) MirrorY(height float64) Rect { return Rect{r.X, height - r.Y - r.H, r.W, r.H} }

// Equal reports whether r and s are the same rectangle within Epsilon.
func (r Rect) Equal(s Rect) bool {
	return math.Abs(r.X-s.X) < Epsilon && math.Abs(r.Y-s.Y) < Epsilon &&
		math.Abs(r.W-s.W) < Epsilon && math.Abs(r.H-s.H) < Epsilon
}

func (r Rect) String() string {
	return fmt.Sprintf("(%.2f, %.2f) %.2f × %.2f mm", r.X, r.Y, r.W, r.H)
}

// Segment is a straight line from A to B, such as a crop mark.
type Segment struct{ A, B Point }

// Bounds is the rectangle a segment spans (zero width or height for an
// axis-aligned segment).
func (s Segment) Bounds() Rect {
	x0, x1 := math.Min(s.A.X, s.B.X), math.Max(s.A.X, s.B.X)
	y0, y1 := math.Min(s.A.Y, s.B.Y), math.Max(s.A.Y, s.B.Y)
	return Rect{x0, y0, x1 - x0, y1 - y0}
}

// Length is the segment's length in mm.
func (s Segment) Length() float64 { return math.Hypot(s.B.X-s.A.X, s.B.Y-s.A.Y) }

// Touches reports whether the axis-aligned segment s, thickened by half a
// stroke width w on each side, meets the rectangle r.
func (s Segment) Touches(r Rect, w float64) bool {
	b := s.Bounds().Outset(w / 2)
	return b.X <= r.Right() && r.X <= b.Right() && b.Y <= r.Bottom() && r.Y <= b.Bottom()
}
