package face

import (
	"math"

	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/icons"
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
// sea is white, the land a light grey, and a hairline frames the map. The
// land and the country are icons (icons.LocatorName), so that a renderer
// draws each country's map once for every card that shows it.
func (cp *composer) locator(f *draw.Drawing, box geom.Rect) {
	m := cp.st.Map
	code := cp.c.Persona.CountryCode
	ring := max(2.2*cp.k, 1.6) // radius of the ring around a small country, mm
	mark, ok := worldmap.Mark(code, geom.R(0, 0, box.W, box.H), 2*ring)
	if !ok {
		return
	}
	// The parts drawn are those of the map the icons are drawn from, for
	// the box's size as their names keep it: made once, by whichever of
	// the face and the renderer asks first.
	loc, _ := worldmap.Locate(code, geom.R(0, 0, icons.LocatorRound(box.W), icons.LocatorRound(box.H)), icons.LocatorRound(2*ring))
	sea, land := m.Sea, m.Land
	if cp.st.InkSaver {
		sea, land = m.InkSea, m.InkLand
	}
	if sea != cp.st.Background(cp.cat) {
		f.Fills = append(f.Fills, draw.Fill{Rect: box, Color: sea})
	}
	square := icons.LocatorSquare(box)
	for _, part := range []struct {
		name  string
		rings [][]geom.Point
		color draw.Color
	}{
		{icons.LocatorLand, loc.Land, land},
		{icons.LocatorLandHoles, loc.LandHoles, sea},
		{icons.LocatorCountry, loc.Country, cp.cat},
		{icons.LocatorCountryHoles, loc.CountryHoles, land},
	} {
		if len(part.rings) > 0 {
			f.Icons = append(f.Icons, draw.Icon{Name: icons.LocatorName(code, box.W, box.H, 2*ring, part.name), Rect: square, Color: part.color})
		}
	}
	if mark != nil {
		at := geom.Point{X: box.X + mark.X, Y: box.Y + mark.Y}
		w := max(0.45*cp.k, 0.35)
		f.Shapes = append(f.Shapes, draw.Shape{Points: annulus(at, ring+w, ring+2*w, 48), Color: draw.White},
			draw.Shape{Points: annulus(at, ring, ring+w, 48), Color: cp.cat})
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
