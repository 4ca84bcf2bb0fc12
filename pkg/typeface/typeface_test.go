package typeface

import (
	"io/fs"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/cardgen/cardgen/fonts"
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

// TestParseFaceRejectsCFF: a CFF-flavoured OpenType font or a collection
// is refused for what it is (fpdf embeds TrueType outlines only), not as a
// file it cannot parse; garbage is refused too.
func TestParseFaceRejectsCFF(t *testing.T) {
	t.Parallel()
	for _, head := range []string{"OTTO", "ttcf"} {
		if _, err := ParseFace([]byte(head + "\x00\x01rest")); err == nil || !strings.Contains(err.Error(), "CFF-flavoured OpenType and collections cannot be embedded") {
			t.Errorf("%s: %v; want CFF and collections refused", head, err)
		}
	}
	if _, err := ParseFace([]byte("not a font")); err == nil || strings.Contains(err.Error(), "CFF") {
		t.Errorf("garbage: %v; want an error that is not about CFF", err)
	}
}

// refWidth is Width as it was before it summed units with an ASCII fast
// path: the reference for TestWidthAsBefore.
func refWidth(f *Face, s string, size float64) float64 {
	w := 0
	for _, r := range s {
		if f.Has(r) {
			w += int(f.width(r))
		}
	}
	return float64(w) * geom.PtToMM(size) / 1000
}

// TestWidthAsBefore: Width, and Scale of Units, give the widths the
// renderer computes (TestWidthsMatchFpdf in pkg/render checks those against
// fpdf) for text of every kind: ASCII, accents, characters the font lacks,
// beyond the BMP, invalid UTF-8.
func TestWidthAsBefore(t *testing.T) {
	t.Parallel()
	fam, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aZ09 ,.«»’éœŒ\u00A0\u202F\t\n\r…—🙂中\uFFFD\u0301\u2028\U0010FFFF")
	for i := range 5000 {
		var b strings.Builder
		for range rnd.IntN(40) {
			if rnd.IntN(20) == 0 {
				b.WriteByte(byte(0x80 + rnd.IntN(0x80))) // a stray byte
				continue
			}
			b.WriteRune(alphabet[rnd.IntN(len(alphabet))])
		}
		s := b.String()
		st := Styles[i%4]
		size := 5 + 20*rnd.Float64()
		f := fam.Face(st)
		if got, want := f.Width(s, size), refWidth(f, s, size); got != want {
			t.Fatalf("%s Width(%q, %v) = %v, reference %v", st, s, size, got, want)
		}
		if got, want := f.Scale(f.Units(s), size), refWidth(f, s, size); got != want {
			t.Fatalf("%s Scale(Units(%q), %v) = %v, reference %v", st, s, size, got, want)
		}
	}
}

// TestMissingMany: each missing character once, in order, however many.
func TestMissingMany(t *testing.T) {
	t.Parallel()
	fam, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var s strings.Builder
	var want []rune
	for r := rune(0x4E00); r < 0x4E00+3000; r++ { // CJK, which Lato lacks
		want = append(want, r)
	}
	for range 3 {
		for _, r := range want {
			s.WriteRune(r)
			s.WriteString("a")
		}
	}
	if got := fam.Missing(s.String(), Regular); !slices.Equal(got, want) {
		t.Errorf("Missing gives %d runes, want the %d CJK characters once each, in order", len(got), len(want))
	}
}

func BenchmarkUnits(b *testing.B) {
	fam, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	f := fam.Face(Regular)
	s := "Je démonte des vieux smartphones, pour récupérer des «\u202Fterres rares\u202F» : cobalt, lithium…"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		f.Units(s)
	}
}

// BenchmarkLoad reads the embedded family, as every process does once.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load("Lato", fonts.FS, Files(fonts.Files)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBlocksAsEager: the widths and coverage filled block by block, as
// characters are asked for, are those of looking every character of the
// Basic Multilingual Plane up at once, as ParseFace did.
func TestBlocksAsEager(t *testing.T) {
	t.Parallel()
	for _, file := range []string{fonts.Files.Regular, fonts.Files.BoldItalic} {
		data, err := fs.ReadFile(fonts.FS, file)
		if err != nil {
			t.Fatal(err)
		}
		face, err := ParseFace(data)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := sfnt.Parse(data)
		var buf sfnt.Buffer
		upem := int(f.UnitsPerEm())
		covered := 0
		// From the top down, so that blocks are filled out of order.
		for r := rune(0xFFFF); r >= 0; r-- {
			want, has := uint16(0), false
			if gi, err := f.GlyphIndex(&buf, r); err == nil && gi != 0 {
				adv, err := f.GlyphAdvance(&buf, gi, fixed.I(upem), font.HintingNone)
				if err != nil {
					t.Fatal(err)
				}
				want, has = uint16(math.Round(float64(adv)/64*1000/float64(upem))), true
				covered++
			}
			if face.Has(r) != has || face.width(r) != want {
				t.Fatalf("%s U+%04X: Has %v, width %d; looked up at once: %v, %d", file, r, face.Has(r), face.width(r), has, want)
			}
		}
		if covered < 500 {
			t.Errorf("%s: %d characters covered", file, covered)
		}
	}
}

// TestFillConcurrently: goroutines measuring text at once, each asking for
// blocks not filled yet, all get the widths (go test -race, which CI runs
// on this test, finds no race).
func TestFillConcurrently(t *testing.T) {
	t.Parallel()
	data, err := fs.ReadFile(fonts.FS, fonts.Files.Italic)
	if err != nil {
		t.Fatal(err)
	}
	face, err := ParseFace(data)
	if err != nil {
		t.Fatal(err)
	}
	ref, _ := ParseFace(data)
	text := "Œuvre «\u202Fcœur\u202F» — 1,50\u00A0€ · Ωmega · Жук · ħ · ﬁ · →"
	want := ref.Units(text)
	var wg sync.WaitGroup
	got := make([]int, 8)
	for i := range got {
		wg.Go(func() { got[i] = face.Units(text) })
	}
	wg.Wait()
	for i, g := range got {
		if g != want {
			t.Errorf("goroutine %d: %d units, want %d", i, g, want)
		}
	}
}
