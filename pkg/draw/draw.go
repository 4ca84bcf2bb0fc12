// Package draw is what a card face or a page is once composed: plain data in
// millimetres that a renderer paints as it is. It knows nothing of personas,
// decks or layouts: package face composes a persona into a Drawing, package
// guide and package calibrate compose their sheets into Drawings, and the
// renderers (render/pdf, render/svg, render/png) each paint the same
// Drawing, so that a preview, a picture and the printed page cannot
// disagree.
//
// Coordinates are in mm from the drawing's top-left corner, y downwards
// (package geom). A card face's own rectangle is its trim; its bleed lies at
// negative coordinates and past its width and height. Text sizes are in
// points, as type is measured.
//
// A Drawing is painted in layers, always in this order, each layer in slice
// order: fills, images, icons, shapes, rules, text. Renderers must keep it:
// it is what makes their outputs agree.
package draw

import (
	"fmt"
	"strings"

	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// Color is an sRGB colour, 8 bits a channel, always opaque.
type Color struct{ R, G, B uint8 }

// White and Black are the two colours every sheet uses.
var (
	White = Color{R: 0xFF, G: 0xFF, B: 0xFF}
	Black = Color{}
)

// String is the colour as #RRGGBB.
func (c Color) String() string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

// Drawing is one card face or one page.
type Drawing struct {
	// W and H are the size of the drawing's own rectangle (0, 0, W, H) in
	// mm: a card's trim, or a sheet's paper.
	W, H float64
	// Bleed is how far, in mm, the drawing runs past each edge of its
	// rectangle (the background of a card that is cut after printing).
	Bleed float64

	Fills  []Fill
	Images []ImageBox
	Icons  []Icon
	Shapes []Shape
	Rules  []Rule
	Text   []Text
}

// Rect is the drawing's own rectangle.
func (d *Drawing) Rect() geom.Rect { return geom.R(0, 0, d.W, d.H) }

// BleedRect is the drawing's rectangle grown by its bleed.
func (d *Drawing) BleedRect() geom.Rect { return d.Rect().Outset(d.Bleed) }

// Fill is a filled rectangle.
type Fill struct {
	Rect  geom.Rect
	Color Color
}

// ImageBox is where a picture goes; Key names it among the images given
// to the renderer (see Image).
type ImageBox struct {
	Key  string
	Rect geom.Rect
}

// Image is a picture as the renderers receive it: encoded PNG or JPEG
// bytes, which the PDF embeds as they are, the SVG as a data URL, and the
// PNG renderer decodes and scales.
type Image struct {
	Type string // "PNG" or "JPG"
	Data []byte
}

// Icon is one of package icons' icons, by name, drawn in Rect in one
// colour. It is kept whole rather than as shapes, so that a renderer can
// draw each icon once and place it on every card.
type Icon struct {
	Name  string
	Rect  geom.Rect
	Color Color
}

// Shape is a filled polygon (non-zero winding).
type Shape struct {
	Points []geom.Point
	Color  Color
}

// Rule is a straight line, stroked with butt caps.
type Rule struct {
	Seg   geom.Segment
	Width float64 // mm
	Color Color
	// Dash, when not empty, is the dash pattern: lengths in mm, on and off
	// in turn, from the start of the line.
	Dash []float64 `json:",omitempty"`
}

// Text is one line of text: runs of one size and colour, each in its own
// style, placed as the text fitter placed them.
type Text struct {
	// Tag says what the line shows, for tests and tools (a dataset field
	// such as "text" or "conditions[2]", "label", "footer"). Renderers
	// ignore it.
	Tag      string
	Size     float64 // pt
	Color    Color
	X        float64 // mm, start of the line
	Baseline float64 // mm
	Runs     []Run
	// Box is where the line's glyphs may reach: from X to X+width, from the
	// ascent above the baseline to the descent below it.
	Box geom.Rect
}

// Run is a piece of a line in one style: its characters, its x offset from
// the line's start and its advance width, both in mm, as measured by
// package typeface (the widths the PDF gives the glyphs).
type Run struct {
	Text  string
	Style typeface.Style
	X     float64
	W     float64
}

// String is the line's characters.
func (t Text) String() string {
	var b strings.Builder
	for _, r := range t.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}
