package impose_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/impose"
	"github.com/cardgen/cardgen/pkg/layout"
)

// expectedBack works out, independently of layout.BackOf, where the back
// of front lands: mirrored across the axis the sheet turns about, then
// shifted by the offset (duplex only).
func expectedBack(s *layout.Spec, front geom.Rect) geom.Rect {
	W, H := s.Paper.W, s.Paper.H
	b := geom.R(front.X, H-front.Y-front.H, front.W, front.H)
	if turnsLeftRight(s) {
		b = geom.R(W-front.X-front.W, front.Y, front.W, front.H)
	}
	if !s.Folded() {
		b = b.Translate(s.BackOffset.X, s.BackOffset.Y)
	}
	return b
}

// turnsLeftRight reports whether the sheet turns about a vertical axis
// (left over right), worked out from the fold or the duplex edge.
func turnsLeftRight(s *layout.Spec) bool {
	switch s.Fold {
	case layout.FoldHorizontal:
		return false
	case layout.FoldVertical:
		return true
	}
	// Portrait: the long edge is vertical, a long-edge turn mirrors
	// left-right; landscape the other way round. No duplex: turned by hand
	// as on the long edge.
	long := s.Duplex != layout.DuplexShort
	return long == (s.Paper.W <= s.Paper.H)
}

// checkInvariants checks a plan: every back where expectedBack says, every
// bleed inside the printable area and clear of the others on its page, no
// mark touching a bleed, fold layouts folding each back onto its front.
func checkInvariants(t *testing.T, name string, s *layout.Spec, n int) {
	t.Helper()
	plan := impose.Impose(s, n)
	fronts := map[int]geom.Rect{}
	backs := map[int]impose.Placement{}
	for pi, p := range plan.Pages {
		for i, c := range p.Cards {
			if !s.Printable().Contains(c.Bleed) {
				t.Errorf("%s page %d: card %d %v bleeds outside the printable area", name, pi+1, c.Card, c.Side)
			}
			for _, o := range p.Cards[i+1:] {
				if c.Bleed.Overlaps(o.Bleed) {
					t.Errorf("%s page %d: bleeds of cards %d and %d overlap", name, pi+1, c.Card, o.Card)
				}
			}
			for _, m := range p.Marks {
				if m.Touches(c.Bleed, s.Marks.Width) {
					t.Errorf("%s page %d: mark %v touches card %d", name, pi+1, m, c.Card)
				}
			}
			if c.Side == layout.Front {
				fronts[c.Card] = c.Trim
			} else {
				backs[c.Card] = c
			}
		}
	}
	if len(fronts) != n || len(backs) != n {
		t.Fatalf("%s: %d fronts and %d backs for %d cards", name, len(fronts), len(backs), n)
	}
	for card, f := range fronts {
		b := backs[card]
		if want := expectedBack(s, f); !b.Trim.Equal(want) {
			t.Errorf("%s: back of card %d at %v, want %v", name, card, b.Trim, want)
		}
		switch s.Fold {
		case layout.FoldHorizontal:
			y := s.Paper.H / 2
			if !geom.R(b.Trim.X, 2*y-b.Trim.Bottom(), b.Trim.W, b.Trim.H).Equal(f) {
				t.Errorf("%s: card %d does not fold onto its front", name, card)
			}
		case layout.FoldVertical:
			x := s.Paper.W / 2
			if !geom.R(2*x-b.Trim.Right(), b.Trim.Y, b.Trim.W, b.Trim.H).Equal(f) {
				t.Errorf("%s: card %d does not fold onto its front", name, card)
			}
		}
		// A back reads upright in the hand, turned over left to right: its
		// content turns by 180° exactly when the sheet turns top over bottom.
		if want := map[bool]int{true: 0, false: 180}[turnsLeftRight(s)]; b.Rotation != want {
			t.Errorf("%s: back of card %d turned %d°, want %d°", name, card, b.Rotation, want)
		}
	}
}

// TestBuiltinLayoutInvariants: every built-in layout, with every duplex edge
// and a back offset where they apply, for a full and a partial last sheet.
func TestBuiltinLayoutInvariants(t *testing.T) {
	t.Parallel()
	for _, name := range layouts.Names() {
		base, err := layout.LoadFS(layouts.FS, name+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		duplexes := []layout.Duplex{base.Duplex}
		offsets := []geom.Point{{}}
		if !base.TrimBox && !base.Folded() {
			duplexes = []layout.Duplex{layout.DuplexLong, layout.DuplexShort, layout.DuplexNone}
			offsets = append(offsets, geom.Point{X: 0.7, Y: -0.4})
		}
		for _, dx := range duplexes {
			for _, off := range offsets {
				s := *base
				s.Duplex, s.BackOffset = dx, off
				if !s.BacksOnPaper() {
					continue
				}
				for _, n := range []int{20, s.PerSheet()*2 + 1} {
					checkInvariants(t, fmt.Sprintf("%s/%s/%v/%d", name, dx, off, n), &s, n)
				}
			}
		}
	}
}

// TestGeneratedLayoutInvariants: a few hundred generated specs through the
// real loader, with computed grids, cut lines, fold layouts and offsets.
func TestGeneratedLayoutInvariants(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 2026))
	kept := map[string]int{}
	for i := 0; i < 2000 && kept["all"] < 400; i++ {
		bleed := float64(rng.IntN(11)) / 2
		src := fmt.Sprintf("name: g%d\npaper:\n  width: %d\n  height: %d\ncard:\n  width: %d\n  height: %d\nbleed: %g\nsafe: 2\nmargin: %d\ngap: %g\n",
			i, 100+rng.IntN(400), 100+rng.IntN(400), 30+rng.IntN(90), 30+rng.IntN(90), bleed, rng.IntN(10), 2*bleed+float64(rng.IntN(8)))
		style := []string{"crop", "cut", "none"}[rng.IntN(3)]
		src += fmt.Sprintf("marks:\n  style: %s\n  length: %d\n  offset: 0.5\n  width: 0.2\n", style, 1+rng.IntN(8))
		kind := rng.IntN(4)
		switch kind {
		case 0:
			src += "fold: horizontal\n"
		case 1:
			src += "fold: vertical\n"
		default:
			src += fmt.Sprintf("duplex: %s\nback_offset:\n  x: %g\n  y: %g\n", []string{"long", "short", "none"}[rng.IntN(3)], float64(rng.IntN(7)-3)/2, float64(rng.IntN(7)-3)/2)
		}
		s, err := layout.Parse("gen.yaml", []byte(src))
		if err != nil {
			continue // the loader refused it (does not fit, backs off the paper…)
		}
		kept["all"]++
		kept[fmt.Sprint(kind)]++
		kept[style]++
		checkInvariants(t, fmt.Sprintf("generated %d", i), s, 2*s.PerSheet()+1)
	}
	if kept["all"] < 200 || kept["0"] < 20 || kept["1"] < 20 || kept["cut"] < 30 {
		t.Errorf("too few kept specs: %v", kept)
	}
	t.Logf("kept %v", kept)
}
