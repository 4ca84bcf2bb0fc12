package calibrate

import (
	"math"
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

// zeroTick finds the back's horizontal-scale 0 tick nearest to pt: a
// vertical rule starting on the scale line.
func zeroTicks(f draw.Drawing) []geom.Point {
	var out []geom.Point
	for _, r := range f.Rules {
		s := r.Seg
		if s.A.X == s.B.X && math.Abs(s.B.Y-s.A.Y-3.5) < 1e-9 {
			out = append(out, s.A)
		}
	}
	return out
}

// TestScalesWhereCrossesLand checks, for every duplex edge and an offset,
// that the back's horizontal scale reads 0 exactly where the front's cross
// lands once the back is shifted by the offset, and that scales are in mm.
func TestScalesWhereCrossesLand(t *testing.T) {
	fam, err := typeface.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a4", "letter", "a3", "a4-poker", "letter-poker"} {
		for _, duplex := range []layout.Duplex{layout.DuplexLong, layout.DuplexShort} {
			for _, off := range []geom.Point{{}, {X: 1.5, Y: -0.5}} {
				s := spec(t, name)
				s.Duplex, s.BackOffset = duplex, off
				front, back, err := Sheet(s, fam, "fr", typo.French)
				if err != nil {
					t.Fatal(err)
				}
				if front.W != s.Paper.W || back.H != s.Paper.H {
					t.Fatalf("pages of %g × %g mm on %v paper", front.W, back.H, s.Paper)
				}
				ticks := zeroTicks(back)
				for _, tg := range Targets(s) {
					// Where the cross lands on the back without any shift,
					// plus the offset: the scale's 0 must be there.
					var want geom.Point
					if s.MirrorsLeftRight() {
						want = geom.Point{X: s.Paper.W - tg.X + off.X, Y: tg.Y + off.Y}
					} else {
						want = geom.Point{X: tg.X + off.X, Y: s.Paper.H - tg.Y + off.Y}
					}
					found := false
					for _, z := range ticks {
						found = found || math.Abs(z.X-want.X) < 1e-9 && math.Abs(z.Y-(want.Y+ScaleGap)) < 1e-9
					}
					if !found {
						t.Errorf("%s %s offset %v: no 0 tick under %v; ticks %v", name, duplex, off, want, ticks)
					}
					if !s.Printable().Contains(geom.R(tg.X-Arm, tg.Y-Arm, 2*Arm, 2*Arm)) {
						t.Errorf("%s: cross at %v leaves the printable area", name, tg)
					}
				}
				for side, f := range []draw.Drawing{front, back} {
					for _, tx := range f.Text {
						if !s.Printable().Contains(tx.Box) {
							t.Errorf("%s side %d: %q at %v leaves the printable area", name, side, tx.String(), tx.Box)
						}
					}
				}
			}
		}
	}
}

func TestInstructionsInLanguage(t *testing.T) {
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
	fam, _ := typeface.Default()
	if _, _, err := Sheet(spec(t, "a4-fold"), fam, "fr", typo.French); err == nil {
		t.Error("a fold layout was calibrated")
	}
}

// TestEveryLayoutCalibratesOrSaysWhy: every built-in layout either gives a
// sheet whose marks and text stay in the printable area, or an error that
// says what to do (print-shop and fold layouts).
func TestEveryLayoutCalibratesOrSaysWhy(t *testing.T) {
	fam, _ := typeface.Default()
	for _, name := range layouts.Names() {
		s := spec(t, name)
		front, back, err := Sheet(s, fam, "en", typo.English)
		if err != nil {
			if !s.TrimBox && !s.Folded() {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		for side, f := range []draw.Drawing{front, back} {
			for _, tx := range f.Text {
				if !s.Printable().Contains(tx.Box) {
					t.Errorf("%s side %d: %q leaves the printable area", name, side, tx.String())
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
