package face

import (
	"errors"

	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/textfit"
	"github.com/cardgen/cardgen/pkg/typeface"
)

func (cp *composer) front() (draw.Drawing, error) {
	st, s := cp.st, cp.safe
	f := cp.drawing(st.Background(cp.cat))
	var errs []error
	onBand := cp.band(&f, st.FrontBand)

	// The category label, centred vertically in the band's safe part.
	labelBox := geom.R(s.X, s.Y, s.W, st.FrontBand-s.Y-st.BandPadding)
	labelBox.W -= cp.icon(&f, labelBox, onBand)
	if b, err := cp.fit(Front, Field{Part: CategoryLabel}, cp.c.Category.Label, typeface.Bold, st.Label, labelBox, 2, 1.15); err != nil {
		errs = append(errs, err)
	} else {
		box := labelBox
		box.Y += (box.H - b.Height) / 2
		cp.place(&f, b, box, fixed("category"), color(onBand), 0)
	}
	bottom := cp.footer(&f, &errs, Front) - st.Gap/2
	top := st.FrontBand + st.Gap
	if cp.g.Landscape() {
		cp.frontBeside(&f, top, bottom, &errs)
	} else {
		cp.frontStacked(&f, top, bottom, &errs)
	}
	return f, errors.Join(errs...)
}

// frontStacked composes a portrait or square front from top to bottom: the
// name block, a rule, then the text with the picture above it and the map
// below it.
func (cp *composer) frontStacked(f *draw.Drawing, top, bottom float64, errs *[]error) {
	st, s := cp.st, cp.safe
	y := cp.nameBlock(f, geom.R(s.X, top, s.W, bottom-top), errs)
	y += st.Gap / 2
	cp.hrule(f, y, cp.cat)
	y += st.Gap
	area := geom.R(s.X, y, s.W, bottom-y)
	mapRoom := mapRoom{}
	if cp.hasMap() {
		mapRoom = cp.mapRoomBelow(area)
	}
	if err := cp.textAndPictures(f, area, mapRoom); err != nil {
		*errs = append(*errs, err)
	}
}

// frontBeside composes a landscape front: the name block and the map in a
// column on the left, a rule, and the text (with the picture above it) on
// the right.
func (cp *composer) frontBeside(f *draw.Drawing, top, bottom float64, errs *[]error) {
	st, s := cp.st, cp.safe
	colW := s.W * 0.4
	y := cp.nameBlock(f, geom.R(s.X, top, colW, bottom-top), errs)
	rx := s.X + colW + st.Gap
	cp.vrule(f, rx, top, bottom, cp.cat)
	// The map at the foot of the column, as tall as the room below the
	// name block allows, at most a little wider than tall.
	if cp.hasMap() {
		room := bottom - y - st.Gap
		if h := min(room, colW/1.2); h >= st.Map.MinHeight {
			cp.locator(f, geom.R(s.X, bottom-h, colW, h))
		}
	}
	area := geom.R(rx+st.Gap, top, s.Right()-rx-st.Gap, bottom-top)
	if err := cp.textAndPictures(f, area, mapRoom{}); err != nil {
		*errs = append(*errs, err)
	}
}

// nameBlock sets the name, the role and the country from the top of box,
// in its width, and returns the y below them.
func (cp *composer) nameBlock(f *draw.Drawing, box geom.Rect, errs *[]error) float64 {
	st, p := cp.st, cp.c.Persona
	y := box.Y
	after := 0.5 * cp.k
	for _, it := range []struct {
		part  Part
		text  string
		style typeface.Style
		r     Range
		lines int
		col   draw.Color
		after float64
	}{
		{Name, p.Name, typeface.Bold, st.Name, 1, st.Ink, after},
		{Role, p.Role, typeface.Italic, st.Role, 2, cp.cat, after},
		{Country, p.Country, typeface.Bold, st.Country, 2, st.Muted, 0},
	} {
		b := geom.R(box.X, y, box.W, box.Bottom()-y)
		set, err := cp.fit(Front, Field{Part: it.part}, it.text, it.style, it.r, b, it.lines, 1.2)
		if err != nil {
			*errs = append(*errs, err)
			continue
		}
		cp.place(f, set, b, fixed(Field{Part: it.part}.String()), color(it.col), 0)
		y += set.Height + it.after
	}
	return y
}

// mapRoom is the room for a map below the text: none when Max is 0.
type mapRoom struct{ Min, Max float64 }

// mapRoomBelow is the room for a map the width of area at its foot: at its
// largest Aspect wide for its height (and no more than half the area), at
// its smallest MinAspect, and never lower than MinHeight.
func (cp *composer) mapRoomBelow(area geom.Rect) mapRoom {
	m := cp.st.Map
	hi := min(area.W/m.Aspect, area.H/2)
	lo := max(area.W/m.MinAspect, m.MinHeight)
	if hi < lo {
		return mapRoom{}
	}
	return mapRoom{Min: lo, Max: hi}
}

// textAndPictures sets the first-person text in area, with the persona's
// picture, when there is one, above it, and the locator map at the foot of
// area when room allows. It tries, in order: the text at its usual largest
// size or larger with the map at its largest; the text at a comfortable
// size with the map at its smallest (then grown into what the text leaves);
// the text alone, at any size.
// A picture is tried at 45 %, 30 % then 20 % of the room before the text
// alone is given up on.
func (cp *composer) textAndPictures(f *draw.Drawing, area geom.Rect, room mapRoom) error {
	st := cp.st
	p := cp.c.Persona
	runs, err := textfit.ParseInline(cp.c.Typeset(p.Text), typeface.Regular)
	if err != nil {
		return cp.fieldErr(Front, Field{Part: Text}, err)
	}
	type plan struct {
		share, mapH float64
		r           Range
	}
	// The map gives way to the text: it is drawn only where the text keeps
	// a comfortable size, four fifths of its usual largest.
	grow := Range{Max: st.Grow, Min: st.Body.Max}
	comfortable := Range{Max: st.Body.Max, Min: max(st.Body.Min, 0.8*st.Body.Max)}
	var plans []plan
	shares := []float64{0}
	if cp.c.Image != nil && cp.c.Image.W > 0 && cp.c.Image.H > 0 {
		shares = []float64{0.45, 0.3, 0.2}
	}
	for _, share := range shares {
		if room.Max > 0 {
			plans = append(plans, plan{share, room.Max, grow}, plan{share, room.Min, comfortable})
		}
		plans = append(plans, plan{share, 0, Range{Max: st.Grow, Min: st.Body.Min}})
	}
	var lastErr error
	prepared := textfit.Prepare(cp.fam, []textfit.Para{{Runs: runs}}) // measured once for every plan
	for _, pl := range plans {
		top, img := area.Y, geom.Rect{}
		if pl.share > 0 {
			ratio := float64(cp.c.Image.W) / float64(cp.c.Image.H)
			h := min(area.W/ratio, pl.share*area.H)
			img = geom.R(area.X+(area.W-h*ratio)/2, top, h*ratio, h)
			top = img.Bottom() + st.Gap
		}
		textBottom := area.Bottom()
		if pl.mapH > 0 {
			textBottom -= pl.mapH + st.Gap
		}
		box := geom.R(area.X, top, area.W, textBottom-top)
		if box.H <= 0 {
			continue
		}
		b, err := fitPrepared(prepared, textfit.Spec{
			Width: box.W, Height: box.H, Max: pl.r.Max, Min: pl.r.Min, Leading: st.Leading})
		if err != nil {
			lastErr = err
			continue
		}
		if pl.share > 0 {
			f.Images = append(f.Images, draw.ImageBox{Key: cp.c.Image.Key, Rect: img})
		}
		cp.place(f, b, box, fixed("text"), color(st.Ink), 0)
		if pl.mapH > 0 {
			h := min(max(area.Bottom()-(top+b.Height)-st.Gap, pl.mapH), room.Max)
			cp.locator(f, geom.R(area.X, area.Bottom()-h, area.W, h))
		}
		return nil
	}
	if lastErr == nil {
		lastErr = &textfit.FitError{Min: st.Body.Min, Have: max(area.H, 0)}
	}
	return cp.fieldErr(Front, Field{Part: Text}, lastErr)
}
