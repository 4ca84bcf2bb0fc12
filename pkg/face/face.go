// Package face composes card faces: it turns a persona into a drawing
// (package draw) of positioned, fitted, coloured lines of text, filled
// rectangles, rules, icons, a locator map and pictures, in millimetres
// relative to the card's top-left trim corner (the bleed lies at negative
// coordinates and past the card's width and height). It draws nothing: the
// renderers paint the drawing, and tests check it with plain numbers.
//
// Any card from 40 × 40 mm to 300 × 300 mm is composed the same way, its
// sizes following the card's (Style.For). A portrait or square card stacks
// its front: the category's band, the name block, a rule, the persona's
// text and, below it, a locator map of the persona's country. A landscape
// card (at least 1.2 times as wide as tall) sets the name block and the map
// in a column beside the text, and its back's conditions beside the impact.
//
// Problems come back as *FieldError values that say which field failed
// (Field), so that callers find where it is written without reading text.
package face

import (
	"errors"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/icons"
	"github.com/cardgen/cardgen/pkg/textfit"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// ImageRef describes a persona's picture to compose around: a key the
// renderer knows it by, and its size in pixels for its proportions.
type ImageRef struct {
	Key  string
	W, H int
}

// Geometry is the card's size and zones, in mm.
type Geometry struct {
	W, H  float64
	Bleed float64
	Safe  float64
}

// SafeRect is the zone text stays in.
func (g Geometry) SafeRect() geom.Rect { return geom.R(0, 0, g.W, g.H).Inset(g.Safe) }

// BleedRect is the card with its bleed.
func (g Geometry) BleedRect() geom.Rect { return geom.R(0, 0, g.W, g.H).Outset(g.Bleed) }

// Landscape reports whether the card is composed in landscape: at least 1.2
// times as wide as it is tall. Square cards are composed as portrait ones.
func (g Geometry) Landscape() bool { return g.W >= 1.2*g.H }

// scale is the card's size relative to a tarot card in its orientation
// (70 × 120 mm, or 120 × 70): the factor of the lengths and type sizes of
// its design. It follows the card's area, so that a square card's type is
// as large as its room allows, but no more than 1.3 times its shorter
// proportion, so that a narrow card's name still fits its width.
func (g Geometry) scale() float64 {
	k := min(g.W/70, g.H/120)
	if g.Landscape() {
		k = min(g.W/120, g.H/70)
	}
	return min(math.Sqrt(g.W*g.H/(70*120)), 1.3*k)
}

// Content is what a card shows.
type Content struct {
	Persona  *deck.Persona
	Category *deck.Category
	Number   string // "7/20"
	Title    string // the deck's title
	// Headings of the back.
	ConditionsLabel, ImpactLabel string
	// Image, when not nil, is the persona's picture, set on the front
	// above the first-person text.
	Image *ImageRef
	// CommonBack asks for one back design for every card: the deck's title
	// in a frame, with nothing that tells one card from another.
	CommonBack bool
	// Typeset applies the language's typography to a string of user text
	// (nil: text is used as it is).
	Typeset func(string) string
}

// Compose lays out both faces of a card, each a drawing the size of the
// card with its bleed. st is the style for the card's size (Style.For).
func Compose(c Content, g Geometry, fam *typeface.Family, st Style) (front, back draw.Drawing, err error) {
	if c.Typeset == nil {
		c.Typeset = func(s string) string { return s }
	}
	cp := composer{c: c, g: g, fam: fam, st: st, safe: g.SafeRect(), cat: draw.Color(c.Category.Color), k: g.scale()}
	front, err1 := cp.front()
	var err2 error
	if c.CommonBack {
		back, err2 = cp.commonBack()
	} else {
		back, err2 = cp.back()
	}
	return front, back, errors.Join(err1, err2)
}

type composer struct {
	c    Content
	cat  draw.Color // the category's colour
	g    Geometry
	fam  *typeface.Family
	st   Style
	safe geom.Rect
	k    float64 // the card's scale (Geometry.scale)
}

func (cp *composer) fieldErr(side Side, f Field, err error) error {
	return &FieldError{Card: cp.c.Persona.ID, Side: side, Field: f, Err: err}
}

// place appends the lines of a block set at box to f.
func (cp *composer) place(f *draw.Drawing, b textfit.Block, box geom.Rect, field func(textfit.SetLine) string, color func(textfit.SetLine) draw.Color, align float64) {
	for _, l := range b.Lines {
		x := box.X + l.X + align*(box.W-l.X-l.Width)
		t := draw.Text{Tag: field(l), Size: l.Size, Color: color(l), X: x, Baseline: box.Y + l.Baseline,
			Runs: runs(l.Pieces)}
		t.Box = geom.R(x, t.Baseline-l.Ascent, l.Width, l.Ascent+l.Descent)
		f.Text = append(f.Text, t)
		if l.Bullet != "" {
			bx := box.X + l.BulletX
			bw := cp.fam.Face(typeface.Regular).Width(l.Bullet, l.Size)
			f.Text = append(f.Text, draw.Text{Tag: field(l), Size: l.Size, Color: cp.cat, X: bx, Baseline: t.Baseline,
				Runs: []draw.Run{{Text: l.Bullet, W: bw}}, Box: geom.R(bx, t.Box.Y, bw, t.Box.H)})
		}
	}
}

// drawing starts a face: the card's size and bleed, and its ground.
func (cp *composer) drawing(ground draw.Color) draw.Drawing {
	return draw.Drawing{W: cp.g.W, H: cp.g.H, Bleed: cp.g.Bleed,
		Fills: []draw.Fill{{Rect: cp.g.BleedRect(), Color: ground}}}
}

// runs copies the fitter's pieces of a line into the drawing.
func runs(pieces []textfit.Piece) []draw.Run {
	out := make([]draw.Run, len(pieces))
	for i, p := range pieces {
		out[i] = draw.Run{Text: p.Text, Style: p.Style, X: p.X, W: p.W}
	}
	return out
}

func fixed(s string) func(textfit.SetLine) string { return func(textfit.SetLine) string { return s } }
func color(c draw.Color) func(textfit.SetLine) draw.Color {
	return func(textfit.SetLine) draw.Color { return c }
}

// fit sets one field's text in box.
func (cp *composer) fit(side Side, field Field, text string, style typeface.Style, r Range, box geom.Rect, maxLines int, leading float64) (textfit.Block, error) {
	runs, err := textfit.ParseInline(cp.c.Typeset(text), style)
	if err != nil {
		return textfit.Block{}, cp.fieldErr(side, field, err)
	}
	b, err := fitText(cp.fam, []textfit.Para{{Runs: runs}}, textfit.Spec{
		Width: box.W, Height: box.H, Max: r.Max, Min: r.Min, MaxLines: maxLines, Leading: leading})
	if err != nil {
		return b, cp.fieldErr(side, field, err)
	}
	return b, nil
}

// icon draws the category's icon (a neutral one for a category package
// icons does not know) at the right end of box, as tall as the box (at most
// IconMax), and returns the width it takes with the gap before it.
func (cp *composer) icon(f *draw.Drawing, box geom.Rect, c draw.Color) float64 {
	side := min(box.H, cp.st.IconMax)
	f.Icons = append(f.Icons, draw.Icon{Name: icons.ForCategory(cp.c.Category.ID),
		Rect: geom.R(box.Right()-side, box.Y+(box.H-side)/2, side, side), Color: c})
	return side + cp.st.Gap
}

// band draws the coloured band at the top of a face, from the bleed edge to
// height mm below the trim, and returns the colour of text set on it. In
// ink-saver mode the band is white, with a thin stripe at the top and a rule
// at its foot in the category colour, and its text takes that colour.
func (cp *composer) band(f *draw.Drawing, height float64) draw.Color {
	bl := cp.g.BleedRect()
	c := cp.cat
	if cp.st.InkSaver {
		f.Fills = append(f.Fills, draw.Fill{Rect: geom.R(bl.X, bl.Y, bl.W, cp.st.StripeWidth-bl.Y), Color: c})
		cp.hrule(f, height, c)
		return c
	}
	f.Fills = append(f.Fills, draw.Fill{Rect: geom.R(bl.X, bl.Y, bl.W, height-bl.Y), Color: c})
	return cp.st.OnBand
}

// hrule draws a rule across the safe zone at y.
func (cp *composer) hrule(f *draw.Drawing, y float64, c draw.Color) {
	s := cp.safe
	f.Rules = append(f.Rules, draw.Rule{Seg: geom.Segment{A: geom.Point{X: s.X, Y: y}, B: geom.Point{X: s.Right(), Y: y}},
		Width: cp.st.RuleWidth, Color: c})
}

// vrule draws a rule down from y0 to y1 at x.
func (cp *composer) vrule(f *draw.Drawing, x, y0, y1 float64, c draw.Color) {
	f.Rules = append(f.Rules, draw.Rule{Seg: geom.Segment{A: geom.Point{X: x, Y: y0}, B: geom.Point{X: x, Y: y1}},
		Width: cp.st.RuleWidth, Color: c})
}

// footer sets the card number and the deck title beside it at the bottom
// of the safe zone, and returns the footer's top. A title too long for a
// small card's footer is cut after a word, with an ellipsis, as long as at
// least half of it shows; one longer than that is an error, for the teacher
// to shorten.
func (cp *composer) footer(f *draw.Drawing, errs *[]error, side Side) float64 {
	st, s := cp.st, cp.safe
	h := geom.PtToMM(st.Footer.Max) * 1.2
	top := s.Bottom() - h
	numW := cp.fam.Face(typeface.Bold).Width(cp.c.Number, st.Footer.Max)
	if b, err := fitText(cp.fam, []textfit.Para{{Runs: []textfit.Run{{Text: cp.c.Number, Style: typeface.Bold}}}},
		textfit.Spec{Width: s.W, Height: h, Max: st.Footer.Max, Min: st.Footer.Max, MaxLines: 1}); err != nil {
		*errs = append(*errs, cp.fieldErr(side, Field{Part: CardNumber}, err))
	} else {
		cp.place(f, b, geom.R(s.X, top, s.W, h), fixed("number"), color(st.Muted), 1)
	}
	titleBox := geom.R(s.X, top, s.W-numW-max(3*cp.k, 2), h)
	title := cp.c.Typeset(cp.c.Title)
	spec := textfit.Spec{Width: titleBox.W, Height: h, Max: st.Footer.Max, Min: st.Footer.Min, MaxLines: 1}
	fit := func(text string) (textfit.Block, error) {
		return fitText(cp.fam, []textfit.Para{{Runs: []textfit.Run{{Text: text, Style: typeface.Regular}}}}, spec)
	}
	b, err := fit(title)
	if err != nil {
		// Words off the end until the rest and an ellipsis fit.
		words := strings.Split(title, " ")
		for n := len(words) - 1; n > 0; n-- {
			short := strings.TrimRight(strings.Join(words[:n], " "), " ,;:–—") + "…"
			if 2*utf8.RuneCountInString(short) < utf8.RuneCountInString(title) {
				break
			}
			if b2, err2 := fit(short); err2 == nil {
				b, err = b2, nil
				break
			}
		}
	}
	if err != nil {
		*errs = append(*errs, cp.fieldErr(side, Field{Part: DeckTitle}, err))
	} else {
		cp.place(f, b, titleBox, fixed("title"), color(st.Muted), 0)
	}
	return top
}

// commonBack is the same for every card: a dark ground (white in ink-saver
// mode), a double frame inside the safe zone and the deck's title.
func (cp *composer) commonBack() (draw.Drawing, error) {
	st, s := cp.st, cp.safe
	ground, ink := st.CommonBack, st.OnBand
	if st.InkSaver {
		ground, ink = draw.White, st.CommonBack
	}
	f := cp.drawing(ground)
	frame := func(r geom.Rect, w float64) {
		pts := []geom.Point{{X: r.X, Y: r.Y}, {X: r.Right(), Y: r.Y}, {X: r.Right(), Y: r.Bottom()}, {X: r.X, Y: r.Bottom()}}
		for i := range pts {
			f.Rules = append(f.Rules, draw.Rule{Seg: geom.Segment{A: pts[i], B: pts[(i+1)%4]}, Width: w, Color: ink})
		}
	}
	frame(s, st.RuleWidth*2)
	frame(s.Inset(max(1.5*cp.k, 1)), st.RuleWidth)
	box := s.Inset(max(6*cp.k, 3))
	b, err := cp.fit(Back, Field{Part: CommonTitle}, cp.c.Title, typeface.Bold, Range{Max: st.Name.Max, Min: st.Body.Min}, box, 4, 1.2)
	if err != nil {
		return f, err
	}
	box.Y += (box.H - b.Height) / 2
	cp.place(&f, b, box, fixed("title"), color(ink), 0.5)
	return f, nil
}
