package impose_test

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/impose"
	"github.com/cardgen/cardgen/pkg/layout"
)

const eps = geom.Epsilon

func near(a, b float64) bool { return math.Abs(a-b) < eps }

func load(t *testing.T, file string) *layout.Spec {
	t.Helper()
	s, err := layout.LoadFS(layouts.FS, file)
	if err != nil {
		t.Fatalf("LoadFS(%q): %v", file, err)
	}
	return s
}

// The A4 layout's four slots, fronts and where their backs land with a
// long-edge flip (x_back = 210 − x − 70).
var (
	a4Fronts = []geom.Rect{geom.R(30, 23.5, 70, 120), geom.R(110, 23.5, 70, 120), geom.R(30, 153.5, 70, 120), geom.R(110, 153.5, 70, 120)}
	a4Bleeds = []geom.Rect{geom.R(27, 20.5, 76, 126), geom.R(107, 20.5, 76, 126), geom.R(27, 150.5, 76, 126), geom.R(107, 150.5, 76, 126)}
	a4Backs  = []geom.Rect{geom.R(110, 23.5, 70, 120), geom.R(30, 23.5, 70, 120), geom.R(110, 153.5, 70, 120), geom.R(30, 153.5, 70, 120)}
)

func TestA4TwentyCards(t *testing.T) {
	spec := load(t, "a4.yaml")
	plan := impose.Impose(spec, 20)
	if plan.Spec != spec || plan.Cards != 20 {
		t.Errorf("plan spec %p, cards %d; want %p, 20", plan.Spec, plan.Cards, spec)
	}
	if len(plan.Pages) != 10 {
		t.Fatalf("%d pages; want 10 (5 fronts, 5 backs)", len(plan.Pages))
	}
	for i, p := range plan.Pages {
		sheet, side := i/2+1, layout.Side(i%2)
		if p.Sheet != sheet || p.Side != side {
			t.Errorf("page %d: sheet %d %v; want sheet %d %v", i+1, p.Sheet, p.Side, sheet, side)
		}
		if p.Size != (layout.Size{W: 210, H: 297}) {
			t.Errorf("page %d: size %v; want 210 × 297 mm", i+1, p.Size)
		}
		if p.TrimBox != nil {
			t.Errorf("page %d: TrimBox %v; want none", i+1, *p.TrimBox)
		}
		if len(p.Cards) != 4 {
			t.Fatalf("page %d: %d cards; want 4", i+1, len(p.Cards))
		}
		want := a4Fronts
		if side == layout.Back {
			want = a4Backs
		}
		for k, c := range p.Cards {
			if c.Card != (sheet-1)*4+k || c.Side != side {
				t.Errorf("page %d slot %d: card %d %v; want card %d %v", i+1, k, c.Card, c.Side, (sheet-1)*4+k, side)
			}
			if !c.Trim.Equal(want[k]) {
				t.Errorf("page %d card %d: trim %v; want %v", i+1, c.Card, c.Trim, want[k])
			}
			if !c.Bleed.Equal(c.Trim.Outset(3)) {
				t.Errorf("page %d card %d: bleed %v; want the trim grown by 3 mm", i+1, c.Card, c.Bleed)
			}
			if side == layout.Front && !c.Bleed.Equal(a4Bleeds[k]) {
				t.Errorf("page %d card %d: bleed %v; want %v", i+1, c.Card, c.Bleed, a4Bleeds[k])
			}
		}
		if side == layout.Back {
			front := plan.Pages[i-1]
			for k, c := range p.Cards {
				f := front.Cards[k]
				if c.Card != f.Card {
					t.Errorf("page %d: back of card %d where the front has card %d", i+1, c.Card, f.Card)
				}
				if !c.Trim.Equal(spec.BackOf(f.Trim)) {
					t.Errorf("page %d card %d: back %v; want BackOf(%v) = %v", i+1, c.Card, c.Trim, f.Trim, spec.BackOf(f.Trim))
				}
				if !near(c.Trim.X, 210-f.Trim.X-70) || !near(c.Trim.Y, f.Trim.Y) {
					t.Errorf("page %d card %d: back %v; want x = 210 − %v − 70, y = %v", i+1, c.Card, c.Trim, f.Trim.X, f.Trim.Y)
				}
			}
			if len(p.Marks) != 0 {
				t.Errorf("back page %d has %d marks; want none", i+1, len(p.Marks))
			}
		}
	}
}

func TestTarotTwentyCards(t *testing.T) {
	spec := load(t, "tarot.yaml")
	plan := impose.Impose(spec, 20)
	if len(plan.Pages) != 40 {
		t.Fatalf("%d pages; want 40", len(plan.Pages))
	}
	trim, bleed := geom.R(3, 3, 70, 120), geom.R(0, 0, 76, 126)
	for i, p := range plan.Pages {
		card, side := i/2, layout.Side(i%2)
		if p.Sheet != card+1 || p.Side != side {
			t.Errorf("page %d: sheet %d %v; want sheet %d %v", i+1, p.Sheet, p.Side, card+1, side)
		}
		if p.Size != (layout.Size{W: 76, H: 126}) {
			t.Errorf("page %d: size %v; want 76 × 126 mm", i+1, p.Size)
		}
		if len(p.Cards) != 1 {
			t.Fatalf("page %d: %d cards; want 1", i+1, len(p.Cards))
		}
		c := p.Cards[0]
		if c.Card != card || c.Side != side {
			t.Errorf("page %d: card %d %v; want card %d %v", i+1, c.Card, c.Side, card, side)
		}
		if !c.Trim.Equal(trim) || !c.Bleed.Equal(bleed) {
			t.Errorf("page %d: trim %v, bleed %v; want %v, %v", i+1, c.Trim, c.Bleed, trim, bleed)
		}
		if p.TrimBox == nil || !p.TrimBox.Equal(trim) {
			t.Errorf("page %d: TrimBox %v; want %v", i+1, p.TrimBox, trim)
		}
		if side == layout.Back {
			if f := plan.Pages[i-1].Cards[0]; !c.Trim.Equal(spec.BackOf(f.Trim)) || !c.Trim.Equal(f.Trim) {
				t.Errorf("page %d: back %v; want BackOf(front %v), the same rectangle with duplex none", i+1, c.Trim, f.Trim)
			}
		}
		if len(p.Marks) != 0 {
			t.Errorf("page %d: %d marks; want none (marks: none)", i+1, len(p.Marks))
		}
	}
}

func TestPartialSheets(t *testing.T) {
	spec := load(t, "a4.yaml")
	tests := []struct {
		n      int
		sheets int
		last   int // cards on the last sheet
	}{
		{0, 0, 0}, {1, 1, 1}, {3, 1, 3}, {4, 1, 4}, {5, 2, 1}, {7, 2, 3}, {8, 2, 4}, {9, 3, 1}, {21, 6, 1},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.n, " cards"), func(t *testing.T) {
			plan := impose.Impose(spec, tt.n)
			if len(plan.Pages) != 2*tt.sheets {
				t.Fatalf("%d pages; want %d", len(plan.Pages), 2*tt.sheets)
			}
			if tt.sheets == 0 {
				return
			}
			front, back := plan.Pages[len(plan.Pages)-2], plan.Pages[len(plan.Pages)-1]
			if front.Side != layout.Front || back.Side != layout.Back || front.Sheet != tt.sheets || back.Sheet != tt.sheets {
				t.Errorf("last pages: sheet %d %v, sheet %d %v", front.Sheet, front.Side, back.Sheet, back.Side)
			}
			if len(front.Cards) != tt.last || len(back.Cards) != tt.last {
				t.Fatalf("last sheet: %d fronts, %d backs; want %d", len(front.Cards), len(back.Cards), tt.last)
			}
			for k := range tt.last {
				card := (tt.sheets-1)*4 + k
				if front.Cards[k].Card != card || !front.Cards[k].Trim.Equal(a4Fronts[k]) {
					t.Errorf("last front slot %d: card %d at %v; want card %d at %v", k, front.Cards[k].Card, front.Cards[k].Trim, card, a4Fronts[k])
				}
				if back.Cards[k].Card != card || !back.Cards[k].Trim.Equal(a4Backs[k]) {
					t.Errorf("last back slot %d: card %d at %v; want card %d at %v", k, back.Cards[k].Card, back.Cards[k].Trim, card, a4Backs[k])
				}
			}
			// Every card appears exactly once on a front and once on a back.
			seen := map[[2]int]int{}
			for _, p := range plan.Pages {
				for _, c := range p.Cards {
					seen[[2]int{c.Card, int(c.Side)}]++
				}
			}
			for card := range tt.n {
				for side := range 2 {
					if seen[[2]int{card, side}] != 1 {
						t.Errorf("card %d %v placed %d times; want once", card, layout.Side(side), seen[[2]int{card, side}])
					}
				}
			}
			if len(seen) != 2*tt.n {
				t.Errorf("%d card faces placed; want %d", len(seen), 2*tt.n)
			}
		})
	}
}

func TestTarotPartial(t *testing.T) {
	plan := impose.Impose(load(t, "tarot.yaml"), 1)
	if len(plan.Pages) != 2 || plan.Pages[0].Cards[0].Card != 0 || plan.Pages[1].Cards[0].Card != 0 {
		t.Fatalf("1 card: %+v; want a front and a back of card 0", plan.Pages)
	}
}

// mark is a crop mark normalised for comparison: vertical marks have x0 = x1.
type mark struct{ x0, y0, x1, y1 float64 }

func norm(s geom.Segment) mark {
	b := s.Bounds()
	return mark{b.X, b.Y, b.Right(), b.Bottom()}
}

func sortMarks(ms []mark) {
	slices.SortFunc(ms, func(a, b mark) int {
		return cmp.Or(cmp.Compare(a.x0, b.x0), cmp.Compare(a.y0, b.y0), cmp.Compare(a.x1, b.x1), cmp.Compare(a.y1, b.y1))
	})
}

func vert(x, y0, y1 float64) mark  { return mark{x, y0, x, y1} }
func horiz(y, x0, x1 float64) mark { return mark{x0, y, x1, y} }

func checkMarkList(t *testing.T, got []geom.Segment, want []mark) {
	t.Helper()
	var g []mark
	for _, s := range got {
		g = append(g, norm(s))
	}
	sortMarks(g)
	sortMarks(want)
	if len(g) != len(want) {
		t.Errorf("%d marks; want %d:\n got %v\nwant %v", len(g), len(want), g, want)
		return
	}
	for i := range g {
		if !near(g[i].x0, want[i].x0) || !near(g[i].y0, want[i].y0) || !near(g[i].x1, want[i].x1) || !near(g[i].y1, want[i].y1) {
			t.Errorf("mark %d = %v; want %v", i, g[i], want[i])
		}
	}
}

// TestA4CropMarksExact: the marks of a full A4 sheet, in mm. Cards' bleeds
// are kept clear by offset + width/2 = 0.6 mm: the vertical cut line x = 30
// has a 5 mm mark above the grid (bleed top 20.5 − 0.6 = 19.9), one mark
// spanning the 2.8 mm left between the rows' bleeds (146.5 + 0.6 … 150.5 −
// 0.6), and a 5 mm mark below (276.5 + 0.6 = 277.1).
func TestA4CropMarksExact(t *testing.T) {
	spec := load(t, "a4.yaml")
	var want []mark
	for _, x := range []float64{30, 100, 110, 180} {
		want = append(want, vert(x, 14.9, 19.9), vert(x, 147.1, 149.9), vert(x, 277.1, 282.1))
	}
	for _, y := range []float64{23.5, 143.5, 153.5, 273.5} {
		want = append(want, horiz(y, 21.4, 26.4), horiz(y, 103.6, 106.4), horiz(y, 183.6, 188.6))
	}
	plan := impose.Impose(spec, 4)
	checkMarkList(t, plan.Pages[0].Marks, want)

	// One card alone (card 5 on a 5-card deck's second sheet): its marks no
	// longer stop at a neighbour's bleed, so all eight are 5 mm long.
	want = nil
	for _, x := range []float64{30, 100} {
		want = append(want, vert(x, 14.9, 19.9), vert(x, 147.1, 152.1))
	}
	for _, y := range []float64{23.5, 143.5} {
		want = append(want, horiz(y, 21.4, 26.4), horiz(y, 103.6, 108.6))
	}
	plan = impose.Impose(spec, 5)
	checkMarkList(t, plan.Pages[2].Marks, want)

	// Three cards: the empty bottom-right slot frees the lines next to it.
	want = nil
	for _, x := range []float64{30, 100} {
		want = append(want, vert(x, 14.9, 19.9), vert(x, 147.1, 149.9), vert(x, 277.1, 282.1))
	}
	for _, x := range []float64{110, 180} {
		want = append(want, vert(x, 14.9, 19.9), vert(x, 147.1, 152.1))
	}
	for _, y := range []float64{23.5, 143.5} {
		want = append(want, horiz(y, 21.4, 26.4), horiz(y, 103.6, 106.4), horiz(y, 183.6, 188.6))
	}
	for _, y := range []float64{153.5, 273.5} {
		want = append(want, horiz(y, 21.4, 26.4), horiz(y, 103.6, 108.6))
	}
	plan = impose.Impose(spec, 3)
	checkMarkList(t, plan.Pages[0].Marks, want)
}

// markRules are what checkMarks holds marks to.
type markRules struct {
	maxLen     float64 // the longest mark allowed, mm
	noCrossing bool    // no vertical mark may cross a horizontal one
}

// strict are the rules for the built-in A4 layout: no mark longer than
// marks.length, none crossing another.
func strict(spec *layout.Spec) markRules {
	return markRules{maxLen: spec.Marks.Length, noCrossing: true}
}

// checkMarks checks the crop marks of one front page against the page's
// cards; it returns the problems found, for use in property tests.
func checkMarks(spec *layout.Spec, p impose.Page, rules markRules) []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	printable := spec.Printable()
	var trimXs, trimYs []float64
	for _, c := range p.Cards {
		trimXs = append(trimXs, c.Trim.X, c.Trim.Right())
		trimYs = append(trimYs, c.Trim.Y, c.Trim.Bottom())
	}
	onLine := func(v float64, lines []float64) bool {
		return slices.ContainsFunc(lines, func(l float64) bool { return near(v, l) })
	}
	var verticals, horizontals []mark
	for _, s := range p.Marks {
		m := norm(s)
		switch {
		case near(m.x0, m.x1):
			verticals = append(verticals, m)
			if !onLine(m.x0, trimXs) {
				bad("vertical mark %v is on no card's left or right cut line %v", m, trimXs)
			}
		case near(m.y0, m.y1):
			horizontals = append(horizontals, m)
			if !onLine(m.y0, trimYs) {
				bad("horizontal mark %v is on no card's top or bottom cut line %v", m, trimYs)
			}
		default:
			bad("mark %v is not axis-aligned", m)
		}
		if l := s.Length(); l < 1-eps || l > rules.maxLen+eps {
			bad("mark %v is %v mm long; want 1 to %v", m, l, rules.maxLen)
		}
		if !printable.Contains(s.Bounds()) {
			bad("mark %v is outside the printable area %v", m, printable)
		}
		for _, c := range p.Cards {
			if s.Touches(c.Bleed, spec.Marks.Width) {
				bad("mark %v (%v mm stroke) touches card %d's bleed %v", m, spec.Marks.Width, c.Card, c.Bleed)
			}
		}
	}
	for _, v := range verticals {
		for _, h := range horizontals {
			if !rules.noCrossing {
				break
			}
			if h.x0 <= v.x0+eps && v.x0 <= h.x1+eps && v.y0 <= h.y0+eps && h.y0 <= v.y1+eps {
				bad("vertical mark %v crosses horizontal mark %v", v, h)
			}
		}
	}
	return errs
}

// checkCutLines checks that each card has a mark at both ends of each of its
// four cut lines, starting offset + width/2 from its bleed.
func checkCutLines(spec *layout.Spec, p impose.Page) []string {
	var errs []string
	clear := spec.Marks.Offset + spec.Marks.Width/2
	var ms []mark
	for _, s := range p.Marks {
		ms = append(ms, norm(s))
	}
	has := func(pred func(m mark) bool) bool { return slices.ContainsFunc(ms, pred) }
	for _, c := range p.Cards {
		b := c.Bleed
		for _, x := range []float64{c.Trim.X, c.Trim.Right()} {
			if !has(func(m mark) bool { return near(m.x0, x) && near(m.x1, x) && near(m.y1, b.Y-clear) }) {
				errs = append(errs, fmt.Sprintf("card %d: no mark above its cut line x = %v ending at %v", c.Card, x, b.Y-clear))
			}
			if !has(func(m mark) bool { return near(m.x0, x) && near(m.x1, x) && near(m.y0, b.Bottom()+clear) }) {
				errs = append(errs, fmt.Sprintf("card %d: no mark below its cut line x = %v starting at %v", c.Card, x, b.Bottom()+clear))
			}
		}
		for _, y := range []float64{c.Trim.Y, c.Trim.Bottom()} {
			if !has(func(m mark) bool { return near(m.y0, y) && near(m.y1, y) && near(m.x1, b.X-clear) }) {
				errs = append(errs, fmt.Sprintf("card %d: no mark left of its cut line y = %v ending at %v", c.Card, y, b.X-clear))
			}
			if !has(func(m mark) bool { return near(m.y0, y) && near(m.y1, y) && near(m.x0, b.Right()+clear) }) {
				errs = append(errs, fmt.Sprintf("card %d: no mark right of its cut line y = %v starting at %v", c.Card, y, b.Right()+clear))
			}
		}
	}
	return errs
}

func TestA4CropMarkProperties(t *testing.T) {
	spec := load(t, "a4.yaml")
	for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 8, 20} {
		plan := impose.Impose(spec, n)
		for i, p := range plan.Pages {
			if p.Side == layout.Back {
				if len(p.Marks) != 0 {
					t.Errorf("%d cards, page %d (back): %d marks; want none", n, i+1, len(p.Marks))
				}
				continue
			}
			if len(p.Marks) == 0 {
				t.Errorf("%d cards, page %d: no crop marks", n, i+1)
			}
			for _, e := range checkMarks(spec, p, strict(spec)) {
				t.Errorf("%d cards, page %d: %s", n, i+1, e)
			}
			for _, e := range checkCutLines(spec, p) {
				t.Errorf("%d cards, page %d: %s", n, i+1, e)
			}
		}
	}
}

// TestCropMarksCheckerFails makes sure the mark checks can fail: a mark
// moved into a bleed, off a cut line, or out of the printable area is caught.
func TestCropMarksCheckerFails(t *testing.T) {
	spec := load(t, "a4.yaml")
	seg := func(x0, y0, x1, y1 float64) geom.Segment {
		return geom.Segment{A: geom.Point{X: x0, Y: y0}, B: geom.Point{X: x1, Y: y1}}
	}
	full, three := impose.Impose(spec, 4).Pages[0], impose.Impose(spec, 3).Pages[0]
	tests := []struct {
		name  string
		page  impose.Page
		extra []geom.Segment
		want  string
	}{
		{"into the bleed", full, []geom.Segment{seg(30, 16, 30, 21)}, "touches card 0's bleed"},
		{"stroke reaches the bleed", full, []geom.Segment{seg(30, 15.5, 30, 20.45)}, "touches card 0's bleed"},
		{"off the cut lines", full, []geom.Segment{seg(50, 10, 50, 15)}, "on no card's left or right cut line"},
		{"in the margin", full, []geom.Segment{seg(30, 2, 30, 7)}, "outside the printable area"},
		{"too long", full, []geom.Segment{seg(30, 6, 30, 19.9)}, "mm long"},
		{"diagonal", full, []geom.Segment{seg(10, 10, 13, 14)}, "not axis-aligned"},
		// In the empty slot of a 3-card sheet, x = 110 and y = 153.5 meet.
		{"crossing", three, []geom.Segment{seg(110, 150, 110, 155), seg(106, 153.5, 111, 153.5)}, "crosses"},
	}
	for _, tt := range tests {
		p := tt.page
		if errs := checkMarks(spec, p, strict(spec)); len(errs) != 0 {
			t.Fatalf("%s: the page itself fails: %v", tt.name, errs)
		}
		p.Marks = append(slices.Clone(p.Marks), tt.extra...)
		errs := checkMarks(spec, p, strict(spec))
		if len(errs) != 1 || !strings.Contains(errs[0], tt.want) {
			t.Errorf("%s: %v gave %q; want one problem with %q", tt.name, tt.extra, errs, tt.want)
		}
	}
	p := full
	p.Marks = full.Marks[1:]
	if errs := checkCutLines(spec, p); len(errs) != 1 {
		t.Errorf("a missing mark gave %q; want one problem", errs)
	}
}

func TestNoCards(t *testing.T) {
	for _, file := range []string{"a4.yaml", "tarot.yaml"} {
		if plan := impose.Impose(load(t, file), 0); len(plan.Pages) != 0 {
			t.Errorf("%s: %d pages for no cards; want 0", file, len(plan.Pages))
		}
	}
}

// TestGutterMarkLength: marks.length is the longest a mark may be ("mm, at
// most, of each mark" in layout.Marks; "longest mark" in layouts/a4.yaml),
// in the gutters too.
func TestGutterMarkLength(t *testing.T) {
	spec, err := layout.Parse("a4-short-marks.yaml", []byte("base: a4\nmarks:\n  length: 2\n"))
	if err != nil {
		t.Fatal(err)
	}
	if spec.Marks.Length != 2 {
		t.Fatalf("marks.length = %v; want 2", spec.Marks.Length)
	}
	for _, s := range impose.Impose(spec, 4).Pages[0].Marks {
		if s.Length() > spec.Marks.Length+eps {
			t.Errorf("mark %v is %.2f mm long; want at most %v", norm(s), s.Length(), spec.Marks.Length)
		}
	}
}
