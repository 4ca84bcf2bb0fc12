// Package tabletop lays a deck out for Tabletop Simulator, which imports a
// custom deck as a "deck sheet": one picture holding the cards in a grid of
// at most 10 columns and 7 rows, at most 4096 pixels on a side, whose last
// slot (bottom right) is the picture shown for a card hidden in a player's
// hand. A deck of more than 69 cards takes several sheets, imported as
// several decks and put together on the table. It is pure arithmetic: the
// caller draws the sheets.
package tabletop

import (
	"fmt"
	"math"
	"strings"
)

// Tabletop Simulator's limits for a deck sheet.
const (
	MaxColumns = 10
	MaxRows    = 7
	MaxPixels  = 4096
	// PerSheet is how many cards a sheet holds: every slot but the last,
	// which is the hidden card's.
	PerSheet = MaxColumns*MaxRows - 1
)

// Sheet is one deck sheet.
type Sheet struct {
	Columns, Rows int
	First, Count  int // the deck's cards First … First+Count−1, in slot order
}

// Slot is the column and row of the sheet's i-th card (from 0).
func (s Sheet) Slot(i int) (col, row int) { return i % s.Columns, i / s.Columns }

// Hidden is the column and row of the hidden card: the last slot.
func (s Sheet) Hidden() (col, row int) { return s.Columns - 1, s.Rows - 1 }

// Plan is a deck laid out on sheets.
type Plan struct {
	Sheets []Sheet
	// DPI is the resolution the cards are drawn at, the same on every
	// sheet; CardW and CardH are a card's size in pixels at it.
	DPI          float64
	CardW, CardH int
}

// Layout splits n cards of w × h mm into sheets of at most PerSheet cards
// and chooses, for each, the grid with the fewest slots (the hidden one
// included) and, among those, the squarest picture; then the highest
// resolution, at most maxDPI, at which every sheet stays within MaxPixels.
func Layout(n int, w, h, maxDPI float64) (Plan, error) {
	if n <= 0 {
		return Plan{}, fmt.Errorf("no card to put on a sheet")
	}
	if w <= 0 || h <= 0 || maxDPI <= 0 {
		return Plan{}, fmt.Errorf("cards of %g × %g mm at %g dpi", w, h, maxDPI)
	}
	var p Plan
	cols, rows := 0, 0 // the most of any sheet
	for first := 0; first < n; first += PerSheet {
		count := min(PerSheet, n-first)
		c, r := grid(count+1, w, h)
		p.Sheets = append(p.Sheets, Sheet{Columns: c, Rows: r, First: first, Count: count})
		cols, rows = max(cols, c), max(rows, r)
	}
	// Pixels per mm: as asked, unless a sheet would exceed the limit.
	s := min(maxDPI/25.4, MaxPixels/(float64(cols)*w), MaxPixels/(float64(rows)*h))
	p.CardW = int(math.Floor(w * s))
	for ; p.CardW > 0; p.CardW-- {
		p.DPI = float64(p.CardW) / w * 25.4
		if sw, sh := p.Pixels(Sheet{Columns: cols, Rows: rows}, w, h); sw <= MaxPixels && sh <= MaxPixels {
			break
		}
	}
	p.CardH = int(math.Round(h * float64(p.CardW) / w))
	if p.CardW < 16 || p.CardH < 16 {
		return Plan{}, fmt.Errorf("cards of %g × %g mm would be %d × %d pixels on a sheet: too small to read", w, h, p.CardW, p.CardH)
	}
	return p, nil
}

// Pixels is the size of a sheet's picture for cards of w × h mm drawn at
// the plan's resolution: the nearest whole pixels to its size in mm, so
// that each slot is exactly a card (Tabletop Simulator divides the picture
// evenly among its columns and rows).
func (p Plan) Pixels(s Sheet, w, h float64) (int, int) {
	k := p.DPI / 25.4
	return int(math.Round(float64(s.Columns) * w * k)), int(math.Round(float64(s.Rows) * h * k))
}

// grid chooses columns and rows for slots slots: the fewest slots that hold
// them (Tabletop Simulator needs at least 2 × 2), then the squarest sheet.
func grid(slots int, w, h float64) (cols, rows int) {
	best := math.Inf(1)
	bestN := math.MaxInt
	for c := 2; c <= MaxColumns; c++ {
		for r := 2; r <= MaxRows; r++ {
			if c*r < slots {
				continue
			}
			ratio := math.Abs(math.Log(float64(c) * w / (float64(r) * h)))
			if c*r < bestN || c*r == bestN && ratio < best-1e-12 {
				cols, rows, best, bestN = c, r, ratio, c*r
			}
		}
	}
	return cols, rows
}

// Files names the pictures of one sheet: its faces, and its backs when
// every card has its own (unique backs).
type Files struct {
	Faces, Backs string
}

// Instructions says, in English, how to import the sheets into Tabletop
// Simulator. back is the common back picture when the cards share one
// ("" when each has its own, on the backs sheets).
func Instructions(title string, p Plan, files []Files, back string) string {
	var b strings.Builder
	total := 0
	for _, s := range p.Sheets {
		total += s.Count
	}
	fmt.Fprintf(&b, "Tabletop Simulator: importing %q (%d cards)\n\n", title, total)
	fmt.Fprintf(&b, "Each card is %d × %d pixels (%.0f dpi).", p.CardW, p.CardH, p.DPI)
	if len(p.Sheets) > 1 {
		fmt.Fprintf(&b, " A deck sheet holds at most %d cards: the deck comes in %d\nsheets, each imported as a deck of its own; put the decks on top of each\nother to make one.", PerSheet, len(p.Sheets))
	}
	b.WriteString(`

1. Tabletop Simulator reads pictures from a web address, or from a file
   for a game on your own computer: for a game with others, upload the
   pictures first (Modding > Cloud Manager uploads them to your Steam
   Cloud) and use their addresses.
2. In a game: Objects > Components > Custom > Deck, and click on the table.
3. Fill in the dialog as below, then Import.
`)
	for i, s := range p.Sheets {
		fmt.Fprintf(&b, "\nSheet %d of %d: cards %d to %d\n", i+1, len(p.Sheets), s.First+1, s.First+s.Count)
		fmt.Fprintf(&b, "   Face:          %s\n", files[i].Faces)
		if back == "" {
			fmt.Fprintf(&b, "   Unique backs:  ticked\n   Back:          %s\n", files[i].Backs)
		} else {
			fmt.Fprintf(&b, "   Unique backs:  not ticked\n   Back:          %s\n", back)
		}
		fmt.Fprintf(&b, "   Width:         %d\n   Height:        %d\n   Number:        %d\n", s.Columns, s.Rows, s.Count)
		b.WriteString("   Sideways:      not ticked\n   Back is hidden: not ticked\n")
	}
	b.WriteString(`
The last slot of each face sheet (bottom right) shows the deck's title: it
is what the other players see of the cards in your hand ("Back is hidden"
not ticked tells Tabletop Simulator to use it).
`)
	return b.String()
}
