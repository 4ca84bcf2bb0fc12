package typeface

import (
	"math"
	"testing"

	"github.com/cardgen/cardgen/pkg/geom"
)

// TestFrenchCoverage checks that every style of the embedded family draws
// every character French text needs.
func TestFrenchCoverage(t *testing.T) {
	fam, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	const french = "’‘«»“”…œŒæÆàâäçéèêëîïôöùûüÿÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ€$%•–—\u00A0\u202F"
	for _, st := range Styles {
		if missing := fam.Missing(french, st); len(missing) > 0 {
			t.Errorf("%s lacks %q", st, missing)
		}
	}
	if got := fam.Missing("a🙂中b", Regular); len(got) != 2 || got[0] != '🙂' || got[1] != '中' {
		t.Errorf("Missing = %q, want the emoji and the CJK character", got)
	}
}

func TestMetrics(t *testing.T) {
	fam, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f := fam.Face(Regular)
	// Lato: 2000 units per em, hhea ascender 1974, descender 426 (0.987 and
	// 0.213 em), so a 10 pt line is 1.2 em high.
	size := 10.0
	em := geom.PtToMM(size)
	if got := f.Ascent(size) + f.Descent(size); math.Abs(got-1.2*em) > 0.01 {
		t.Errorf("ascent + descent = %.3f mm, want %.3f", got, 1.2*em)
	}
	// Width is additive and proportional to the size.
	if a, b := f.Width("ab", size), f.Width("a", size)+f.Width("b", size); math.Abs(a-b) > 1e-12 {
		t.Errorf("Width(ab) = %v, Width(a)+Width(b) = %v", a, b)
	}
	if a, b := f.Width("Hao", 20), 2*f.Width("Hao", 10); math.Abs(a-b) > 1e-12 {
		t.Errorf("Width at 20 pt = %v, twice at 10 pt = %v", a, b)
	}
	// A no-break space is as wide as a space; a narrow one is narrower.
	if f.Width("\u00A0", size) != f.Width(" ", size) || f.Width("\u202F", size) >= f.Width(" ", size) {
		t.Errorf("space widths: U+0020 %.3f, U+00A0 %.3f, U+202F %.3f", f.Width(" ", size), f.Width("\u00A0", size), f.Width("\u202F", size))
	}
}

func TestParseFaceRejectsCFF(t *testing.T) {
	if _, err := ParseFace([]byte("OTTO\x00\x01rest")); err == nil {
		t.Error("a CFF-flavoured OpenType font was accepted")
	}
	if _, err := ParseFace([]byte("not a font")); err == nil {
		t.Error("garbage was accepted")
	}
}
