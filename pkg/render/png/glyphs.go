package png

import (
	"fmt"
	"math"
	"sync"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// segment is one step of a glyph's outline, in font units, y down.
type segment struct {
	op  sfnt.SegmentOp
	pts [3]pt
}

// glyph is a character's outline and its advance.
type glyph struct {
	segs []segment
	// adv is the advance in thousandths of an em, as package typeface (and
	// so the PDF) measures it.
	adv float64
}

// glyphs reads the outlines of a family's fonts, once per character.
type glyphs struct {
	fam   *typeface.Family
	mu    sync.Mutex
	fonts [4]*sfnt.Font
	upem  [4]float64
	buf   sfnt.Buffer
	cache map[glyphKey]*glyph
}

type glyphKey struct {
	style typeface.Style
	r     rune
}

func newGlyphs(fam *typeface.Family) *glyphs {
	return &glyphs{fam: fam, cache: map[glyphKey]*glyph{}}
}

// get returns the glyph of r in style st, nil when the font has none (the
// fitter measured it as nothing, and validation reports it).
func (g *glyphs) get(st typeface.Style, r rune) (*glyph, float64, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.fonts[st] == nil {
		f, err := sfnt.Parse(g.fam.Face(st).Data)
		if err != nil {
			return nil, 0, fmt.Errorf("font %s %s: %w", g.fam.Name, st, err)
		}
		g.fonts[st], g.upem[st] = f, float64(f.UnitsPerEm())
	}
	k := glyphKey{st, r}
	if gl, ok := g.cache[k]; ok {
		return gl, g.upem[st], nil
	}
	var gl *glyph
	face := g.fam.Face(st)
	if face.Has(r) {
		f := g.fonts[st]
		gi, err := f.GlyphIndex(&g.buf, r)
		if err != nil {
			return nil, 0, err
		}
		// At one pixel per font unit, the outline comes in font units.
		segs, err := f.LoadGlyph(&g.buf, gi, fixed.I(int(g.upem[st])), nil)
		if err != nil {
			return nil, 0, fmt.Errorf("font %s %s: glyph of %q: %w", g.fam.Name, st, r, err)
		}
		gl = &glyph{segs: make([]segment, len(segs))}
		for i, s := range segs {
			gl.segs[i].op = s.Op
			for j, a := range s.Args {
				gl.segs[i].pts[j] = pt{float64(a.X) / 64, float64(a.Y) / 64}
			}
		}
		// typeface's width at 1 pt, back in thousandths of an em: the
		// integer the PDF's width table holds.
		gl.adv = math.Round(face.Width(string(r), 1) * 1000 / geom.PtToMM(1))
	}
	g.cache[k] = gl
	return gl, g.upem[st], nil
}

// outline appends the glyph's contours, placed by m (font units to pixels),
// to p.
func (gl *glyph) outline(p path, m affine) path {
	var c []pt
	var cur pt
	for _, s := range gl.segs {
		switch s.op {
		case sfnt.SegmentOpMoveTo:
			if len(c) > 0 {
				p = append(p, c)
			}
			cur = m.apply(s.pts[0].x, s.pts[0].y)
			c = []pt{cur}
		case sfnt.SegmentOpLineTo:
			cur = m.apply(s.pts[0].x, s.pts[0].y)
			c = append(c, cur)
		case sfnt.SegmentOpQuadTo:
			b, e := m.apply(s.pts[0].x, s.pts[0].y), m.apply(s.pts[1].x, s.pts[1].y)
			c = quad(c, cur, b, e)
			cur = e
		case sfnt.SegmentOpCubeTo:
			b, d, e := m.apply(s.pts[0].x, s.pts[0].y), m.apply(s.pts[1].x, s.pts[1].y), m.apply(s.pts[2].x, s.pts[2].y)
			c = cube(c, cur, b, d, e)
			cur = e
		}
	}
	if len(c) > 0 {
		p = append(p, c)
	}
	return p
}
