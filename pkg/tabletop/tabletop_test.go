package tabletop

import (
	"strings"
	"testing"
)

// TestLayout: sheets of at most 69 cards, each grid within 10 × 7 with room
// for the hidden card, the fewest slots then the squarest sheet, and every
// sheet within 4096 pixels on a side.
func TestLayout(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		n          int
		w, h, dpi  float64
		grids      [][2]int // columns, rows of each sheet
		counts     []int
		cardW      int
		cardH      int
		dpiAtMost  float64
		dpiAtLeast float64
	}{
		// 20 tarot cards and the hidden one: 21 slots, 7 × 3 (wider than
		// 3 × 7, so nearer square), 490 × 360 mm: 200 dpi fits.
		{n: 20, w: 70, h: 120, dpi: 200, grids: [][2]int{{7, 3}}, counts: []int{20}, cardW: 551, cardH: 945, dpiAtMost: 200, dpiAtLeast: 199.9},
		// 69 cards fill one sheet, 10 × 7; 840 mm tall needs less than 124 dpi.
		{n: 69, w: 70, h: 120, dpi: 200, grids: [][2]int{{10, 7}}, counts: []int{69}, cardW: 341, cardH: 585, dpiAtMost: 123.9, dpiAtLeast: 123},
		// 70 cards: two sheets, the second with one card and the hidden one
		// (2 × 2 is Tabletop Simulator's smallest grid).
		{n: 70, w: 70, h: 120, dpi: 200, grids: [][2]int{{10, 7}, {2, 2}}, counts: []int{69, 1}, cardW: 341, cardH: 585},
		// 150 poker cards: 69, 69 and 12 (13 slots: 7 × 2 is squarer than 2 × 7).
		{n: 150, w: 63, h: 88, dpi: 300, grids: [][2]int{{10, 7}, {10, 7}, {7, 2}}, counts: []int{69, 69, 12}, cardW: 409, cardH: 571},
		// One card: 2 × 2.
		{n: 1, w: 63, h: 88, dpi: 150, grids: [][2]int{{2, 2}}, counts: []int{1}, cardW: 372, cardH: 520},
	} {
		p, err := Layout(tt.n, tt.w, tt.h, tt.dpi)
		if err != nil {
			t.Fatalf("%d cards: %v", tt.n, err)
		}
		if len(p.Sheets) != len(tt.grids) {
			t.Fatalf("%d cards: %d sheets, want %d", tt.n, len(p.Sheets), len(tt.grids))
		}
		next := 0
		for i, s := range p.Sheets {
			if [2]int{s.Columns, s.Rows} != tt.grids[i] || s.Count != tt.counts[i] || s.First != next {
				t.Errorf("%d cards, sheet %d: %d × %d from card %d, %d cards; want %v, %d cards from %d",
					tt.n, i+1, s.Columns, s.Rows, s.First, s.Count, tt.grids[i], tt.counts[i], next)
			}
			next += s.Count
			if s.Columns > MaxColumns || s.Rows > MaxRows || s.Count > s.Columns*s.Rows-1 {
				t.Errorf("%d cards, sheet %d: %d cards in %d × %d with the hidden card", tt.n, i+1, s.Count, s.Columns, s.Rows)
			}
			if c, r := s.Slot(s.Count - 1); r*s.Columns+c >= s.Columns*s.Rows-1 {
				t.Errorf("%d cards, sheet %d: the last card takes the hidden card's slot", tt.n, i+1)
			}
			if sw, sh := p.Pixels(s, tt.w, tt.h); sw > MaxPixels || sh > MaxPixels || sw != s.Columns*p.CardW {
				t.Errorf("%d cards, sheet %d: %d × %d pixels, above %d or not %d cards of %d", tt.n, i+1, sw, sh, MaxPixels, s.Columns, p.CardW)
			}
		}
		if next != tt.n {
			t.Errorf("%d cards: the sheets hold %d", tt.n, next)
		}
		if p.CardW != tt.cardW || p.CardH != tt.cardH {
			t.Errorf("%d cards: %d × %d pixels a card, want %d × %d", tt.n, p.CardW, p.CardH, tt.cardW, tt.cardH)
		}
		if tt.dpiAtMost > 0 && (p.DPI > tt.dpiAtMost || p.DPI < tt.dpiAtLeast) {
			t.Errorf("%d cards: %.1f dpi, want %.1f to %.1f", tt.n, p.DPI, tt.dpiAtLeast, tt.dpiAtMost)
		}
		// The card keeps its shape to within a pixel.
		if d := float64(p.CardH) - float64(p.CardW)*tt.h/tt.w; d > 1 || d < -1 {
			t.Errorf("%d cards: %d × %d pixels is not %g × %g mm", tt.n, p.CardW, p.CardH, tt.w, tt.h)
		}
	}
}

func TestLayoutRefuses(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		n         int
		w, h, dpi float64
		msg       string
	}{
		{0, 70, 120, 150, "no card"},
		{10, 0, 120, 150, "cards of 0 × 120 mm at 150 dpi"},
		{10, 70, 120, 0, "cards of 70 × 120 mm at 0 dpi"},
		{10, 70, 120, 1, "would be 2 × 3 pixels on a sheet: too small to read"},
	} {
		if _, err := Layout(tt.n, tt.w, tt.h, tt.dpi); err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Layout(%d, %g, %g, %g): %v; want %q", tt.n, tt.w, tt.h, tt.dpi, err, tt.msg)
		}
	}
}

func TestInstructions(t *testing.T) {
	t.Parallel()
	p, _ := Layout(70, 70, 120, 200)
	s := Instructions("Les visages cachés de l’IA", p, []Files{{"f-1.png", "b-1.png"}, {"f-2.png", "b-2.png"}}, "")
	for _, want := range []string{
		"Objects > Components > Custom > Deck",
		"(70 cards)", "Face:          f-2.png", "Back:          b-1.png", "Unique backs:  ticked",
		"Width:         10\n   Height:        7\n   Number:        69", "Width:         2\n   Height:        2\n   Number:        1",
		"341 × 585 pixels",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the instructions lack %q:\n%s", want, s)
		}
	}
	if s := Instructions("T", p, []Files{{"f-1.png", ""}, {"f-2.png", ""}}, "back.png"); !strings.Contains(s, "Unique backs:  not ticked\n   Back:          back.png") {
		t.Errorf("a common back is not named:\n%s", s)
	}
}
