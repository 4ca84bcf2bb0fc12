package icons

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/worldmap"
)

// A locator map (package worldmap) is drawn as icons too, one per part and
// colour, so that a renderer can draw each country's map once and place it
// on every card of that country, as it does the category icons: a deck of
// 10,000 cards carries a map per country, not 10,000 copies of coastlines.
//
// Its icons' names say everything needed to draw them again:
// "locator:FR:62x28.3:4.4:land" is the land part of France's map in a box
// of 62 × 28.3 mm with a mark for countries under 4.4 mm. Like every icon,
// it is drawn in a square: the map's box sits in the middle of the square
// whose side is the box's longer one (LocatorSquare), and nothing is drawn
// outside the box.

// The parts of a locator map, in the order they are drawn.
const (
	LocatorLand         = "land"          // the land around, clipped to the box
	LocatorLandHoles    = "land-holes"    // seas inside the land, in the sea's colour
	LocatorCountry      = "country"       // the country
	LocatorCountryHoles = "country-holes" // other countries inside it, in the land's colour
)

// LocatorParts lists the parts in drawing order.
var LocatorParts = []string{LocatorLand, LocatorLandHoles, LocatorCountry, LocatorCountryHoles}

// LocatorName names a part of the locator map of a country in a w × h mm
// box, with a mark for countries smaller than minMark mm. The numbers are
// kept to the thousandth of a millimetre (LocatorRound).
func LocatorName(code string, w, h, minMark float64, part string) string {
	f := func(v float64) string { return strconv.FormatFloat(LocatorRound(v), 'f', -1, 64) }
	return "locator:" + strings.ToUpper(strings.TrimSpace(code)) + ":" + f(w) + "x" + f(h) + ":" + f(minMark) + ":" + part
}

// LocatorRound is a size as a locator map's name keeps it, to the
// thousandth of a millimetre: the icons of the name are drawn from
// worldmap.Locate for the sizes so rounded (read back from the name, they
// are these very numbers).
func LocatorRound(v float64) float64 { return math.Round(v*1000) / 1000 }

// LocatorSquare is the square a locator map's icons are drawn in, for the
// map's box.
func LocatorSquare(box geom.Rect) geom.Rect {
	s := max(box.W, box.H)
	return geom.R(box.X+box.W/2-s/2, box.Y+box.H/2-s/2, s, s)
}

var locators sync.Map // name → locatorIcon

type locatorIcon struct {
	icon Icon
	ok   bool
}

// locator returns the icon a locator name names.
func locator(name string) (Icon, bool) {
	if v, ok := locators.Load(name); ok {
		l := v.(locatorIcon)
		return l.icon, l.ok
	}
	ic, ok := makeLocator(name)
	locators.Store(name, locatorIcon{ic, ok})
	return ic, ok
}

func makeLocator(name string) (Icon, bool) {
	f := strings.Split(name, ":")
	if len(f) != 5 || f[0] != "locator" {
		return nil, false
	}
	var w, h float64
	if _, err := fmt.Sscanf(f[2], "%gx%g", &w, &h); err != nil || w <= 0 || h <= 0 {
		return nil, false
	}
	minMark, err := strconv.ParseFloat(f[3], 64)
	if err != nil {
		return nil, false
	}
	loc, ok := worldmap.Locate(f[1], geom.R(0, 0, w, h), minMark)
	if !ok {
		return nil, false
	}
	var rings [][]geom.Point
	switch f[4] {
	case LocatorLand:
		rings = loc.Land
	case LocatorLandHoles:
		rings = loc.LandHoles
	case LocatorCountry:
		rings = loc.Country
	case LocatorCountryHoles:
		rings = loc.CountryHoles
	default:
		return nil, false
	}
	// From the box to the unit square its square maps to.
	sq := LocatorSquare(geom.R(0, 0, w, h))
	ic := make(Icon, 0, len(rings))
	for _, r := range rings {
		s := make(Shape, len(r))
		for i, p := range r {
			s[i] = geom.Point{X: (p.X - sq.X) / sq.W, Y: (p.Y - sq.Y) / sq.H}
		}
		ic = append(ic, s)
	}
	return ic, true
}
