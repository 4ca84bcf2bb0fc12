package face

import (
	"math"

	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/worldmap"
)

// hasMap reports whether the front shows a locator map: the style asks for
// one and the persona's country is on the world map.
func (cp *composer) hasMap() bool {
	if !cp.st.Map.Show || cp.c.Persona.CountryCode == "" {
		return false
	}
	if _, ok := worldmap.Outline(cp.c.Persona.CountryCode); ok {
		return true
	}
	_, ok := worldmap.Place(cp.c.Persona.CountryCode)
	return ok
}

// locator draws the locator map of the persona's country in box: the sea,
// the land around, the country in the category's colour, and a ring around
// it when it is too small to be seen at this scale. In ink-saver mode the
// sea is white, the land a light grey, and a hairline frames the map.
func (cp *composer) locator(f *draw.Drawing, box geom.Rect) {
	m := cp.st.Map
	ring := max(2.2*cp.k, 1.6) // radius of the ring around a small country, mm
	loc, ok := worldmap.Locate(cp.c.Persona.CountryCode, box, 2*ring)
	if !ok {
		return
	}
	sea, land := m.Sea, m.Land
	if cp.st.InkSaver {
		sea, land = m.InkSea, m.InkLand
	}
	if sea != cp.st.Background(cp.cat) {
		f.Fills = append(f.Fills, draw.Fill{Rect: box, Color: sea})
	}
	shapes := func(rings [][]geom.Point, c draw.Color) {
		for _, r := range rings {
			f.Shapes = append(f.Shapes, draw.Shape{Points: r, Color: c})
		}
	}
	shapes(loc.Land, land)
	shapes(loc.LandHoles, sea)
	shapes(loc.Country, cp.cat)
	shapes(loc.CountryHoles, land)
	if loc.Mark != nil {
		w := max(0.45*cp.k, 0.35)
		shapes([][]geom.Point{annulus(*loc.Mark, ring+w, ring+2*w, 48)}, draw.White)
		shapes([][]geom.Point{annulus(*loc.Mark, ring, ring+w, 48)}, cp.cat)
	}
	if cp.st.InkSaver {
		pts := []geom.Point{{X: box.X, Y: box.Y}, {X: box.Right(), Y: box.Y}, {X: box.Right(), Y: box.Bottom()}, {X: box.X, Y: box.Bottom()}}
		for i := range pts {
			f.Rules = append(f.Rules, draw.Rule{Seg: geom.Segment{A: pts[i], B: pts[(i+1)%4]}, Width: cp.st.RuleWidth / 2, Color: cp.st.Muted})
		}
	}
}

// annulus is a ring between radii r0 and r1 about c as one polygon: the
// outer circle one way, the inner one the other way, joined by a seam, so
// that a non-zero fill leaves the middle empty.
func annulus(c geom.Point, r0, r1 float64, n int) []geom.Point {
	pts := make([]geom.Point, 0, 2*n+4)
	for i := 0; i <= n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		pts = append(pts, geom.Point{X: c.X + r1*math.Cos(a), Y: c.Y + r1*math.Sin(a)})
	}
	for i := n; i >= 0; i-- {
		a := 2 * math.Pi * float64(i) / float64(n)
		pts = append(pts, geom.Point{X: c.X + r0*math.Cos(a), Y: c.Y + r0*math.Sin(a)})
	}
	return pts
}
