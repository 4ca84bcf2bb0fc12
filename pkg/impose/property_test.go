package impose_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/impose"
	"github.com/cardgen/cardgen/pkg/layout"
)

// genSpec is a generated layout, kept as numbers so that the test can work
// out independently what the spec must give.
type genSpec struct {
	paperName     string // "" for a custom size
	orientation   string // "", "portrait" or "landscape"
	pw, ph        float64
	cw, ch        float64
	bleed, margin float64
	gap           float64
	cols, rows    int
	length        float64
	offset, width float64
	duplex        layout.Duplex
}

// round rounds v to a multiple of step, as a person would write it.
func round(v, step float64) float64 { return math.Round(v/step) * step }

func num(v float64) string { return fmt.Sprintf("%.2f", v) }

var namedPapers = []struct {
	name string
	w, h float64
}{{"A3", 297, 420}, {"A4", 210, 297}, {"A5", 148, 210}, {"Letter", 215.9, 279.4}}

func generate(rng *rand.Rand) genSpec {
	g := genSpec{
		cw:     round(40+80*rng.Float64(), 0.1),
		ch:     round(40+80*rng.Float64(), 0.1),
		bleed:  round(5*rng.Float64(), 0.05),
		margin: round(10*rng.Float64(), 0.1),
		cols:   1 + rng.IntN(5),
		rows:   1 + rng.IntN(5),
		length: round(1+9*rng.Float64(), 0.1),
		offset: round(0.1+1.9*rng.Float64(), 0.05),
		width:  round(0.05+0.45*rng.Float64(), 0.05),
		duplex: []layout.Duplex{layout.DuplexLong, layout.DuplexShort, layout.DuplexNone}[rng.IntN(3)],
	}
	// The gap is at least twice the bleed; exactly that one time in five.
	g.gap = 2 * g.bleed
	if rng.IntN(5) > 0 {
		g.gap = round(g.gap+10*rng.Float64(), 0.05)
	}
	if rng.IntN(5) == 0 {
		p := namedPapers[rng.IntN(len(namedPapers))]
		g.paperName, g.pw, g.ph = p.name, p.w, p.h
		if rng.IntN(2) == 0 {
			g.orientation = "landscape"
			g.pw, g.ph = g.ph, g.pw
		}
	} else {
		g.pw, g.ph = round(100+400*rng.Float64(), 0.1), round(100+400*rng.Float64(), 0.1)
	}
	// Keep exactly the numbers the YAML text will hold.
	for _, v := range []*float64{&g.pw, &g.ph, &g.cw, &g.ch, &g.bleed, &g.margin, &g.gap, &g.length, &g.offset, &g.width} {
		*v, _ = strconv.ParseFloat(num(*v), 64)
	}
	return g
}

func (g genSpec) yaml() string {
	var b strings.Builder
	b.WriteString("name: generated\n")
	if g.paperName != "" {
		fmt.Fprintf(&b, "paper: %s\n", g.paperName)
	} else {
		fmt.Fprintf(&b, "paper:\n  width: %s\n  height: %s\n", num(g.pw), num(g.ph))
	}
	if g.orientation != "" {
		fmt.Fprintf(&b, "orientation: %s\n", g.orientation)
	}
	fmt.Fprintf(&b, "card:\n  width: %s\n  height: %s\n", num(g.cw), num(g.ch))
	fmt.Fprintf(&b, "bleed: %s\nsafe: 3\nmargin: %s\n", num(g.bleed), num(g.margin))
	fmt.Fprintf(&b, "grid:\n  columns: %d\n  rows: %d\ngap: %s\n", g.cols, g.rows, num(g.gap))
	fmt.Fprintf(&b, "marks:\n  style: crop\n  length: %s\n  offset: %s\n  width: %s\n", num(g.length), num(g.offset), num(g.width))
	fmt.Fprintf(&b, "duplex: %s\norder: alternate\n", g.duplex)
	return b.String()
}

// need is the room the grid with its bleed takes, and the room inside the
// margins, in mm.
func (g genSpec) need() (nw, nh, aw, ah float64) {
	nw = float64(g.cols)*g.cw + float64(g.cols-1)*g.gap + 2*g.bleed
	nh = float64(g.rows)*g.ch + float64(g.rows-1)*g.gap + 2*g.bleed
	return nw, nh, g.pw - 2*g.margin, g.ph - 2*g.margin
}

// expectedBack is where the back of front lands, worked out from the duplex
// edge: the sheet turns about an axis parallel to that edge. With no duplex
// unit the user turns the stack as a long-edge flip would.
func (g genSpec) expectedBack(front geom.Rect) geom.Rect {
	landscape := g.pw > g.ph
	switch {
	case (g.duplex != layout.DuplexShort) != landscape: // long (or none) on portrait, short on landscape
		return geom.R(g.pw-front.X-front.W, front.Y, front.W, front.H)
	default:
		return geom.R(front.X, g.ph-front.Y-front.H, front.W, front.H)
	}
}

func TestGeneratedSpecs(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(2024, 7))
	const want = 300
	kept, rejected := 0, 0
	duplexes := map[layout.Duplex]int{}
	landscapes, partial := 0, 0
	for attempt := 0; kept < want && attempt < 20000; attempt++ {
		g := generate(rng)
		src := g.yaml()
		spec, err := layout.Parse("gen.yaml", []byte(src))
		nw, nh, aw, ah := g.need()
		borderline := math.Abs(nw-aw) < 1e-4 || math.Abs(nh-ah) < 1e-4
		fits := nw <= aw && nh <= ah
		if err != nil {
			rejected++
			var l diag.List
			// Rejected for not fitting: the grid, or the card alone.
			if !errors.As(err, &l) || len(l) != 1 || (l[0].Field != "grid" && l[0].Field != "card") {
				t.Fatalf("spec rejected for an unexpected reason:\n%s\n%v", src, err)
			}
			if fits && !borderline {
				t.Errorf("spec rejected though %v × %v mm fit in %v × %v mm:\n%s\n%v", nw, nh, aw, ah, src, err)
			}
			continue
		}
		if !fits && !borderline {
			t.Errorf("spec accepted though %v × %v mm do not fit in %v × %v mm:\n%s", nw, nh, aw, ah, src)
		}
		kept++
		duplexes[spec.Duplex]++
		if spec.Paper.Landscape() {
			landscapes++
		}
		if spec.Paper.W != g.pw || spec.Paper.H != g.ph {
			t.Fatalf("paper %v; want %v × %v:\n%s", spec.Paper, g.pw, g.ph, src)
		}
		per := g.cols * g.rows
		n := 1 + rng.IntN(3*per)
		if n%per != 0 {
			partial++
		}
		t.Run(fmt.Sprintf("spec%03d", kept), func(t *testing.T) {
			if errs := checkPlan(g, spec, n); len(errs) > 0 {
				t.Errorf("%d cards on\n%s", n, src)
				for i, e := range errs {
					if i == 10 {
						t.Errorf("… and %d more", len(errs)-10)
						break
					}
					t.Error(e)
				}
			}
		})
	}
	if kept < want {
		t.Fatalf("only %d specs of %d generated loaded; want %d", kept, kept+rejected, want)
	}
	// The generator covers what it must.
	if rejected == 0 || landscapes < 20 || partial < 50 || duplexes[layout.DuplexLong] < 50 || duplexes[layout.DuplexShort] < 50 || duplexes[layout.DuplexNone] < 50 {
		t.Errorf("poor coverage: %d rejected, %d landscape, %d partial sheets, duplex %v", rejected, landscapes, partial, duplexes)
	}
	t.Logf("%d specs kept, %d rejected; %d landscape, %d with a partial last sheet; duplex %v", kept, rejected, landscapes, partial, duplexes)
}

// checkPlan imposes n cards with spec and checks the plan against g.
func checkPlan(g genSpec, spec *layout.Spec, n int) []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	plan := impose.Impose(spec, n)
	per := g.cols * g.rows
	sheets := (n + per - 1) / per
	if len(plan.Pages) != 2*sheets {
		bad("%d pages; want %d", len(plan.Pages), 2*sheets)
		return errs
	}
	printable := geom.R(g.margin, g.margin, g.pw-2*g.margin, g.ph-2*g.margin)
	x0 := (g.pw - (float64(g.cols)*g.cw + float64(g.cols-1)*g.gap)) / 2
	y0 := (g.ph - (float64(g.rows)*g.ch + float64(g.rows-1)*g.gap)) / 2
	for i, p := range plan.Pages {
		if p.Sheet != i/2+1 || p.Side != layout.Side(i%2) || p.Size != (layout.Size{W: g.pw, H: g.ph}) {
			bad("page %d: sheet %d %v %v", i+1, p.Sheet, p.Side, p.Size)
		}
		onSheet := min(per, n-(i/2)*per)
		if len(p.Cards) != onSheet {
			bad("page %d: %d cards; want %d", i+1, len(p.Cards), onSheet)
			continue
		}
		for k, c := range p.Cards {
			if c.Card != (i/2)*per+k || c.Side != p.Side {
				bad("page %d slot %d: card %d %v", i+1, k, c.Card, c.Side)
			}
			if !c.Bleed.Equal(c.Trim.Outset(g.bleed)) {
				bad("page %d card %d: bleed %v is not the trim %v grown by %v", i+1, c.Card, c.Bleed, c.Trim, g.bleed)
			}
			if !printable.Contains(c.Bleed) {
				bad("page %d card %d: bleed %v outside the printable %v", i+1, c.Card, c.Bleed, printable)
			}
			for _, d := range p.Cards[k+1:] {
				if c.Bleed.Overlaps(d.Bleed) {
					bad("page %d: cards %d and %d: bleeds %v and %v overlap", i+1, c.Card, d.Card, c.Bleed, d.Bleed)
				}
			}
		}
		if p.Side == layout.Front {
			for k, c := range p.Cards {
				col, row := k%g.cols, k/g.cols
				want := geom.R(x0+float64(col)*(g.cw+g.gap), y0+float64(row)*(g.ch+g.gap), g.cw, g.ch)
				if !c.Trim.Equal(want) {
					bad("page %d card %d (column %d, row %d): trim %v; want %v", i+1, c.Card, col, row, c.Trim, want)
				}
			}
			if spec.Marks.Style == "crop" && len(p.Marks) == 0 {
				bad("page %d: no marks", i+1)
			}
			// No mark is longer than marks.length (see TestGutterMarkLength);
			// marks may cross in the empty slots of a partial sheet
			// (harmless: they cross on cut lines).
			rules := markRules{maxLen: spec.Marks.Length, noCrossing: len(p.Cards) == per}
			for _, e := range checkMarks(spec, p, rules) {
				bad("page %d: %s", i+1, e)
			}
			continue
		}
		if len(p.Marks) != 0 {
			bad("back page %d has %d marks", i+1, len(p.Marks))
		}
		front := plan.Pages[i-1]
		for k, c := range p.Cards {
			f := front.Cards[k]
			if c.Card != f.Card {
				bad("page %d slot %d: back of card %d, front of card %d", i+1, k, c.Card, f.Card)
			}
			if !c.Trim.Equal(spec.BackOf(f.Trim)) {
				bad("page %d card %d: back %v; want BackOf(%v) = %v", i+1, c.Card, c.Trim, f.Trim, spec.BackOf(f.Trim))
			}
			if want := g.expectedBack(f.Trim); !c.Trim.Equal(want) {
				bad("page %d card %d: back %v; want %v, front %v mirrored for a %s-edge flip on %v × %v paper", i+1, c.Card, c.Trim, want, f.Trim, g.duplex, g.pw, g.ph)
			}
		}
	}
	return errs
}
