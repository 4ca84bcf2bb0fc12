package face_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// contrast is the WCAG 2 contrast ratio of two colours (package deck's).
var contrast = deck.Contrast

func TestContrastFormula(t *testing.T) {
	black, white := deck.RGB{}, deck.RGB{R: 255, G: 255, B: 255}
	if r := contrast(black, white); math.Abs(r-21) > 1e-9 {
		t.Errorf("black on white: %.2f, want 21", r)
	}
	if r := contrast(white, white); r != 1 {
		t.Errorf("white on white: %.2f", r)
	}
}

// TestTextContrast: every line of text on every card of the default deck,
// in normal and ink-saver modes, with per-card and common backs, against
// the fill under it, reaches the WCAG 2 AA ratio of 4.5:1. The palette a
// teacher's new categories take colours from is checked the same way.
func TestTextContrast(t *testing.T) {
	t.Parallel()
	fam, _ := typeface.Default()
	d, err := build.LoadDeck("")
	if err != nil {
		t.Fatal(err)
	}
	// New categories in CSV and Markdown decks take the palette's colours.
	for i, c := range deck.Palette {
		d.Categories = append(d.Categories, deck.Category{ID: fmt.Sprintf("palette-%d", i), Label: "Palette", Color: c})
		p := d.Personas[0]
		p.ID, p.Category = fmt.Sprintf("palette-%d", i), fmt.Sprintf("palette-%d", i)
		d.Personas = append(d.Personas, p)
	}
	checked := 0
	for _, ink := range []bool{false, true} {
		for _, backs := range []layout.Backs{layout.BacksDetails, layout.BacksCommon} {
			spec, _ := build.LoadLayout("tarot")
			spec.InkSaver, spec.Backs = ink, backs
			cards, err := build.Compose(d, spec, fam)
			if err != nil {
				t.Fatal(err)
			}
			for i, faces := range cards.Faces {
				for side, f := range faces {
					for _, tx := range f.Text {
						// The background is the last fill under the line.
						var bg draw.Color
						for _, fill := range f.Fills {
							if fill.Rect.Contains(tx.Box) {
								bg = fill.Color
							}
						}
						checked++
						if r := contrast(deck.RGB(tx.Color), deck.RGB(bg)); r < 4.5 {
							t.Errorf("ink saver %v, %s backs, card %s side %d: %q %v on %v: %.2f:1",
								ink, backs, d.Personas[i].ID, side, tx.String(), tx.Color, bg, r)
						}
					}
				}
			}
		}
	}
	if checked < 2000 {
		t.Errorf("checked only %d lines", checked)
	}
}
