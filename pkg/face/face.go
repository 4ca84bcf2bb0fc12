// Package face composes card faces: it turns a persona into a drawing
// (package draw) of positioned, fitted, coloured lines of text, filled
// rectangles, rules, icons and pictures, in millimetres relative to the
// card's top-left trim corner (the bleed lies at negative coordinates and
// past the card's width and height). It draws nothing: the renderers paint
// the drawing, and tests check it with plain numbers.
package face

import (
	"errors"
	"fmt"

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

// Content is what a card shows.
type Content struct {
	Persona  *deck.Persona
	Category *deck.Category
	Number   string // "7/20"
	Title    string // the deck's title
	// Headings of the back.
	ConditionsLabel, ImpactLabel string
	// Image, when not nil, is the persona's picture, set on the front
	// between the rule and the first-person text.
	Image *ImageRef
	// CommonBack asks for one back design for every card: the deck's title
	// in a frame, with nothing that tells one card from another.
	CommonBack bool
	// Typeset applies the language's typography to a string of user text
	// (nil: text is used as it is).
	Typeset func(string) string
}

// FieldError says a field cannot be set on its card.
type FieldError struct {
	Card  string
	Side  string
	Field string
	Err   error
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("%s %s: %v", e.Side, e.Field, e.Err)
}

func (e *FieldError) Unwrap() error { return e.Err }

// Compose lays out both faces of a card, each a drawing the size of the
// card with its bleed.
func Compose(c Content, g Geometry, fam *typeface.Family, st Style) (front, back draw.Drawing, err error) {
	if c.Typeset == nil {
		c.Typeset = func(s string) string { return s }
	}
	cp := composer{c: c, g: g, fam: fam, st: st, safe: g.SafeRect(), cat: draw.Color(c.Category.Color)}
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
}

func (cp *composer) fieldErr(side, field string, err error) error {
	return &FieldError{Card: cp.c.Persona.ID, Side: side, Field: field, Err: err}
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
func (cp *composer) fit(side, field, text string, style typeface.Style, r Range, box geom.Rect, maxLines int, leading float64) (textfit.Block, error) {
	runs, err := textfit.ParseInline(cp.c.Typeset(text), style)
	if err != nil {
		return textfit.Block{}, cp.fieldErr(side, field, err)
	}
	b, err := textfit.Fit(cp.fam, []textfit.Para{{Runs: runs}}, textfit.Spec{
		Width: box.W, Height: box.H, Max: r.Max, Min: r.Min, MaxLines: maxLines, Leading: leading})
	if err != nil {
		return b, cp.fieldErr(side, field, err)
	}
	return b, nil
}

// icon draws the category's icon, if it has one, at the right end of box,
// as tall as the box (at most IconMax), and returns the width it takes
// with the gap before it.
func (cp *composer) icon(f *draw.Drawing, box geom.Rect, c draw.Color) float64 {
	if _, ok := icons.For(cp.c.Category.ID); !ok {
		return 0
	}
	side := min(box.H, cp.st.IconMax)
	f.Icons = append(f.Icons, draw.Icon{Name: cp.c.Category.ID, Rect: geom.R(box.Right()-side, box.Y+(box.H-side)/2, side, side), Color: c})
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
		f.Rules = append(f.Rules, draw.Rule{Seg: geom.Segment{A: geom.Point{X: cp.safe.X, Y: height}, B: geom.Point{X: cp.safe.Right(), Y: height}},
			Width: cp.st.RuleWidth, Color: c})
		return c
	}
	f.Fills = append(f.Fills, draw.Fill{Rect: geom.R(bl.X, bl.Y, bl.W, height-bl.Y), Color: c})
	return cp.st.OnBand
}

func (cp *composer) front() (draw.Drawing, error) {
	st, s := cp.st, cp.safe
	p := cp.c.Persona
	f := cp.drawing(st.Background(cp.cat))
	var errs []error
	onBand := cp.band(&f, st.FrontBand)

	// The category label, centred vertically in the band's safe part.
	labelBox := geom.R(s.X, s.Y, s.W, st.FrontBand-s.Y-st.BandPadding)
	labelBox.W -= cp.icon(&f, labelBox, onBand)
	if b, err := cp.fit("front", "category", cp.c.Category.Label, typeface.Bold, st.Label, labelBox, 2, 1.15); err != nil {
		errs = append(errs, err)
	} else {
		box := labelBox
		box.Y += (box.H - b.Height) / 2
		cp.place(&f, b, box, fixed("category"), color(onBand), 0)
	}

	y := st.FrontBand + st.Gap
	stack := []struct {
		field, text string
		style       typeface.Style
		r           Range
		lines       int
		col         draw.Color
		after       float64
	}{
		{"name", p.Name, typeface.Bold, st.Name, 1, st.Ink, 0.5},
		{"role", p.Role, typeface.Italic, st.Role, 2, cp.cat, 0.5},
		{"country", p.Country, typeface.Bold, st.Country, 1, st.Muted, 0},
	}
	for _, it := range stack {
		box := geom.R(s.X, y, s.W, s.Bottom()-y)
		b, err := cp.fit("front", it.field, it.text, it.style, it.r, box, it.lines, 1.2)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		cp.place(&f, b, box, fixed(it.field), color(it.col), 0)
		y += b.Height + it.after
	}
	y += st.Gap / 2
	f.Rules = append(f.Rules, draw.Rule{Seg: geom.Segment{A: geom.Point{X: s.X, Y: y}, B: geom.Point{X: s.Right(), Y: y}},
		Width: st.RuleWidth, Color: cp.cat})
	y += st.Gap

	footerTop := cp.footer(&f, &errs, "front")
	bottom := footerTop - st.Gap/2
	// With a picture: as wide as the safe zone allows at its proportions,
	// but no more than a share of the room, so that the text keeps enough;
	// a smaller share if the text does not fit beside the larger one.
	shares := []float64{0}
	if cp.c.Image != nil && cp.c.Image.W > 0 && cp.c.Image.H > 0 {
		shares = []float64{0.45, 0.3, 0.2}
	}
	var err error
	for _, share := range shares {
		ty, img := y, geom.Rect{}
		if share > 0 {
			ratio := float64(cp.c.Image.W) / float64(cp.c.Image.H)
			h := min(s.W/ratio, share*(bottom-y))
			img = geom.R(s.X+(s.W-h*ratio)/2, y, h*ratio, h)
			ty = img.Bottom() + st.Gap
		}
		box := geom.R(s.X, ty, s.W, bottom-ty)
		var b textfit.Block
		if b, err = cp.fit("front", "text", p.Text, typeface.Regular, st.Body, box, 0, st.Leading); err == nil {
			if share > 0 {
				f.Images = append(f.Images, draw.ImageBox{Key: cp.c.Image.Key, Rect: img})
			}
			cp.place(&f, b, box, fixed("text"), color(st.Ink), 0)
			break
		}
	}
	if err != nil {
		errs = append(errs, err)
	}
	return f, errors.Join(errs...)
}

// footer sets the deck title and the card number at the bottom of the safe
// zone and returns the footer's top.
func (cp *composer) footer(f *draw.Drawing, errs *[]error, side string) float64 {
	st, s := cp.st, cp.safe
	h := geom.PtToMM(st.Footer.Max) * 1.2
	top := s.Bottom() - h
	numW := cp.fam.Face(typeface.Bold).Width(cp.c.Number, st.Footer.Max)
	if b, err := textfit.Fit(cp.fam, []textfit.Para{{Runs: []textfit.Run{{Text: cp.c.Number, Style: typeface.Bold}}}},
		textfit.Spec{Width: s.W, Height: h, Max: st.Footer.Max, Min: st.Footer.Max, MaxLines: 1}); err != nil {
		*errs = append(*errs, &FieldError{Card: cp.c.Persona.ID, Side: side, Field: "card number", Err: err})
	} else {
		cp.place(f, b, geom.R(s.X, top, s.W, h), fixed("number"), color(st.Muted), 1)
	}
	titleBox := geom.R(s.X, top, s.W-numW-3, h)
	runs := []textfit.Run{{Text: cp.c.Typeset(cp.c.Title), Style: typeface.Regular}}
	if b, err := textfit.Fit(cp.fam, []textfit.Para{{Runs: runs}}, textfit.Spec{
		Width: titleBox.W, Height: h, Max: st.Footer.Max, Min: st.Footer.Min, MaxLines: 1}); err != nil {
		*errs = append(*errs, &FieldError{Card: cp.c.Persona.ID, Side: side, Field: "deck title", Err: err})
	} else {
		cp.place(f, b, titleBox, fixed("title"), color(st.Muted), 0)
	}
	return top
}

func (cp *composer) back() (draw.Drawing, error) {
	st, s := cp.st, cp.safe
	p := cp.c.Persona
	f := cp.drawing(st.Background(cp.cat))
	var errs []error
	onBand := cp.band(&f, st.BackBand)
	nameBox := geom.R(s.X, s.Y, s.W, st.BackBand-s.Y-st.BandPadding)
	nameBox.W -= cp.icon(&f, nameBox, onBand)
	if b, err := cp.fit("back", "name", p.Name, typeface.Bold, st.BackName, nameBox, 1, 1.2); err != nil {
		errs = append(errs, err)
	} else {
		box := nameBox
		box.Y += (box.H - b.Height) / 2
		cp.place(&f, b, box, fixed("name"), color(onBand), 0)
	}

	// Conditions and impact share one size, the largest at which both fit.
	var paras []textfit.Para
	var fields []string
	add := func(field string, para textfit.Para, text string, style typeface.Style) {
		runs, err := textfit.ParseInline(cp.c.Typeset(text), style)
		if err != nil {
			errs = append(errs, cp.fieldErr("back", field, err))
			return
		}
		para.Runs = runs
		paras = append(paras, para)
		fields = append(fields, field)
	}
	before := len(errs)
	add("heading", textfit.Para{Scale: st.HeadingScale, Tag: "heading"}, cp.c.ConditionsLabel, typeface.Bold)
	for i, cond := range p.Conditions {
		add(fmt.Sprintf("conditions[%d]", i+1), textfit.Para{Bullet: "•", SpaceBefore: 0.3, Tag: "item"}, cond, typeface.Regular)
	}
	impactPara := -1
	if p.Impact != "" {
		impactPara = len(paras)
		add("heading", textfit.Para{Scale: st.HeadingScale, SpaceBefore: 1.4, Tag: "heading"}, cp.c.ImpactLabel, typeface.Bold)
		add("impact", textfit.Para{SpaceBefore: 0.3, Tag: "impact"}, p.Impact, typeface.Regular)
	}
	y := st.BackBand + st.Gap
	parsed := len(errs) == before // every paragraph parsed: they can be fitted
	footerTop := cp.footer(&f, &errs, "back")
	box := geom.R(s.X, y, s.W, footerTop-st.Gap/2-y)
	if parsed {
		b, err := textfit.Fit(cp.fam, paras, textfit.Spec{Width: box.W, Height: box.H, Max: st.Body.Max, Min: st.Body.Min, Leading: st.Leading})
		if err != nil {
			field := "conditions"
			if p.Impact != "" {
				field = "conditions and impact"
			}
			errs = append(errs, cp.fieldErr("back", field, err))
		} else {
			cp.place(&f, b, box, func(l textfit.SetLine) string { return fields[l.Para] }, func(l textfit.SetLine) draw.Color {
				if l.Tag == "heading" {
					return cp.cat
				}
				return st.Ink
			}, 0)
			for _, l := range b.Lines {
				if l.Para == impactPara {
					// A rule halfway through the space above the impact heading.
					ry := box.Y + l.Baseline - l.Ascent - 0.7*geom.PtToMM(l.Size)*st.Leading
					f.Rules = append(f.Rules, draw.Rule{Seg: geom.Segment{A: geom.Point{X: s.X, Y: ry}, B: geom.Point{X: s.Right(), Y: ry}},
						Width: st.RuleWidth, Color: cp.cat})
					break
				}
			}
		}
	}
	return f, errors.Join(errs...)
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
	frame(s.Inset(1.5), st.RuleWidth)
	box := s.Inset(6)
	b, err := cp.fit("back", "deck title", cp.c.Title, typeface.Bold, Range{Max: st.Name.Max, Min: st.Body.Min}, box, 4, 1.2)
	if err != nil {
		return f, err
	}
	box.Y += (box.H - b.Height) / 2
	cp.place(&f, b, box, fixed("title"), color(ink), 0.5)
	return f, nil
}
