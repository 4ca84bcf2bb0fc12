package svg

import (
	"fmt"
	"reflect"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/cardgen/cardgen/pkg/typeface"
)

// TestSubset: the subset of each style holds the characters asked for with
// the original's outlines and advances, maps nothing else, and is a small
// fraction of the whole font. x/image/font/sfnt, an independent reader,
// reads it back.
func TestSubset(t *testing.T) {
	t.Parallel()
	fam, err := typeface.Default()
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune("Les «\u202Fterres rares\u202F» 1\u00A0$ — é ﬁ Œ’…•0123456789")
	for _, st := range typeface.Styles {
		data := fam.Face(st).Data
		sub, err := subset(data, runes)
		if err != nil {
			t.Fatalf("%s: %v", st, err)
		}
		if len(sub) > len(data)/10 {
			t.Errorf("%s: subset of %d bytes, a tenth of the font is %d", st, len(sub), len(data)/10)
		}
		orig, err := sfnt.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := sfnt.Parse(sub)
		if err != nil {
			t.Fatalf("%s: sfnt cannot read the subset: %v", st, err)
		}
		ppem := fixed.I(int(orig.UnitsPerEm()))
		var b1, b2 sfnt.Buffer
		for _, r := range runes {
			g1, err1 := orig.GlyphIndex(&b1, r)
			g2, err2 := got.GlyphIndex(&b2, r)
			if err1 != nil || err2 != nil || g1 == 0 {
				t.Fatalf("%s %q: glyphs %d, %d (%v, %v)", st, r, g1, g2, err1, err2)
			}
			if g2 == 0 {
				t.Errorf("%s: %q is not in the subset", st, r)
				continue
			}
			a1, _ := orig.GlyphAdvance(&b1, g1, ppem, font.HintingNone)
			a2, _ := got.GlyphAdvance(&b2, g2, ppem, font.HintingNone)
			if a1 != a2 {
				t.Errorf("%s %q: advance %v, original %v", st, r, a2, a1)
			}
			s1, _ := orig.LoadGlyph(&b1, g1, ppem, nil)
			o1 := fmt.Sprint(s1)
			s2, err := got.LoadGlyph(&b2, g2, ppem, nil)
			if err != nil {
				t.Errorf("%s %q: %v", st, r, err)
			} else if o2 := fmt.Sprint(s2); !reflect.DeepEqual(o1, o2) {
				t.Errorf("%s %q: outline differs from the original's", st, r)
			}
		}
		if g, _ := got.GlyphIndex(&b2, 'Z'); g != 0 {
			t.Errorf("%s: 'Z' was not asked for but maps to glyph %d", st, g)
		}
		if n := got.NumGlyphs(); n > len(runes)+10 {
			t.Errorf("%s: %d glyphs for %d characters", st, n, len(runes))
		}
	}
}
