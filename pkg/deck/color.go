package deck

import (
	"fmt"
	"math"

	"github.com/cardgen/cardgen/pkg/diag"
)

// MinContrast is the WCAG 2 AA contrast ratio for normal text: white text on
// a category's colour, and the colour as text on the card, must reach it.
const MinContrast = 4.5

// Luminance is the WCAG 2 relative luminance of c.
func (c RGB) Luminance() float64 {
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}

// Contrast is the WCAG 2 contrast ratio of two colours, from 1 to 21.
func Contrast(a, b RGB) float64 {
	la, lb := a.Luminance(), b.Luminance()
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

var white = RGB{R: 255, G: 255, B: 255}

// darkened returns c made darker, keeping its hue, until white text on it
// reaches the minimum contrast with a little to spare.
func darkened(c RGB) RGB {
	for k := 1.0; k > 0; k -= 0.02 {
		d := RGB{R: uint8(float64(c.R) * k), G: uint8(float64(c.G) * k), B: uint8(float64(c.B) * k)}
		if Contrast(d, white) >= MinContrast+0.3 {
			return d
		}
	}
	return RGB{}
}

// checkColours reports the categories whose colour is too light to carry
// white text (the card's band) or to be read on the light card (headings).
func checkColours(d *Deck, problems *diag.List) {
	for _, c := range d.Categories {
		if near := d.near[c.ID]; near != "" {
			problems.Add(problemAt(d.Source, c.Pos, "", "category",
				fmt.Sprintf("%s would make a new category, very close to the existing %q", diag.Quote(c.Label), near),
				fmt.Sprintf("did you mean %q? For a new category, choose a name less like it", near)))
			problems.MarkLast(diag.CodeNearCategory)
		}
		if r := Contrast(c.Color, white); r < MinContrast {
			problems.Add(problemAt(d.Source, c.Where("color"), "", "color",
				fmt.Sprintf("category %q: %s is too light to read: white text on it, and it as text on the card, have a contrast of %.1f:1, less than the %.1f:1 legible text needs",
					c.ID, c.Color, r, MinContrast),
				fmt.Sprintf("choose a darker colour, such as %s", darkened(c.Color))))
			problems.MarkLast(diag.CodeLightColour)
		}
	}
}
