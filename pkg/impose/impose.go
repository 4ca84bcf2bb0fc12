// Package impose places card faces on pages: which card, which face, where,
// and the crop marks around them. It is pure geometry in millimetres (see
// package geom); the renderer draws what it decides.
//
// Pages come in the spec's order. With order "alternate" a front sheet is
// followed by its back sheet, on which each card's back sits where the
// duplex flip lands it: on a portrait sheet flipped on the long edge,
// x_back = page_width − x_front − card_width, same y. With order
// "fronts-then-backs" every front sheet comes first. A fold layout has one
// page per sheet, each back the mirror of its front across the fold line.
package impose

import (
	"cmp"
	"math"
	"slices"

	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
)

// Placement is one card face on a page.
type Placement struct {
	Card  int // index of the card in the deck, from 0
	Side  layout.Side
	Trim  geom.Rect // the card as cut, page coordinates in mm
	Bleed geom.Rect // Trim grown by the bleed: what the background covers
	// Rotation is how far the face's content turns about the card's
	// centre, in degrees (0 or 180).
	Rotation int
}

// Page is one page of the output.
type Page struct {
	Sheet int // 1-based sheet number
	// Side is the side of the sheet; a fold layout's front side carries the
	// backs too.
	Side  layout.Side
	Size  layout.Size
	Cards []Placement
	Marks []geom.Segment
	// Fold, when not nil, is the fold line of a fold-and-glue sheet.
	Fold *geom.Segment
	// TrimBox, when not nil, is the card's trim for a print shop's page.
	TrimBox *geom.Rect
}

// Plan is a whole document.
type Plan struct {
	Spec  *layout.Spec
	Cards int
	Pages []Page
}

// Impose lays out n cards on pages according to spec.
func Impose(spec *layout.Spec, n int) Plan {
	plan := Plan{Spec: spec, Cards: n}
	per := spec.PerSheet()
	var fronts, backs []Page
	for sheet := 0; sheet*per < n; sheet++ {
		front := Page{Sheet: sheet + 1, Side: layout.Front, Size: spec.Paper.Size}
		back := Page{Sheet: sheet + 1, Side: layout.Back, Size: spec.Paper.Size}
		for slot := 0; slot < per && sheet*per+slot < n; slot++ {
			card := sheet*per + slot
			trim := spec.Slot(slot%spec.Columns, slot/spec.Columns)
			front.Cards = append(front.Cards, Placement{Card: card, Side: layout.Front, Trim: trim, Bleed: trim.Outset(spec.Bleed)})
			bt := spec.BackOf(trim)
			back.Cards = append(back.Cards, Placement{Card: card, Side: layout.Back, Trim: bt, Bleed: bt.Outset(spec.Bleed), Rotation: spec.BackRotation()})
		}
		if spec.Folded() {
			// One side of the sheet carries both faces, across the fold.
			front.Cards = append(front.Cards, back.Cards...)
			if fold, ok := spec.FoldLine(); ok {
				front.Fold = &fold
			}
		}
		if spec.Marks.Style != "none" {
			front.Marks = CropMarks(spec, front.Cards)
		}
		if spec.TrimBox {
			ft, bt := front.Cards[0].Trim, back.Cards[0].Trim
			front.TrimBox, back.TrimBox = &ft, &bt
		}
		switch {
		case spec.Folded():
			fronts = append(fronts, front)
		case spec.Order == layout.FrontsThenBacks:
			fronts, backs = append(fronts, front), append(backs, back)
		default:
			fronts = append(fronts, front, back)
		}
	}
	plan.Pages = append(fronts, backs...)
	return plan
}

// CropMarks returns the crop marks for cards on one page: short segments on
// the extensions of every cut line, in the margins and gutters, that keep
// spec.Marks.Offset clear of every card's bleed and stay inside the printable
// area. No mark is longer than spec.Marks.Length; where a gutter is no wider
// than that, one mark spans it. The cut lines are swept in order, each
// looking only at the cards that cross it: O(n log n) for n cards.
func CropMarks(spec *layout.Spec, cards []Placement) []geom.Segment {
	var xs, ys []float64
	for _, c := range cards {
		xs = append(xs, c.Trim.X, c.Trim.Right())
		ys = append(ys, c.Trim.Y, c.Trim.Bottom())
	}
	printable := spec.Printable()
	clear := spec.Marks.Offset + spec.Marks.Width/2
	var marks []geom.Segment
	vertical := newSweep(cards, clear, true)
	for _, x := range unique(xs) {
		for _, iv := range markIntervals(spec, vertical.blocked(x), printable.Y, printable.Bottom()) {
			marks = append(marks, geom.Segment{A: geom.Point{X: x, Y: iv[0]}, B: geom.Point{X: x, Y: iv[1]}})
		}
	}
	horizontal := newSweep(cards, clear, false)
	for _, y := range unique(ys) {
		for _, iv := range markIntervals(spec, horizontal.blocked(y), printable.X, printable.Right()) {
			marks = append(marks, geom.Segment{A: geom.Point{X: iv[0], Y: y}, B: geom.Point{X: iv[1], Y: y}})
		}
	}
	return marks
}

// extent is a card's bleed, grown by the marks' clearance, seen from lines
// of one direction: across them (a0..a1) and along them (along0..along1).
type extent struct{ a0, a1, along0, along1 float64 }

// sweep finds, for lines taken in increasing position, the cards each one
// crosses.
type sweep struct {
	byStart []extent // every card, by a0
	next    int      // the first card of byStart not yet active
	active  []extent // cards that began before the last line and may cross it
}

func newSweep(cards []Placement, clear float64, vertical bool) *sweep {
	sw := &sweep{byStart: make([]extent, 0, len(cards))}
	for _, c := range cards {
		b := c.Bleed.Outset(clear)
		e := extent{b.Y, b.Bottom(), b.X, b.Right()}
		if vertical {
			e = extent{b.X, b.Right(), b.Y, b.Bottom()}
		}
		sw.byStart = append(sw.byStart, e)
	}
	slices.SortFunc(sw.byStart, func(a, b extent) int { return cmp.Compare(a.a0, b.a0) })
	return sw
}

// blocked returns the stretches along the line at pos (increasing from one
// call to the next) that cards crossing it, with bleed and clearance, block.
func (sw *sweep) blocked(pos float64) [][2]float64 {
	for sw.next < len(sw.byStart) && sw.byStart[sw.next].a0 < pos {
		sw.active = append(sw.active, sw.byStart[sw.next])
		sw.next++
	}
	// Cards that end at or before pos cross no later line either.
	kept := sw.active[:0]
	for _, e := range sw.active {
		if e.a1 > pos {
			kept = append(kept, e)
		}
	}
	sw.active = kept
	out := make([][2]float64, len(kept))
	for i, e := range kept {
		out[i] = [2]float64{e.along0, e.along1}
	}
	return out
}

// markIntervals returns the marks along one line between lo and hi, given
// the stretches of it that cards block.
func markIntervals(spec *layout.Spec, blocked [][2]float64, lo, hi float64) [][2]float64 {
	m := spec.Marks
	if m.Style == "cut" {
		// Cut lines run the whole length of every margin and gutter.
		m.Length = math.Inf(1)
	}
	slices.SortFunc(blocked, func(a, b [2]float64) int { return cmp.Compare(a[0], b[0]) })
	// Walk the free stretches; a mark goes next to each blocked end.
	var out [][2]float64
	const minLen = 1.0 // mm; shorter marks are noise
	const minGap = 0.5 // mm between two marks that face each other in a gutter
	prevEnd, prevBlocked := lo, false
	emit := func(start, end float64, blockedBefore, blockedAfter bool) {
		if end-start < minLen {
			return
		}
		switch {
		case blockedBefore && blockedAfter && end-start <= m.Length:
			// A narrow gutter: one mark spans it.
			out = append(out, [2]float64{start, end})
		case blockedBefore && blockedAfter && (end-start-minGap)/2 >= minLen:
			// A wide gutter: a mark next to each card, with a gap between.
			l := min(m.Length, (end-start-minGap)/2)
			out = append(out, [2]float64{start, start + l}, [2]float64{end - l, end})
		case blockedBefore && blockedAfter:
			// Between the two: one mark in the middle.
			mid := (start + end) / 2
			out = append(out, [2]float64{mid - m.Length/2, mid + m.Length/2})
		case blockedBefore:
			out = append(out, [2]float64{start, min(end, start+m.Length)})
		case blockedAfter:
			out = append(out, [2]float64{max(start, end-m.Length), end})
		}
	}
	for _, b := range blocked {
		if b[0] > prevEnd {
			emit(prevEnd, min(b[0], hi), prevBlocked, true)
		}
		prevEnd, prevBlocked = max(prevEnd, b[1]), true
	}
	if prevEnd < hi {
		emit(prevEnd, hi, prevBlocked, false)
	}
	return out
}

func unique(v []float64) []float64 {
	slices.Sort(v)
	out := v[:0]
	for _, x := range v {
		if len(out) == 0 || x-out[len(out)-1] > geom.Epsilon {
			out = append(out, x)
		}
	}
	return out
}
