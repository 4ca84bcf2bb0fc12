// Package icons draws the category icons as vector shapes: polygons in a
// unit square (x right, y down), scaled to any box. No raster image, so they
// stay sharp at any size and print in any colour. A category whose id names
// an icon gets it: extraction (a pickaxe), manufacturing (a chip),
// infrastructure (a water drop), clickwork (a mouse pointer), moderation (a
// shield), research (a flask), creation (a brush). Any other category gets
// the neutral icon, a person (ForCategory), so that no band has an empty
// slot where the icon goes.
package icons

import (
	"math"
	"slices"
	"strings"

	"github.com/cardgen/cardgen/pkg/geom"
)

// Shape is one filled polygon.
type Shape []geom.Point

// Icon is a set of filled shapes in the unit square.
type Icon []Shape

// Names lists the icons, sorted.
func Names() []string {
	var out []string
	for k := range icons {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// For returns the icon named name, and whether there is one: a category's
// icon, or a part of a locator map (LocatorName).
func For(name string) (Icon, bool) {
	if strings.HasPrefix(name, "locator:") {
		return locator(name)
	}
	ic, ok := icons[name]
	return ic, ok
}

// Neutral is the icon of a category that has none of its own: a person, as
// every card shows one.
const Neutral = "person"

// ForCategory is the name of the icon a category with this id shows: its
// own when there is one, else Neutral.
func ForCategory(id string) string {
	if _, ok := icons[id]; ok {
		return id
	}
	return Neutral
}

// In returns the icon's shapes scaled into box (keeping its square shape,
// centred).
func (ic Icon) In(box geom.Rect) []Shape {
	side := min(box.W, box.H)
	x0, y0 := box.X+(box.W-side)/2, box.Y+(box.H-side)/2
	out := make([]Shape, len(ic))
	for i, s := range ic {
		t := make(Shape, len(s))
		for j, p := range s {
			t[j] = geom.Point{X: x0 + p.X*side, Y: y0 + p.Y*side}
		}
		out[i] = t
	}
	return out
}

func pts(xy ...float64) Shape {
	s := make(Shape, len(xy)/2)
	for i := range s {
		s[i] = geom.Point{X: xy[2*i], Y: xy[2*i+1]}
	}
	return s
}

func rect(x, y, w, h float64) Shape { return pts(x, y, x+w, y, x+w, y+h, x, y+h) }

// bar is a thick segment from (x0, y0) to (x1, y1).
func bar(x0, y0, x1, y1, width float64) Shape {
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	nx, ny := -dy/l*width/2, dx/l*width/2
	return pts(x0+nx, y0+ny, x1+nx, y1+ny, x1-nx, y1-ny, x0-nx, y0-ny)
}

// crescent is an arc of radius r about (cx, cy) from angle a0 to a1,
// thickest (thick) in the middle and pointed at both ends.
func crescent(cx, cy, r, a0, a1, thick float64, n int) Shape {
	var outer, inner Shape
	for i := 0; i <= n; i++ {
		f := float64(i) / float64(n)
		a := a0 + (a1-a0)*f
		t := thick * math.Sin(math.Pi*f) / 2
		outer = append(outer, geom.Point{X: cx + (r+t)*math.Cos(a), Y: cy + (r+t)*math.Sin(a)})
		inner = append(inner, geom.Point{X: cx + (r-t)*math.Cos(a), Y: cy + (r-t)*math.Sin(a)})
	}
	slices.Reverse(inner)
	return append(outer, inner...)
}

// rotate turns an icon by angle (radians, clockwise on the page) about the
// centre of the unit square.
func rotate(ic Icon, angle float64) Icon {
	c, s := math.Cos(angle), math.Sin(angle)
	out := make(Icon, len(ic))
	for i, sh := range ic {
		t := make(Shape, len(sh))
		for j, p := range sh {
			x, y := p.X-0.5, p.Y-0.5
			t[j] = geom.Point{X: 0.5 + x*c - y*s, Y: 0.5 + x*s + y*c}
		}
		out[i] = t
	}
	return out
}

// fit scales and moves an icon so that it fills the unit square, centred.
func fit(ic Icon) Icon {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, sh := range ic {
		for _, p := range sh {
			x0, y0, x1, y1 = min(x0, p.X), min(y0, p.Y), max(x1, p.X), max(y1, p.Y)
		}
	}
	k := 1 / max(x1-x0, y1-y0)
	dx, dy := (1-(x1-x0)*k)/2, (1-(y1-y0)*k)/2
	out := make(Icon, len(ic))
	for i, sh := range ic {
		t := make(Shape, len(sh))
		for j, p := range sh {
			t[j] = geom.Point{X: dx + (p.X-x0)*k, Y: dy + (p.Y-y0)*k}
		}
		out[i] = t
	}
	return out
}

func drop() Shape {
	// A circle at the bottom drawn up into a point at the top.
	var s Shape
	const n = 16
	for i := 0; i <= n; i++ {
		t := math.Pi * float64(i) / n // 0 … π: the lower half of the outline, then up
		x := 0.5 + 0.3*math.Cos(t)
		y := 0.62 + 0.3*math.Sin(t)
		s = append(s, geom.Point{X: x, Y: y})
	}
	// The sides rise to the tip.
	s = append(s, geom.Point{X: 0.22, Y: 0.55}, geom.Point{X: 0.5, Y: 0.06}, geom.Point{X: 0.78, Y: 0.55})
	return s
}

// ellipse is an ellipse about (cx, cy), or its upper half (a dome standing
// on the line y = cy) when half is true.
func ellipse(cx, cy, rx, ry float64, half bool, n int) Shape {
	var s Shape
	turn := 2 * math.Pi
	if half {
		turn = math.Pi
	}
	for i := 0; i <= n; i++ {
		a := turn * float64(i) / float64(n)
		s = append(s, geom.Point{X: cx + rx*math.Cos(a), Y: cy - ry*math.Sin(a)})
	}
	return s
}

var icons = map[string]Icon{
	// A person: a head above rounded shoulders.
	Neutral: {ellipse(0.5, 0.27, 0.19, 0.19, false, 32), ellipse(0.5, 0.94, 0.36, 0.4, true, 32)},
	// A pickaxe: a crescent head across a handle, turned on the diagonal.
	"extraction": fit(rotate(Icon{
		rect(0.45, 0.22, 0.1, 0.74),
		crescent(0.5, 0.78, 0.58, -math.Pi*0.83, -math.Pi*0.17, 0.13, 14),
	}, -math.Pi/4)),
	// A chip: a square body with three pins on each side.
	"manufacturing": func() Icon {
		ic := Icon{rect(0.25, 0.25, 0.5, 0.5)}
		for _, p := range []float64{0.31, 0.46, 0.61} {
			ic = append(ic, rect(p, 0.1, 0.08, 0.12), rect(p, 0.78, 0.08, 0.12), rect(0.1, p, 0.12, 0.08), rect(0.78, p, 0.12, 0.08))
		}
		return ic
	}(),
	// A water drop.
	"infrastructure": {drop()},
	// A mouse pointer.
	"clickwork": {pts(0.28, 0.08, 0.28, 0.78, 0.44, 0.63, 0.56, 0.9, 0.66, 0.85, 0.55, 0.59, 0.76, 0.59)},
	// A shield.
	"moderation": {pts(0.5, 0.06, 0.86, 0.2, 0.82, 0.55, 0.5, 0.94, 0.18, 0.55, 0.14, 0.2)},
	// A conical flask.
	"research": {
		pts(0.4, 0.1, 0.6, 0.1, 0.6, 0.4, 0.86, 0.86, 0.83, 0.92, 0.17, 0.92, 0.14, 0.86, 0.4, 0.4),
		rect(0.34, 0.04, 0.32, 0.07),
	},
	// A paintbrush: handle, ferrule and a tapering tip.
	"creation": {
		bar(0.86, 0.1, 0.52, 0.5, 0.1),
		bar(0.52, 0.5, 0.42, 0.62, 0.16),
		pts(0.36, 0.56, 0.49, 0.69, 0.3, 0.9, 0.1, 0.94, 0.2, 0.74),
	},
}
