// Package calibrate draws the two-page sheet that measures how far a
// printer's back side lands from where it should. The front has a 100 mm
// ruler (to check that the sheet printed at actual size), the instructions,
// and, at two places, half of the lines of two alignment scales; the
// back has the other halves and the figures. Each scale is a row of eleven
// pairs of short lines, for the offsets −5 to +5 mm: in each pair one half
// is printed on the front, the other on the back, on either side of a join
// line. Held against the light, the pair whose two halves make one straight
// line gives the offset to pass as --back-offset X,Y; when two neighbours
// are equally close to straight, the reading is the half between them. The
// eye sees a step of a quarter of a millimetre between two halves without a
// loupe (vernier acuity), and the scale spreads the ±5 mm over 55 mm.
//
// Why the reading is the offset: pair v's back half is drawn v mm along the
// scale from where its front half shows through. If the printer shifts the
// back side by d, pair v's halves meet when v + d = 0, so the straight pair
// reads −d, and shifting every back by −d puts it back in place. Offsets
// are in the back page's own coordinates, as cardgen applies them; a sheet
// printed with --back-offset O draws its back halves O further, so that it
// reads −(O + d): 0 once O is right.
//
// Why only one pair can be straight: the pairs are Pitch = 5.5 mm apart on
// the front and 6.5 mm on the back, and the front's half is above the join
// for even values and below it for odd ones (the back's on the other side),
// so a back half could only continue another pair's front half two pairs
// away, 11 mm along, which no offset within ±5 mm (and ±5 mm already set)
// reaches.
//
// Like package face, it is pure geometry: it returns the two pages as
// drawings (package draw) for the renderers.
package calibrate

import (
	"fmt"
	"strings"

	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/labels"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/textfit"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// The scales, in mm and points: Steps pairs either side of 0, Step mm of
// offset apart and Pitch mm apart on the front; each half-line is Half mm
// long, the halves Join mm apart across the join line; a figure of
// LabelSize points for every pair. The X scale runs across its target, the
// Y scale down beside it, YScaleAt to its right.
const (
	Steps     = 5
	Step      = 1.0
	Pitch     = 5.5
	Half      = 5.0
	Join      = 0.6
	LabelSize = 9.0
	YScaleAt  = 42.0
	LineWidth = 0.25
)

var ink = draw.Black

// Targets are where the X scales' 0 pairs are on the front: the middle of
// the printable area, and a point towards a lower corner, which reads
// differently from the middle when the printer turns the paper.
func Targets(spec *layout.Spec) []geom.Point {
	p := spec.Printable()
	return []geom.Point{
		{X: p.X + p.W/2, Y: p.Y + p.H*0.5},
		{X: p.X + p.W*0.3, Y: p.Y + p.H*0.82},
	}
}

// BackPoint is where a point of the front lands on the back page, the back
// offset included.
func BackPoint(spec *layout.Spec, pt geom.Point) geom.Point {
	r := spec.BackOf(geom.R(pt.X, pt.Y, 0, 0))
	return geom.Point{X: r.X, Y: r.Y}
}

// Scale is one alignment scale: its pairs, and the axis of the back page
// along which it measures.
type Scale struct {
	Axis  string // "X" or "Y"
	Pairs []Pair
}

// Pair is one pair of half-lines: Front, drawn on the front page; Back,
// drawn on the back page; they make one line when the back side is off by
// −Value mm along the scale's axis. Figure is where the pair's figure
// starts on the back: the top of an X scale's, the left of a Y scale's
// (vertically centred on the back half).
type Pair struct {
	Value       float64
	Front, Back geom.Segment
	Figure      geom.Point
}

// Scales lists the sheet's scales, two per target: X then Y.
func Scales(spec *layout.Spec) []Scale {
	flat := *spec
	flat.BackOffset = geom.Point{}
	off := spec.BackOffset
	// Where a point of the back page (before any offset) was on the front:
	// turning the sheet is its own inverse.
	toFront := func(s geom.Segment) geom.Segment {
		return geom.Segment{A: BackPoint(&flat, s.A), B: BackPoint(&flat, s.B)}
	}
	shift := func(s geom.Segment) geom.Segment {
		return geom.Segment{A: geom.Point{X: s.A.X + off.X, Y: s.A.Y + off.Y}, B: geom.Point{X: s.B.X + off.X, Y: s.B.Y + off.Y}}
	}
	var out []Scale
	for _, t := range Targets(spec) {
		b := BackPoint(&flat, t) // the target on the back, before the offset
		x, y := Scale{Axis: "X"}, Scale{Axis: "Y"}
		// The halves either side of the join lines, at a position along
		// the scale.
		above := func(at float64) geom.Segment {
			return geom.Segment{A: geom.Point{X: at, Y: b.Y - Join/2 - Half}, B: geom.Point{X: at, Y: b.Y - Join/2}}
		}
		below := func(at float64) geom.Segment {
			return geom.Segment{A: geom.Point{X: at, Y: b.Y + Join/2}, B: geom.Point{X: at, Y: b.Y + Join/2 + Half}}
		}
		cx := b.X + YScaleAt
		left := func(at float64) geom.Segment {
			return geom.Segment{A: geom.Point{X: cx - Join/2 - Half, Y: at}, B: geom.Point{X: cx - Join/2, Y: at}}
		}
		right := func(at float64) geom.Segment {
			return geom.Segment{A: geom.Point{X: cx + Join/2, Y: at}, B: geom.Point{X: cx + Join/2 + Half, Y: at}}
		}
		for k := -Steps; k <= Steps; k++ {
			v := float64(k) * Step
			u := float64(k) * Pitch
			even := k%2 == 0
			// X: vertical halves along a row; the back's v further along x.
			fx, bx := above(b.X+u), below(b.X+u+v)
			if !even {
				fx, bx = below(b.X+u), above(b.X+u+v)
			}
			x.Pairs = append(x.Pairs, Pair{Value: v, Front: toFront(fx), Back: shift(bx),
				Figure: geom.Point{X: b.X + u + v + off.X, Y: b.Y + Join/2 + Half + 1 + off.Y}})
			// Y: horizontal halves down a column; the back's v further down.
			fy, by := left(b.Y+u), right(b.Y+u+v)
			if !even {
				fy, by = right(b.Y+u), left(b.Y+u+v)
			}
			y.Pairs = append(y.Pairs, Pair{Value: v, Front: toFront(fy), Back: shift(by),
				Figure: geom.Point{X: cx + Join/2 + Half + 1.2 + off.X, Y: b.Y + u + v + off.Y}})
		}
		out = append(out, x, y)
	}
	return out
}

// Sheet returns the front and the back page of the sheet, each a drawing
// the size of the paper, in the language lang.
func Sheet(spec *layout.Spec, fam *typeface.Family, lang string, typeset func(string) string) (front, back draw.Drawing, err error) {
	if spec.Folded() {
		return front, back, fmt.Errorf("layout %s folds its backs behind its fronts: there is no back side to calibrate; print it single-sided as it is", spec.Name)
	}
	if spec.TrimBox || spec.Paper.W < 150 || spec.Paper.H < 150 {
		return front, back, fmt.Errorf("layout %s is for a print shop, which places its backs itself: calibrate the sheet layout you print at school instead (a4, letter, a3, …)", spec.Name)
	}
	if spec.Duplex == layout.DuplexNone {
		// The user turns the stack by hand as for a long-edge flip; measure that.
		s := *spec
		s.Duplex = layout.DuplexLong
		spec = &s
	}
	p := labels.Printer(lang)
	front = draw.Drawing{W: spec.Paper.W, H: spec.Paper.H}
	back = draw.Drawing{W: spec.Paper.W, H: spec.Paper.H}
	line := func(f *draw.Drawing, a, b geom.Point, w float64) {
		f.Rules = append(f.Rules, draw.Rule{Seg: geom.Segment{A: a, B: b}, Width: w, Color: ink})
	}
	text := func(f *draw.Drawing, s string, size float64, style typeface.Style, x, baseline, align float64) {
		w := fam.Face(style).Width(s, size)
		x -= align * w
		asc, desc := fam.Face(style).Ascent(size), fam.Face(style).Descent(size)
		f.Text = append(f.Text, draw.Text{Tag: "calibration", Size: size, Color: ink, X: x, Baseline: baseline,
			Runs: []draw.Run{{Text: s, Style: style, W: w}}, Box: geom.R(x, baseline-asc, w, asc+desc)})
	}
	// The scales: the front's halves on the front; the back's, the
	// figures (0 in bold, below the X scale and to the right of the Y
	// scale) and the scale's name on the back.
	for _, sc := range Scales(spec) {
		for _, pr := range sc.Pairs {
			line(&front, pr.Front.A, pr.Front.B, LineWidth)
			line(&back, pr.Back.A, pr.Back.B, LineWidth)
			label := strings.Replace(fmt.Sprintf("%g", pr.Value), "-", "−", 1)
			style := typeface.Regular
			if pr.Value == 0 {
				style = typeface.Bold
			}
			asc := fam.Face(style).Ascent(LabelSize)
			if sc.Axis == "X" {
				text(&back, label, LabelSize, style, pr.Figure.X, pr.Figure.Y+asc, 0.5)
			} else {
				text(&back, label, LabelSize, style, pr.Figure.X, pr.Figure.Y+asc/2-0.2, 0)
			}
		}
		first := sc.Pairs[0]
		if sc.Axis == "X" {
			text(&back, "X", 11, typeface.Bold, first.Figure.X-3.5, first.Figure.Y-Half/2, 1)
		} else {
			text(&back, "Y", 11, typeface.Bold, first.Figure.X-1.2-Half/2-Join/2, first.Figure.Y-5, 0.5)
		}
	}
	// Front: the 100 mm ruler and the instructions, in the top of the printable area.
	pr := spec.Printable().Inset(5)
	y := pr.Y + 6
	text(&front, typeset(p.Sprintf(labels.CalibrationTitle)), 12, typeface.Bold, pr.X, y, 0)
	y += 9
	rx := front.W/2 - 50
	line(&front, geom.Point{X: rx, Y: y}, geom.Point{X: rx + 100, Y: y}, 0.2)
	for i := 0; i <= 100; i++ {
		l := 1.0
		switch {
		case i%10 == 0:
			l = 3
		case i%5 == 0:
			l = 2
		}
		line(&front, geom.Point{X: rx + float64(i), Y: y}, geom.Point{X: rx + float64(i), Y: y + l}, 0.1)
		if i%10 == 0 {
			text(&front, fmt.Sprint(i), LabelSize, typeface.Regular, rx+float64(i), y+6.5, 0.5)
		}
	}
	y += 9.5
	edge := p.Sprintf(labels.EdgeLong)
	if spec.Duplex == layout.DuplexShort {
		edge = p.Sprintf(labels.EdgeShort)
	}
	paras := []string{p.Sprintf(labels.CalibrationRuler)}
	paras = append(paras, strings.Split(p.Sprintf(labels.CalibrationSteps, edge), "\n")...)
	for _, para := range paras {
		lines, err := textfit.Break(fam, []textfit.Run{{Text: typeset(para), Style: typeface.Regular}}, 8.5, pr.W)
		if err != nil {
			return front, back, err
		}
		for _, l := range lines {
			y += 4.2
			text(&front, l.Text(), 8.5, typeface.Regular, pr.X, y, 0)
		}
		y += 1.5
	}
	bp := spec.Printable().Inset(5)
	text(&back, typeset(p.Sprintf(labels.CalibrationBack)), 9, typeface.Bold, bp.X, bp.Y+6, 0)

	return front, back, nil
}
