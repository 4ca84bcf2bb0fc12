package face

import "github.com/cardgen/cardgen/pkg/deck"

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

	Ink, Muted, OnBand deck.RGB
	// Tint is how much of the category colour the background takes (0–1).
	Tint float64
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
	Ink:          deck.RGB{R: 0x22, G: 0x22, B: 0x22},
	Muted:        deck.RGB{R: 0x4D, G: 0x4D, B: 0x4D},
	OnBand:       deck.RGB{R: 0xFF, G: 0xFF, B: 0xFF},
	Tint:         0.07,
}

// Background is the card's background: the category colour, much lightened.
func (s Style) Background(c deck.RGB) deck.RGB {
	mix := func(v uint8) uint8 { return uint8(float64(v)*s.Tint + 255*(1-s.Tint) + 0.5) }
	return deck.RGB{R: mix(c.R), G: mix(c.G), B: mix(c.B)}
}
