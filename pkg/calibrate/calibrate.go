// Package calibrate draws the two-page sheet that measures how far a
// printer's back side lands from where it should. The front has a 100 mm
// ruler (to check that the sheet printed at actual size) and three crosses;
// the back has, where each cross should show through, a horizontal and a
// vertical scale in millimetres. Held against the light, each cross falls on
// the scales at the offset to pass as --back-offset X,Y.
//
// Why the reading is the offset: if the printer shifts the back side by d,
// the scale's 0 moves by d while the cross stays put, so the cross reads −d,
// and shifting every back by −d puts it back in place. Offsets are in the
// back page's own coordinates, as cardgen applies them.
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

// The sizes of the marks, in mm: each scale reaches Reach either side of 0,
// ScaleGap from the cross's centre; the cross's arms are Arm long, so that
// they run across both scales.
const (
	Reach    = 5.0
	ScaleGap = 6.5
	Arm      = 10.0
)

var ink = draw.Black

// Targets are the centres of the crosses on the front: the middle of the
// printable area and two points towards opposite corners.
func Targets(spec *layout.Spec) []geom.Point {
	p := spec.Printable()
	c := geom.Point{X: p.X + p.W/2, Y: p.Y + p.H/2}
	return []geom.Point{
		c,
		{X: p.X + p.W*0.25, Y: p.Y + p.H*0.7},
		{X: p.X + p.W*0.75, Y: p.Y + p.H*0.85},
	}
}

// BackPoint is where a point of the front lands on the back page.
func BackPoint(spec *layout.Spec, pt geom.Point) geom.Point {
	r := spec.BackOf(geom.R(pt.X, pt.Y, 0, 0))
	return geom.Point{X: r.X, Y: r.Y}
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
	// Front: the crosses.
	for _, t := range Targets(spec) {
		line(&front, geom.Point{X: t.X - Arm, Y: t.Y}, geom.Point{X: t.X + Arm, Y: t.Y}, 0.15)
		line(&front, geom.Point{X: t.X, Y: t.Y - Arm}, geom.Point{X: t.X, Y: t.Y + Arm}, 0.15)
	}
	// Back: at each cross, a horizontal scale crossing its vertical line
	// and a vertical scale crossing its horizontal line.
	for _, t := range Targets(spec) {
		b := BackPoint(spec, t)
		// The scales sit apart, so that they never cross each other: the
		// horizontal one below the centre, the vertical one to its right.
		sy := b.Y + ScaleGap
		sx := b.X + ScaleGap
		line(&back, geom.Point{X: b.X - Reach, Y: sy}, geom.Point{X: b.X + Reach, Y: sy}, 0.1)
		line(&back, geom.Point{X: sx, Y: b.Y - Reach}, geom.Point{X: sx, Y: b.Y + Reach}, 0.1)
		for i := -int(2 * Reach); i <= int(2*Reach); i++ {
			v := float64(i) / 2
			l := 1.0 // half millimetres
			switch {
			case i == 0:
				l = 3.5
			case i%2 == 0:
				l = 2 // millimetres
			}
			line(&back, geom.Point{X: b.X + v, Y: sy}, geom.Point{X: b.X + v, Y: sy + l}, 0.1)
			line(&back, geom.Point{X: sx, Y: b.Y + v}, geom.Point{X: sx + l, Y: b.Y + v}, 0.1)
			if i%4 == 0 {
				// Even millimetres, alternately on either side of the scale
				// so that the figures do not run into each other.
				label := strings.Replace(fmt.Sprintf("%g", v), "-", "−", 1)
				if i%8 == 0 {
					text(&back, label, 6, typeface.Regular, b.X+v, sy+3.5+2.3, 0.5)
					text(&back, label, 6, typeface.Regular, sx+3.9, b.Y+v+0.8, 0)
				} else {
					text(&back, label, 6, typeface.Regular, b.X+v, sy-0.8, 0.5)
					text(&back, label, 6, typeface.Regular, sx-0.8, b.Y+v+0.8, 1)
				}
			}
		}
		text(&back, "X", 7, typeface.Bold, b.X-Reach-1, sy+1.2, 1)
		text(&back, "Y", 7, typeface.Bold, sx, b.Y-Reach-1.2, 0.5)
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
			text(&front, fmt.Sprint(i), 6, typeface.Regular, rx+float64(i), y+5.5, 0.5)
		}
	}
	y += 8
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
