package calibrate

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
)

func spec(t *testing.T, name string) *layout.Spec {
	t.Helper()
	s, err := layout.LoadFS(layouts.FS, name+".yaml")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// straight is a pair of half-lines that a person sees as one line, or as
// one line broken by a step of tol mm: a front half-line seen through the
// paper and a back half-line, parallel, on one line give or take tol, one
// continuing the other.
type straight struct {
	vertical bool    // an X scale's pair (vertical lines) or a Y scale's
	figure   float64 // the figure printed by its back half
}

// read simulates a printer that shifts the back side by shift, and a person
// holding the sheet against the light: it finds, from the drawings alone,
// the front's half-lines where the turned sheet puts them (mirrored,
// without any offset) and the back's half-lines and figures moved by the
// shift, and returns the pairs that make a straight line give or take tol,
// each with the figure printed beside its back half.
func read(t *testing.T, s *layout.Spec, front, back draw.Drawing, shift geom.Point, tol float64) []straight {
	t.Helper()
	flat := *s
	flat.BackOffset = geom.Point{}
	// Seen from the back: the front moved by −shift relative to the back.
	see := func(p geom.Point) geom.Point {
		q := BackPoint(&flat, p)
		return geom.Point{X: q.X - shift.X, Y: q.Y - shift.Y}
	}
	type figure struct {
		v   float64
		box geom.Rect
	}
	var figs []figure
	for _, tx := range back.Text {
		if v, err := strconv.ParseFloat(strings.Replace(tx.String(), "−", "-", 1), 64); err == nil {
			figs = append(figs, figure{v, tx.Box})
		}
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
	// Each page's half-lines, and on which side of their scale's join
	// line each lies: the first side (above, or left) when the page has a
	// half-line of the same scale (within 70 mm along) Half + Join further
	// across.
	type piece struct {
		seg   geom.Segment
		first bool
	}
	pieces := func(rules []draw.Rule, move func(geom.Point) geom.Point) []piece {
		var out []piece
		for _, r := range rules {
			out = append(out, piece{seg: geom.Segment{A: move(r.Seg.A), B: move(r.Seg.B)}})
		}
		for i := range out {
			a := out[i].seg
			for _, o := range out {
				b := o.seg
				if near(a.A.X, a.B.X) && near(b.A.X, b.B.X) && math.Abs(a.A.X-b.A.X) < 70 &&
					near(math.Min(b.A.Y, b.B.Y)-math.Min(a.A.Y, a.B.Y), Half+Join) ||
					near(a.A.Y, a.B.Y) && near(b.A.Y, b.B.Y) && math.Abs(a.A.Y-b.A.Y) < 70 &&
						near(math.Min(b.A.X, b.B.X)-math.Min(a.A.X, a.B.X), Half+Join) {
					out[i].first = true
				}
			}
		}
		return out
	}
	fronts := pieces(front.Rules, see)
	backs := pieces(back.Rules, func(p geom.Point) geom.Point { return p })
	var out []straight
	for _, fp := range fronts {
		a, b := fp.seg.A, fp.seg.B
		for _, bp := range backs {
			if fp.first == bp.first {
				continue // on the same side of the join: no line across it
			}
			c, d := bp.seg.A, bp.seg.B
			var vertical bool
			var along, across [2][2]float64 // along the scale: the lines' positions; across: their extents
			switch {
			case near(a.X, b.X) && near(c.X, d.X):
				vertical = true
				along = [2][2]float64{{a.X, a.X}, {c.X, c.X}}
				across = [2][2]float64{{math.Min(a.Y, b.Y), math.Max(a.Y, b.Y)}, {math.Min(c.Y, d.Y), math.Max(c.Y, d.Y)}}
			case near(a.Y, b.Y) && near(c.Y, d.Y):
				along = [2][2]float64{{a.Y, a.Y}, {c.Y, c.Y}}
				across = [2][2]float64{{math.Min(a.X, b.X), math.Max(a.X, b.X)}, {math.Min(c.X, d.X), math.Max(c.X, d.X)}}
			default:
				continue
			}
			if !near(math.Abs(along[0][0]-along[1][0]), tol) {
				continue
			}
			// One continues the other: their extents meet or nearly (the
			// shift across the scale moves the front's join).
			if gap := math.Max(across[0][0], across[1][0]) - math.Min(across[0][1], across[1][1]); gap > Join+5.5 {
				continue
			}
			st := straight{vertical: vertical, figure: math.NaN()}
			for _, f := range figs {
				mid := f.box.X + f.box.W/2
				if !vertical {
					mid = f.box.Y + f.box.H/2
				}
				dist := math.Hypot(f.box.X+f.box.W/2-(c.X+d.X)/2, f.box.Y+f.box.H/2-(c.Y+d.Y)/2)
				if math.Abs(mid-along[1][0]) < 0.5 && dist < 15 {
					st.figure = f.v
				}
			}
			out = append(out, st)
		}
	}
	return out
}

// TestReadingGivesTheOffset: on every sheet layout, for each duplex edge,
// with and without a back offset already set, a printer that shifts the
// back side by d gives the offset to set, −(offset + d), on each of the
// four scales: exactly one straight pair with that figure when it is a
// whole millimetre, and none other within half a millimetre of straight;
// else no straight pair and exactly two a half millimetre off, with the
// figures either side.
func TestReadingGivesTheOffset(t *testing.T) {
	t.Parallel()
	fam, err := typeface.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a4", "letter", "a3", "a4-poker", "letter-poker"} {
		for _, duplex := range []layout.Duplex{layout.DuplexLong, layout.DuplexShort} {
			for _, off := range []geom.Point{{}, {X: 1.5, Y: -0.5}, {X: -3, Y: 2}} {
				shifts := []geom.Point{{}, {X: -2, Y: 1.5}, {X: 0.5, Y: -3.5}, {X: -1.5, Y: 2}, {X: 2, Y: -2}}
				if name == "a4" && off == (geom.Point{}) {
					// Every reading the scales hold, each axis shifted
					// across the other's range too.
					for v := -5.0; v <= 5; v += 0.5 {
						shifts = append(shifts, geom.Point{X: v, Y: -v}, geom.Point{X: v, Y: v}, geom.Point{X: v})
					}
				}
				for _, d := range shifts {
					s := spec(t, name)
					s.Duplex, s.BackOffset = duplex, off
					front, back, err := Sheet(s, fam, "fr", typo.French)
					if err != nil {
						t.Fatal(err)
					}
					want := geom.Point{X: -(off.X + d.X), Y: -(off.Y + d.Y)}
					if math.Abs(want.X) > 5 || math.Abs(want.Y) > 5 {
						continue
					}
					where := fmt.Sprintf("%s %s offset %v shift %v", name, duplex, off, d)
					exact := read(t, s, front, back, d, 0)
					halves := read(t, s, front, back, d, 0.5)
					for _, axis := range []bool{true, false} {
						w := want.Y
						if axis {
							w = want.X
						}
						var got0, got5 []float64
						for _, r := range exact {
							if r.vertical == axis {
								got0 = append(got0, r.figure)
							}
						}
						for _, r := range halves {
							if r.vertical == axis {
								got5 = append(got5, r.figure)
							}
						}
						scales := len(Targets(s))
						ok := true
						if w == math.Trunc(w) {
							// Its neighbours are a whole millimetre off.
							ok = len(got0) == scales && len(got5) == 0
							for _, f := range got0 {
								ok = ok && f == w
							}
						} else {
							ok = len(got0) == 0 && len(got5) == 2*scales
							for _, f := range got5 {
								ok = ok && math.Abs(f-w) == 0.5
							}
						}
						if !ok {
							t.Errorf("%s: the %s scales read %v straight and %v half a millimetre off; want %g", where,
								map[bool]string{true: "X", false: "Y"}[axis], got0, got5, w)
						}
					}
				}
			}
		}
	}
}

// TestScalesReadable: each scale covers −5 to +5 mm over at least 40 mm of
// paper, with one figure per millimetre, one set of figures per scale, no
// text under 8 pt.
func TestScalesReadable(t *testing.T) {
	t.Parallel()
	fam, _ := typeface.Default()
	for _, name := range []string{"a4", "letter", "a3", "a4-poker", "letter-poker"} {
		s := spec(t, name)
		front, back, err := Sheet(s, fam, "en", typo.English)
		if err != nil {
			t.Fatal(err)
		}
		scales := Scales(s)
		if len(scales) != 2*len(Targets(s)) {
			t.Fatalf("%s: %d scales", name, len(scales))
		}
		for _, sc := range scales {
			first, last := sc.Pairs[0], sc.Pairs[len(sc.Pairs)-1]
			if first.Value > -5 || last.Value < 5 || len(sc.Pairs) < 11 {
				t.Errorf("%s %s: from %g to %g in %d pairs", name, sc.Axis, first.Value, last.Value, len(sc.Pairs))
			}
			if l := math.Hypot(last.Front.A.X-first.Front.A.X, last.Front.A.Y-first.Front.A.Y); l < 40 {
				t.Errorf("%s %s: the scale is %.1f mm long, want 40 or more", name, sc.Axis, l)
			}
		}
		count := map[string]int{}
		for _, tx := range back.Text {
			count[tx.String()]++
			if tx.Size < 8 {
				t.Errorf("%s: %q at %g pt", name, tx.String(), tx.Size)
			}
		}
		for v := -5; v <= 5; v++ {
			label := strings.Replace(strconv.Itoa(v), "-", "−", 1)
			if count[label] != len(scales) {
				t.Errorf("%s: figure %s printed %d times, want once per scale (%d)", name, label, count[label], len(scales))
			}
		}
		for side, f := range []draw.Drawing{front, back} {
			for _, tx := range f.Text {
				if tx.Size < 8 {
					t.Errorf("%s side %d: %q at %g pt", name, side, tx.String(), tx.Size)
				}
			}
		}
	}
}

func TestInstructionsInLanguage(t *testing.T) {
	t.Parallel()
	fam, _ := typeface.Default()
	s := spec(t, "a4")
	for lang, want := range map[string]string{"fr": "recto verso", "en": "double-sided"} {
		front, _, err := Sheet(s, fam, lang, typo.For(lang))
		if err != nil {
			t.Fatal(err)
		}
		var all []string
		for _, tx := range front.Text {
			all = append(all, tx.String())
		}
		if !strings.Contains(strings.Join(all, " "), want) {
			t.Errorf("%s: the instructions lack %q", lang, want)
		}
	}
}

func TestFoldHasNoBackToCalibrate(t *testing.T) {
	t.Parallel()
	fam, _ := typeface.Default()
	if _, _, err := Sheet(spec(t, "a4-fold"), fam, "fr", typo.French); err == nil || !strings.Contains(err.Error(), "there is no back side to calibrate") {
		t.Errorf("a fold layout: %v; want no back side to calibrate", err)
	}
}

// TestEveryLayoutCalibratesOrSaysWhy: every built-in layout either gives a
// sheet whose marks and text stay in the printable area, none overlapping
// another, or an error that says what to do (print-shop and fold layouts).
func TestEveryLayoutCalibratesOrSaysWhy(t *testing.T) {
	t.Parallel()
	fam, _ := typeface.Default()
	for _, name := range layouts.Names() {
		for _, off := range []geom.Point{{}, {X: 3, Y: -3}} {
			s := spec(t, name)
			s.BackOffset = off
			front, back, err := Sheet(s, fam, "en", typo.English)
			if err != nil {
				if !s.TrimBox && !s.Folded() {
					t.Errorf("%s: %v", name, err)
				}
				continue
			}
			for side, f := range []draw.Drawing{front, back} {
				for i, tx := range f.Text {
					if !s.Printable().Contains(tx.Box) {
						t.Errorf("%s side %d: %q leaves the printable area", name, side, tx.String())
					}
					for _, o := range f.Text[i+1:] {
						if tx.Box.Overlaps(o.Box) {
							t.Errorf("%s side %d: %q and %q overlap", name, side, tx.String(), o.String())
						}
					}
					for _, r := range f.Rules {
						if tx.Box.Overlaps(r.Seg.Bounds()) {
							t.Errorf("%s side %d: %q runs into a line at %v", name, side, tx.String(), r.Seg)
						}
					}
				}
				for _, r := range f.Rules {
					if !s.Printable().Contains(r.Seg.Bounds()) {
						t.Errorf("%s side %d: a mark at %v leaves the printable area", name, side, r.Seg)
					}
				}
			}
		}
	}
}
