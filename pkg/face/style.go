package face

import "github.com/cardgen/cardgen/pkg/draw"

// Range is a type size range in points: text is set at the largest size in
// it at which it fits.
type Range struct{ Max, Min float64 }

// Style is the design of a card: type sizes, spacing and colours.
type Style struct {
	Label, Name, Role, Country Range
	Body                       Range // the first-person text, conditions and impact
	BackName                   Range
	Footer                     Range
	HeadingScale               float64 // headings on the back, relative to the body size
	Leading                    float64 // body line height, relative to the size

	FrontBand, BackBand float64 // mm from the trim's top to the band's bottom
	BandPadding         float64 // mm between band text and the band's bottom
	Gap                 float64 // mm between blocks
	RuleWidth           float64 // mm
	IconMax             float64 // mm, the largest a category icon is drawn

	Ink, Muted, OnBand draw.Color
	// Tint is how much of the category colour the background takes (0–1).
	Tint float64
	// InkSaver prints on white, with the category colour only in a thin
	// stripe, rules and headings: for black-and-white school printers.
	InkSaver bool
	// StripeWidth is the stripe's height inside the trim, in ink-saver mode (mm).
	StripeWidth float64
	// CommonBack is the colour of the common back design.
	CommonBack draw.Color
}

// DefaultStyle is the design for tarot-size cards (70 × 120 mm).
var DefaultStyle = Style{
	Label:        Range{9, 7.5},
	Name:         Range{22, 14},
	Role:         Range{11.5, 9},
	Country:      Range{9.5, 8},
	Body:         Range{12.5, 7},
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
	Ink:          draw.Color{R: 0x22, G: 0x22, B: 0x22},
	Muted:        draw.Color{R: 0x4D, G: 0x4D, B: 0x4D},
	OnBand:       draw.Color{R: 0xFF, G: 0xFF, B: 0xFF},
	Tint:         0.07,
	StripeWidth:  2,
	CommonBack:   draw.Color{R: 0x2B, G: 0x33, B: 0x45},
}

// Scaled returns the style for a card of w × h mm: lengths follow the card's
// height and type sizes its size relative to a tarot card (70 × 120 mm),
// but no text goes below minimum, the smallest size a reader can read on
// paper in a hand.
func (s Style) Scaled(w, h, minimum float64) Style {
	k := min(w/70, h/120)
	kh := h / 120
	scale := func(r Range) Range {
		r = Range{Max: r.Max * k, Min: r.Min * k}
		r.Min = max(r.Min, minimum)
		r.Max = max(r.Max, r.Min)
		return r
	}
	out := s
	out.Label, out.Name, out.Role, out.Country = scale(s.Label), scale(s.Name), scale(s.Role), scale(s.Country)
	out.Body, out.BackName, out.Footer = scale(s.Body), scale(s.BackName), scale(s.Footer)
	out.FrontBand, out.BackBand, out.Gap = s.FrontBand*kh, s.BackBand*kh, max(s.Gap*kh, 2)
	out.BandPadding = s.BandPadding * kh
	out.IconMax = s.IconMax * k
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
