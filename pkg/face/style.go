package face

import (
	"math"

	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
)

// Range is a type size range in points: text is set at the largest size in
// it at which it fits.
type Range struct{ Max, Min float64 }

// Style is the design of a card: type sizes, spacing and colours. The
// sizes of DefaultStyle are those of a tarot card (70 × 120 mm); For
// returns them for any card.
type Style struct {
	Label, Name, Role, Country Range
	Body                       Range // the first-person text, conditions and impact
	// Grow is the largest size the first-person text takes where the card
	// has room for it, the locator map included.
	Grow     float64
	BackName Range
	Footer   Range
	// HeadingScale is the size of the back's headings relative to the
	// body's; Leading the body's line height relative to its size.
	HeadingScale, Leading float64

	FrontBand, BackBand float64 // mm from the trim's top to the band's bottom
	BandPadding         float64 // mm between band text and the band's bottom
	Gap                 float64 // mm between blocks
	RuleWidth           float64 // mm
	IconMax             float64 // mm, the largest a category icon is drawn

	// Map says whether the front shows a locator map of the persona's
	// country, and how much room it takes.
	Map MapStyle

	Ink, Muted, OnBand draw.Color
	// Tint is how much of the category colour the background takes (0–1).
	Tint float64
	// InkSaver prints on white, with the category colour only in a thin
	// stripe, rules, headings and the map's country: for black-and-white
	// school printers.
	InkSaver bool
	// StripeWidth is the stripe's height inside the trim, in ink-saver mode (mm).
	StripeWidth float64
	// CommonBack is the colour of the common back design.
	CommonBack draw.Color
}

// MapStyle is the design of the locator map.
type MapStyle struct {
	Show bool
	// Aspect is the map's width over its height at its largest; MinAspect
	// at its smallest, where the text needs the room.
	Aspect, MinAspect float64
	// MinHeight is the least height worth drawing a map at (mm).
	MinHeight float64
	// Sea, Land and, in ink-saver mode, InkSea and InkLand are its
	// colours; the country takes the category's.
	Sea, Land, InkSea, InkLand draw.Color
}

// DefaultStyle is the design for tarot-size cards (70 × 120 mm).
var DefaultStyle = Style{
	Label:        Range{9, 7.5},
	Name:         Range{22, 14},
	Role:         Range{11.5, 9},
	Country:      Range{9.5, 8},
	Body:         Range{12.5, 7},
	Grow:         14,
	BackName:     Range{12, 9},
	Footer:       Range{7, 7},
	HeadingScale: 1.1,
	Leading:      1.3,
	FrontBand:    15,
	BackBand:     11,
	BandPadding:  1.5,
	Gap:          3,
	RuleWidth:    0.3,
	IconMax:      8,
	Map: MapStyle{Show: true, Aspect: 2, MinAspect: 4.5, MinHeight: 12,
		Sea:     draw.Color{R: 0xE6, G: 0xEC, B: 0xF0},
		Land:    draw.Color{R: 0xC4, G: 0xCC, B: 0xD3},
		InkSea:  draw.White,
		InkLand: draw.Color{R: 0xDA, G: 0xDA, B: 0xDA}},
	Ink:         draw.Color{R: 0x22, G: 0x22, B: 0x22},
	Muted:       draw.Color{R: 0x4D, G: 0x4D, B: 0x4D},
	OnBand:      draw.Color{R: 0xFF, G: 0xFF, B: 0xFF},
	Tint:        0.07,
	StripeWidth: 2,
	CommonBack:  draw.Color{R: 0x2B, G: 0x33, B: 0x45},
}

// Minimums are the smallest type sizes a card may carry, in points: Any
// for every line, Body for running text (the first-person text, the
// conditions and the impact).
type Minimums struct{ Any, Body float64 }

// For returns the style for a card of g's size. Type sizes and lengths
// follow the card's size relative to a tarot card (70 × 120 mm, or 120 × 70
// for a landscape card), but no text goes below the minimums, and the bands
// are always tall enough for their text at its size. The running text's
// largest size follows the card's area rather than its shorter side, so
// that a square card's text may be as large as its room allows.
func (s Style) For(g Geometry, m Minimums) Style {
	k := g.scale()
	kb := math.Sqrt(g.W * g.H / (70 * 120))
	scale := func(r Range, k, min float64) Range {
		r = Range{Max: r.Max * k, Min: max(r.Min*k, min)}
		r.Max = max(r.Max, r.Min)
		return r
	}
	out := s
	out.Label, out.Name = scale(s.Label, k, m.Any), scale(s.Name, k, m.Any)
	out.Role, out.Country = scale(s.Role, k, m.Any), scale(s.Country, k, m.Any)
	out.BackName, out.Footer = scale(s.BackName, k, m.Any), scale(s.Footer, k, m.Any)
	out.Body.Min = max(s.Body.Min*min(k, kb), m.Any, m.Body)
	out.Body.Max = max(s.Body.Max*kb, out.Body.Min)
	out.Grow = max(s.Grow*kb, out.Body.Max)
	out.Gap = max(s.Gap*k, 1.5)
	out.RuleWidth = max(s.RuleWidth*k, 0.2)
	out.BandPadding = max(s.BandPadding*k, 0.8)
	out.IconMax = s.IconMax * k
	out.StripeWidth = max(s.StripeWidth*k, 1.2)
	out.Map.MinHeight = max(s.Map.MinHeight*k, 9)
	// Bands: tall enough for two lines of the category's label at its
	// largest size, and for one line of the name on the back.
	line := func(pt float64) float64 { return geom.PtToMM(pt) * 1.2 }
	out.FrontBand = max(s.FrontBand*k, g.Safe+2*line(out.Label.Max)+out.BandPadding)
	out.BackBand = max(s.BackBand*k, g.Safe+line(out.BackName.Max)+out.BandPadding)
	return out
}

// Background is the card's background: the category colour, much
// lightened; white in ink-saver mode.
func (s Style) Background(c draw.Color) draw.Color {
	if s.InkSaver {
		return draw.White
	}
	mix := func(v uint8) uint8 { return uint8(float64(v)*s.Tint + 255*(1-s.Tint) + 0.5) }
	return draw.Color{R: mix(c.R), G: mix(c.G), B: mix(c.B)}
}
