package impose_test

import (
	"math"
	"testing"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/impose"
	"github.com/cardgen/cardgen/pkg/layout"
)

func builtin(t *testing.T, name string) *layout.Spec {
	t.Helper()
	s, err := layout.LoadFS(layouts.FS, name+".yaml")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestFoldLayoutsFold checks that reflecting each back across the fold
// line gives its front's rectangle, that backs are turned upside down, and
// that each sheet carries its fronts and their backs, one page per sheet.
func TestFoldLayoutsFold(t *testing.T) {
	for _, name := range []string{"a4-fold", "letter-fold"} {
		spec := builtin(t, name)
		fold, ok := spec.FoldLine()
		if !ok || fold.A.Y != fold.B.Y || math.Abs(fold.A.Y-spec.Paper.H/2) > geom.Epsilon {
			t.Fatalf("%s: fold line %v, want horizontal at half height", name, fold)
		}
		plan := impose.Impose(spec, 5)
		if want := (5 + spec.PerSheet() - 1) / spec.PerSheet(); len(plan.Pages) != want {
			t.Fatalf("%s: %d pages for 5 cards, want %d", name, len(plan.Pages), want)
		}
		y := fold.A.Y
		for _, p := range plan.Pages {
			if p.Fold == nil || p.Side != layout.Front {
				t.Errorf("%s sheet %d: no fold line", name, p.Sheet)
			}
			fronts := map[int]impose.Placement{}
			for _, c := range p.Cards {
				if c.Side == layout.Front {
					fronts[c.Card] = c
					if c.Bleed.Bottom() > y+geom.Epsilon {
						t.Errorf("%s: front of card %d crosses the fold", name, c.Card)
					}
				}
			}
			for _, c := range p.Cards {
				if c.Side != layout.Back {
					continue
				}
				f, ok := fronts[c.Card]
				if !ok {
					t.Fatalf("%s: back of card %d without its front on the sheet", name, c.Card)
				}
				// Reflect the back across y = fold.
				reflected := geom.R(c.Trim.X, 2*y-c.Trim.Bottom(), c.Trim.W, c.Trim.H)
				if !reflected.Equal(f.Trim) {
					t.Errorf("%s: back of card %d reflected across the fold is %v, its front is %v", name, c.Card, reflected, f.Trim)
				}
				if c.Rotation != 180 {
					t.Errorf("%s: back of card %d turned %d°, want 180", name, c.Card, c.Rotation)
				}
				if !spec.Printable().Contains(c.Bleed) {
					t.Errorf("%s: back of card %d leaves the printable area", name, c.Card)
				}
			}
		}
	}
}

// TestBackRotation: backs are turned upside down exactly when the sheet
// turns top over bottom.
func TestBackRotation(t *testing.T) {
	portrait := builtin(t, "a4")
	landscape := builtin(t, "a3") // auto: landscape
	if !landscape.Paper.Landscape() {
		t.Fatalf("a3 is not landscape: %v", landscape.Paper)
	}
	for _, tt := range []struct {
		spec   *layout.Spec
		duplex layout.Duplex
		want   int
	}{
		{portrait, layout.DuplexLong, 0},
		{portrait, layout.DuplexShort, 180},
		{portrait, layout.DuplexNone, 0},
		{landscape, layout.DuplexLong, 180},
		{landscape, layout.DuplexShort, 0},
	} {
		s := *tt.spec
		s.Duplex = tt.duplex
		plan := impose.Impose(&s, 1)
		if got := plan.Pages[1].Cards[0].Rotation; got != tt.want {
			t.Errorf("%s %s: back turned %d°, want %d", s.Name, tt.duplex, got, tt.want)
		}
		if plan.Pages[0].Cards[0].Rotation != 0 {
			t.Errorf("%s: a front is turned", s.Name)
		}
	}
}

// TestFrontsThenBacks: with order fronts-then-backs every front sheet comes
// first, then the back sheets in the same order.
func TestFrontsThenBacks(t *testing.T) {
	s := *builtin(t, "a4")
	s.Duplex, s.Order = layout.DuplexNone, layout.FrontsThenBacks
	plan := impose.Impose(&s, 10) // 3 sheets
	want := []struct {
		sheet int
		side  layout.Side
	}{{1, layout.Front}, {2, layout.Front}, {3, layout.Front}, {1, layout.Back}, {2, layout.Back}, {3, layout.Back}}
	if len(plan.Pages) != len(want) {
		t.Fatalf("%d pages, want %d", len(plan.Pages), len(want))
	}
	for i, w := range want {
		if p := plan.Pages[i]; p.Sheet != w.sheet || p.Side != w.side {
			t.Errorf("page %d: sheet %d %v, want sheet %d %v", i+1, p.Sheet, p.Side, w.sheet, w.side)
		}
	}
	// The stack is turned by hand as for a long-edge flip.
	f, b := plan.Pages[0].Cards[0].Trim, plan.Pages[3].Cards[0].Trim
	if !b.Equal(f.MirrorX(s.Paper.W)) {
		t.Errorf("back %v, want %v", b, f.MirrorX(s.Paper.W))
	}
}

// TestComputedGrid: a3 has no grid; it holds 5 × 2 tarot cards landscape,
// where portrait would hold 3 × 3, centred on the sheet.
func TestComputedGrid(t *testing.T) {
	s := builtin(t, "a3")
	if s.GridGiven || s.Columns != 5 || s.Rows != 2 || s.Paper.W != 420 || s.Paper.H != 297 {
		t.Fatalf("a3: %d × %d on %v (given %v), want 5 × 2 on 420 × 297", s.Columns, s.Rows, s.Paper, s.GridGiven)
	}
	// 5 × 70 + 4 × 10 = 390 mm across: x0 = (420 − 390) / 2 = 15;
	// 2 × 120 + 10 = 250 mm down: y0 = (297 − 250) / 2 = 23.5.
	if got := s.Slot(0, 0); !got.Equal(geom.R(15, 23.5, 70, 120)) {
		t.Errorf("first slot %v", got)
	}
	if got := s.Slot(4, 1); !got.Equal(geom.R(335, 153.5, 70, 120)) {
		t.Errorf("last slot %v", got)
	}
}

// TestCutLines: with style cut, marks run the whole length of margins and
// gutters, still clear of every bleed.
func TestCutLines(t *testing.T) {
	s := *builtin(t, "a4")
	s.Marks.Style = "cut"
	page := impose.Impose(&s, 4).Pages[0]
	longest := 0.0
	for _, m := range page.Marks {
		longest = max(longest, m.Length())
		for _, c := range page.Cards {
			if m.Touches(c.Bleed, s.Marks.Width) {
				t.Errorf("cut line %v touches card %d", m, c.Card)
			}
		}
	}
	// The side margins: from the printable edge (5) to 0.5 mm + half the
	// stroke before the bleed (30 − 3 = 27): 21.4 mm, far longer than a crop mark.
	if math.Abs(longest-(27-0.5-0.1-5)) > 1e-9 {
		t.Errorf("longest cut line %.3f mm", longest)
	}
}

// BenchmarkImpose10000 places 10,000 cards on A4 sheets with their marks.
func BenchmarkImpose10000(b *testing.B) {
	s, err := layout.LoadFS(layouts.FS, "a4.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		impose.Impose(s, 10000)
	}
}
