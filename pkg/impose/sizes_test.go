package impose_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/cardgen/cardgen/internal/testenv"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/impose"
	"github.com/cardgen/cardgen/pkg/layout"
)

// cardSizes are the cards faces are composed for: landscape, portrait,
// small, square and the largest.
var cardSizes = []layout.Size{{W: 88, H: 63}, {W: 120, H: 70}, {W: 63, H: 88}, {W: 40, H: 60}, {W: 80, H: 80}, {W: 300, H: 300}}

// sheet is a paper for the card-size tests, as layout lines, and the size
// of the sheet (before orientation: auto turns it).
type sheet struct {
	name, yaml string
	w, h       float64
}

var sheets = []sheet{
	{"A4", "paper: A4\n", 210, 297},
	{"A4 landscape", "paper: A4\norientation: landscape\n", 297, 210},
	{"A3 auto", "paper: A3\norientation: auto\n", 297, 420},
	{"Letter", "paper: Letter\n", 215.9, 279.4},
	{"700 × 500 auto", "paper: {width: 700, height: 500}\norientation: auto\n", 700, 500},
}

// fitsAcross is how many cards fit across room, worked out the long way: add
// cards until the next one would not fit.
func fitsAcross(room, card, bleed, gap float64) int {
	n := 0
	for float64(n+1)*card+float64(n)*gap+2*bleed <= room+1e-9 {
		n++
	}
	return n
}

// expectedGrid is the computed grid for a card on a sheet: the most that fit
// the printable area (for a fold layout, its half on the fronts' side),
// portrait when both orientations of an auto sheet hold as many, with the
// first of the default bleeds and gaps that holds the most.
func expectedGrid(c layout.Size, sh sheet, fold layout.Fold, auto bool) (cols, rows int, w, h float64) {
	for _, sp := range [][2]float64{{3, 10}, {3, 6}, {1.5, 3}} {
		c2, r2, w2, h2 := expectedGridSpaced(c, sh, fold, auto, sp[0], sp[1])
		if c2*r2 > cols*rows || w == 0 {
			cols, rows, w, h = c2, r2, w2, h2
		}
	}
	return cols, rows, w, h
}

func expectedGridSpaced(c layout.Size, sh sheet, fold layout.Fold, auto bool, bleed, gap float64) (cols, rows int, w, h float64) {
	const margin = 5
	count := func(w, h float64) (int, int) {
		rw, rh := w-2*margin, h-2*margin
		switch fold {
		case layout.FoldHorizontal:
			rh = h/2 - margin
		case layout.FoldVertical:
			rw = w/2 - margin
		}
		return fitsAcross(rw, c.W, bleed, gap), fitsAcross(rh, c.H, bleed, gap)
	}
	w, h = sh.w, sh.h
	if auto {
		w, h = min(sh.w, sh.h), max(sh.w, sh.h)
		pc, pr := count(w, h)
		lc, lr := count(h, w)
		if lc*lr > pc*pr {
			return lc, lr, h, w
		}
		return pc, pr, w, h
	}
	cols, rows = count(w, h)
	return cols, rows, w, h
}

// TestCardSizesImpose: landscape (88 × 63, 120 × 70), portrait (63 × 88,
// 40 × 60), square (80 × 80) and large (300 × 300) cards are valid layouts
// on every sheet they fit, with only paper:, card: and the printing fields
// written, and refused in one line on the sheets they do not fit. Every plan
// keeps its invariants: backs where the turn of the sheet puts them (or
// folded onto their fronts), bleeds on the printable area and apart, marks
// on cut lines and clear of every bleed, a mark by every outer cut line
// with room for one.
func TestCardSizesImpose(t *testing.T) {
	t.Parallel()
	kinds := []struct{ name, yaml string }{
		{"long", "duplex: long\n"},
		{"short, offset", "duplex: short\nback_offset: {x: 0.7, y: -0.4}\n"},
		{"none, cut lines", "duplex: none\nmarks: cut\n"},
		{"fold horizontal", "fold: horizontal\n"},
		{"fold vertical", "fold: vertical\n"},
	}
	accepted := map[string]int{}
	for _, c := range cardSizes {
		for _, sh := range sheets {
			for _, k := range kinds {
				name := fmt.Sprintf("%v×%v/%s/%s", c.W, c.H, sh.name, k.name)
				fold := layout.FoldNone
				if f, ok := strings.CutPrefix(k.name, "fold "); ok {
					fold = layout.Fold(f)
				}
				auto := strings.Contains(sh.yaml, "auto")
				cols, rows, w, h := expectedGrid(c, sh, fold, auto)
				src := fmt.Sprintf("%scard: {width: %v, height: %v}\n%s", sh.yaml, c.W, c.H, k.yaml)
				s, err := layout.Parse("sizes.yaml", []byte(src))
				if cols*rows == 0 {
					var l diag.List
					if err == nil || !errors.As(err, &l) || len(l) != 1 || l[0].Field != "card" || !strings.Contains(l[0].Msg, fmt.Sprintf("%v × %v mm card", c.W, c.H)) {
						t.Errorf("%s: no card fits, but Parse gives %v", name, err)
					}
					continue
				}
				if err != nil {
					if strings.Contains(k.name, "offset") && strings.Contains(err.Error(), "the backs leave the printable area") {
						continue // a snug grid leaves no room to shift
					}
					t.Errorf("%s: %d × %d cards fit, but:\n%s\n%v", name, cols, rows, src, err)
					continue
				}
				if s.Columns != cols || s.Rows != rows || s.Paper.W != w || s.Paper.H != h {
					t.Errorf("%s: %d × %d on %v × %v; want %d × %d on %v × %v", name, s.Columns, s.Rows, s.Paper.W, s.Paper.H, cols, rows, w, h)
				}
				accepted[fmt.Sprint(c)]++
				for _, n := range []int{1, s.PerSheet() + 1, 20} {
					checkSizes(t, fmt.Sprintf("%s/%d cards", name, n), s, n)
					checkInvariants(t, fmt.Sprintf("%s/%d cards", name, n), s, n)
				}
			}
		}
		// Every size also as a print shop's single card.
		src := fmt.Sprintf("paper: {width: %v, height: %v}\ncard: {width: %v, height: %v}\nmargin: 0\ngrid: {columns: 1, rows: 1}\nmarks: none\nduplex: none\norder: alternate\ntrim_box: true\n",
			c.W+6, c.H+6, c.W, c.H)
		s, err := layout.Parse("shop.yaml", []byte(src))
		if err != nil {
			t.Errorf("%v print shop: %v", c, err)
			continue
		}
		plan := impose.Impose(s, 3)
		if len(plan.Pages) != 6 {
			t.Errorf("%v print shop: %d pages for 3 cards; want 6", c, len(plan.Pages))
		}
		for i, p := range plan.Pages {
			want := geom.R(3, 3, c.W, c.H)
			if p.TrimBox == nil || !p.TrimBox.Equal(want) || p.Size != (layout.Size{W: c.W + 6, H: c.H + 6}) || len(p.Cards) != 1 ||
				p.Cards[0].Card != i/2 || p.Cards[0].Side != layout.Side(i%2) || !p.Cards[0].Bleed.Equal(geom.R(0, 0, c.W+6, c.H+6)) {
				t.Errorf("%v print shop page %d: %+v", c, i+1, p)
			}
		}
		checkInvariants(t, fmt.Sprintf("%v print shop", c), s, 3)
	}
	// Each size is valid somewhere besides the print shop.
	for _, c := range cardSizes {
		if accepted[fmt.Sprint(c)] == 0 {
			t.Errorf("%v: no sheet accepted", c)
		}
	}
	t.Logf("accepted layouts by card size: %v", accepted)
}

// checkSizes checks what the card-size test adds to checkInvariants: every
// face has the card's size, not turned; fronts of a sheet form the grid in
// reading order; crop marks lie on cut lines, no longer than marks.length,
// and mark every outer cut line where the margin leaves room.
func checkSizes(t *testing.T, name string, s *layout.Spec, n int) {
	t.Helper()
	plan := impose.Impose(s, n)
	for pi, p := range plan.Pages {
		var fronts []impose.Placement
		for _, c := range p.Cards {
			if c.Trim.W != s.Card.W || c.Trim.H != s.Card.H {
				t.Errorf("%s page %d: card %d is %v × %v; want %v × %v", name, pi+1, c.Card, c.Trim.W, c.Trim.H, s.Card.W, s.Card.H)
			}
			if c.Side == layout.Front {
				fronts = append(fronts, c)
			}
		}
		for i, c := range fronts {
			if want := s.Slot(i%s.Columns, i/s.Columns); !c.Trim.Equal(want) {
				t.Errorf("%s page %d: front %d at %v; want slot %v", name, pi+1, i, c.Trim, want)
			}
		}
		if p.Side == layout.Back || s.Marks.Style == "none" {
			continue
		}
		full := len(fronts) == s.PerSheet()
		maxLen := s.Marks.Length
		if s.Marks.Style == "cut" {
			maxLen = math.Max(s.Paper.W, s.Paper.H)
		}
		for _, e := range checkMarks(s, p, markRules{maxLen: maxLen, noCrossing: full && !s.Folded()}) {
			t.Errorf("%s page %d: %s", name, pi+1, e)
		}
		if !full || s.Folded() {
			continue
		}
		// Outer cut lines: a mark from the printable edge's side up to the
		// bleed (less the offset), where that leaves 1 mm.
		printable := s.Printable()
		clear := s.Marks.Offset + s.Marks.Width/2
		first, last := s.Slot(0, 0).Outset(s.Bleed), s.Slot(s.Columns-1, s.Rows-1).Outset(s.Bleed)
		has := func(vertical bool, at, end float64) bool {
			for _, m := range p.Marks {
				mk := norm(m)
				if vertical && near(mk.x0, at) && near(mk.x1, at) && (near(mk.y1, end) || near(mk.y0, end)) ||
					!vertical && near(mk.y0, at) && near(mk.y1, at) && (near(mk.x1, end) || near(mk.x0, end)) {
					return true
				}
			}
			return false
		}
		for col := range s.Columns {
			tr := s.Slot(col, 0)
			for _, x := range []float64{tr.X, tr.Right()} {
				if first.Y-clear-printable.Y >= 1 && !has(true, x, first.Y-clear) {
					t.Errorf("%s: no mark above the cut line x = %v", name, x)
				}
				if printable.Bottom()-(last.Bottom()+clear) >= 1 && !has(true, x, last.Bottom()+clear) {
					t.Errorf("%s: no mark below the cut line x = %v", name, x)
				}
			}
		}
		for row := range s.Rows {
			tr := s.Slot(0, row)
			for _, y := range []float64{tr.Y, tr.Bottom()} {
				if first.X-clear-printable.X >= 1 && !has(false, y, first.X-clear) {
					t.Errorf("%s: no mark left of the cut line y = %v", name, y)
				}
				if printable.Right()-(last.Right()+clear) >= 1 && !has(false, y, last.Right()+clear) {
					t.Errorf("%s: no mark right of the cut line y = %v", name, y)
				}
			}
		}
	}
}

// TestImposeDenseSheetFast: the densest sheet a layout can hold (66 × 66
// cards of 30 mm on 2 m paper, crop marks in every gutter) is imposed in
// well under a second. Not parallel: it counts the processor time it takes.
func TestImposeDenseSheetFast(t *testing.T) {
	s, err := layout.Parse("dense.yaml", []byte("paper: {width: 2000, height: 2000}\ncard: {width: 30, height: 30}\nbleed: 0\nsafe: 2\nmargin: 0\ngap: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	start := testenv.CPUTime()
	plan := impose.Impose(s, 2*s.PerSheet())
	if d := testenv.CPUTime() - start; d > testenv.Limit(500*time.Millisecond) {
		t.Errorf("%d × %d cards, 2 sheets: %v", s.Columns, s.Rows, d)
	}
	if len(plan.Pages) != 4 || len(plan.Pages[0].Cards) != s.PerSheet() || s.PerSheet() < 60*60 {
		t.Fatalf("%d pages of %d cards", len(plan.Pages), len(plan.Pages[0].Cards))
	}
	for _, e := range checkMarks(s, plan.Pages[0], strict(s)) {
		t.Error(e)
	}
}

// TestCropMarksSweep: the sweep finds the marks that looking at every card
// on every cut line finds (the way CropMarks worked before), for every
// built-in, the card-size layouts and partial sheets.
func TestCropMarksSweep(t *testing.T) {
	t.Parallel()
	var specs []*layout.Spec
	for _, name := range []string{"a3", "a4", "a4-fold", "a4-poker", "letter-poker"} {
		specs = append(specs, builtin(t, name))
	}
	for _, c := range cardSizes {
		for _, sh := range sheets {
			for _, extra := range []string{"", "marks: cut\n", "fold: vertical\n", "bleed: 0\ngap: 0\n", "gap: 6.5\nmarks: {length: 2}\n"} {
				if s, err := layout.Parse("m.yaml", fmt.Appendf(nil, "%scard: {width: %v, height: %v}\n%s", sh.yaml, c.W, c.H, extra)); err == nil {
					specs = append(specs, s)
				}
			}
		}
	}
	compared := 0
	for _, s := range specs {
		for _, n := range []int{1, s.PerSheet() - 1, s.PerSheet()} {
			if n < 1 {
				continue
			}
			page := impose.Impose(s, n).Pages[0]
			got, want := page.Marks, bruteCropMarks(s, page.Cards)
			if len(got) != len(want) {
				t.Errorf("%v on %v, %d cards: %d marks; want %d", s.Card, s.Paper, n, len(got), len(want))
				continue
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%v on %v, %d cards: mark %d is %v; want %v", s.Card, s.Paper, n, i, got[i], want[i])
				}
			}
			compared++
		}
	}
	if compared < 100 {
		t.Errorf("only %d pages compared", compared)
	}
}

// bruteCropMarks is CropMarks with every card looked at on every cut line.
func bruteCropMarks(spec *layout.Spec, cards []impose.Placement) []geom.Segment {
	var xs, ys []float64
	for _, c := range cards {
		xs = append(xs, c.Trim.X, c.Trim.Right())
		ys = append(ys, c.Trim.Y, c.Trim.Bottom())
	}
	clear := spec.Marks.Offset + spec.Marks.Width/2
	crossing := func(pos float64, vertical bool) [][2]float64 {
		var blocked [][2]float64
		for _, c := range cards {
			b := c.Bleed.Outset(clear)
			a0, a1, along0, along1 := b.Y, b.Bottom(), b.X, b.Right()
			if vertical {
				a0, a1, along0, along1 = b.X, b.Right(), b.Y, b.Bottom()
			}
			if pos > a0 && pos < a1 {
				blocked = append(blocked, [2]float64{along0, along1})
			}
		}
		return blocked
	}
	p := spec.Printable()
	var marks []geom.Segment
	for _, x := range impose.Unique(xs) {
		for _, iv := range impose.MarkIntervals(spec, crossing(x, true), p.Y, p.Bottom()) {
			marks = append(marks, geom.Segment{A: geom.Point{X: x, Y: iv[0]}, B: geom.Point{X: x, Y: iv[1]}})
		}
	}
	for _, y := range impose.Unique(ys) {
		for _, iv := range impose.MarkIntervals(spec, crossing(y, false), p.X, p.Right()) {
			marks = append(marks, geom.Segment{A: geom.Point{X: iv[0], Y: y}, B: geom.Point{X: iv[1], Y: y}})
		}
	}
	return marks
}
