// Package typeface reads the metrics of a TrueType font family: advance
// widths, ascent and descent, and which characters it covers. Widths are
// computed exactly as the PDF renderer computes them (thousandths of an em,
// rounded), so a line measured here has the width it will have on paper.
package typeface

import (
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/cardgen/cardgen/fonts"
	"github.com/cardgen/cardgen/pkg/geom"
)

// Style is one of the four faces of a family.
type Style int

// The four styles a family provides.
const (
	Regular Style = iota
	Bold
	Italic
	BoldItalic
)

// Styles lists every style, in a fixed order.
var Styles = []Style{Regular, Bold, Italic, BoldItalic}

func (s Style) String() string {
	switch s {
	case Bold:
		return "bold"
	case Italic:
		return "italic"
	case BoldItalic:
		return "bold italic"
	}
	return "regular"
}

// Emphasised returns the style with italic added (em) or bold added (strong).
func (s Style) Emphasised(em, strong bool) Style {
	bold := s == Bold || s == BoldItalic || strong
	italic := s == Italic || s == BoldItalic || em
	switch {
	case bold && italic:
		return BoldItalic
	case bold:
		return Bold
	case italic:
		return Italic
	}
	return Regular
}

// Face is the metrics of one font file.
type Face struct {
	// Data is the font file itself, for the renderer to embed.
	Data []byte
	font *sfnt.Font
	// glyphs holds each glyph's advance width in thousandths of an em.
	glyphs []uint16
	// widths holds the advance widths of the Basic Multilingual Plane's
	// characters, covered marks those the font has a glyph for: each block
	// of 256 characters filled the first time one of them is asked for
	// (ready), since a deck uses a few blocks of the 256 and looking every
	// character up in the font's cmap took a process 8 ms.
	mu      sync.Mutex
	ready   [0x100]atomic.Bool
	widths  [0x10000]uint16
	covered [0x10000]bool
	// Ascent and Descent are in thousandths of an em, both positive.
	ascent, descent, capHeight int
}

// ParseFace reads a TrueType font file.
func ParseFace(data []byte) (*Face, error) {
	if len(data) >= 4 && (bytes.Equal(data[:4], []byte("OTTO")) || bytes.Equal(data[:4], []byte("ttcf"))) {
		return nil, fmt.Errorf("not a TrueType (glyf) font: CFF-flavoured OpenType and collections cannot be embedded")
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	var buf sfnt.Buffer
	upem := int(f.UnitsPerEm())
	ppem := fixed.I(upem)
	face := &Face{Data: data, font: f, glyphs: make([]uint16, f.NumGlyphs())}
	for gi := range face.glyphs {
		adv, err := f.GlyphAdvance(&buf, sfnt.GlyphIndex(gi), ppem, font.HintingNone)
		if err != nil {
			return nil, fmt.Errorf("advance of glyph %d: %w", gi, err)
		}
		face.glyphs[gi] = uint16(math.Round(float64(adv) / 64 * 1000 / float64(upem)))
	}
	face.fill(0) // ASCII and Latin-1, which Units reads without asking
	m, err := f.Metrics(&buf, ppem, font.HintingNone)
	if err != nil {
		return nil, err
	}
	scale := 1000 / float64(upem) / 64
	face.ascent = int(float64(m.Ascent) * scale)
	face.descent = int(float64(m.Descent) * scale)
	face.capHeight = int(float64(m.CapHeight) * scale)
	if face.ascent <= 0 || face.descent < 0 {
		return nil, fmt.Errorf("font has no usable ascent/descent (%d/%d)", face.ascent, face.descent)
	}
	return face, nil
}

// fill looks up the characters of block b (b<<8 to b<<8|0xFF) in the
// font, once.
func (f *Face) fill(b rune) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.ready[b].Load() {
		return
	}
	var buf sfnt.Buffer
	for r := b << 8; r <= b<<8|0xFF; r++ {
		gi, err := f.font.GlyphIndex(&buf, r)
		if err != nil || gi == 0 || int(gi) >= len(f.glyphs) {
			continue
		}
		f.covered[r] = true
		f.widths[r] = f.glyphs[gi]
	}
	f.ready[b].Store(true) // after the writes: a reader that sees it sees them
}

// width is the advance width of r, of the Basic Multilingual Plane.
func (f *Face) width(r rune) uint16 {
	if !f.ready[r>>8].Load() {
		f.fill(r >> 8)
	}
	return f.widths[r]
}

// Has reports whether the font has a glyph for r. Runes beyond the Basic
// Multilingual Plane are never covered: the PDF renderer cannot draw them.
func (f *Face) Has(r rune) bool {
	if r < 0 || r >= 0x10000 {
		return false
	}
	if !f.ready[r>>8].Load() {
		f.fill(r >> 8)
	}
	return f.covered[r]
}

// Width is the advance width of s in mm at size pt. Characters the font lacks
// count as zero; validation reports them before anything is drawn.
func (f *Face) Width(s string, size float64) float64 {
	return f.Scale(f.Units(s), size)
}

// Units is the advance width of s in thousandths of an em, the unit the PDF
// renderer sums: a text measured once in units has its width at any size
// from Scale, exactly as Width computes it.
func (f *Face) Units(s string) int {
	w := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			w += int(f.widths[c])
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		// Runes beyond the BMP have no width: the renderer cannot draw
		// them (Has). A rune the font lacks has a zero width in widths.
		if r < 0x10000 {
			w += int(f.width(r))
		}
		i += n
	}
	return w
}

// Scale converts a width in thousandths of an em to mm at size pt.
func (f *Face) Scale(units int, size float64) float64 {
	return float64(units) * geom.PtToMM(size) / 1000
}

// Ascent is the height above the baseline of the tallest glyphs, in mm at size pt.
func (f *Face) Ascent(size float64) float64 { return float64(f.ascent) * geom.PtToMM(size) / 1000 }

// Descent is the depth below the baseline of the deepest glyphs, in mm at size pt.
func (f *Face) Descent(size float64) float64 {
	return float64(f.descent) * geom.PtToMM(size) / 1000
}

// CapHeight is the height of a capital letter, in mm at size pt.
func (f *Face) CapHeight(size float64) float64 {
	return float64(f.capHeight) * geom.PtToMM(size) / 1000
}

// Family is the four styles of one typeface.
type Family struct {
	Name  string // ASCII, as the renderer registers it
	faces [4]*Face
}

// Face returns the face of a style.
func (fam *Family) Face(s Style) *Face { return fam.faces[s] }

// Missing returns the runes of s that the style lacks, each once, in order
// of first appearance.
func (fam *Family) Missing(s string, st Style) []rune {
	var out []rune
	var seen map[rune]bool // once out is long enough to be slow to search
	face := fam.faces[st]
	for _, r := range s {
		if r == '\n' || face.Has(r) {
			continue
		}
		if seen != nil {
			if seen[r] {
				continue
			}
			seen[r] = true
		} else if slices.Contains(out, r) {
			continue
		} else if len(out) == 16 {
			seen = make(map[rune]bool)
			for _, m := range out {
				seen[m] = true
			}
			seen[r] = true
		}
		out = append(out, r)
	}
	return out
}

// Files names the font file of each style.
type Files struct{ Regular, Bold, Italic, BoldItalic string }

// Load reads a family from fsys.
func Load(name string, fsys fs.FS, files Files) (*Family, error) {
	fam := &Family{Name: name}
	for i, file := range []string{files.Regular, files.Bold, files.Italic, files.BoldItalic} {
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", file, err)
		}
		face, err := ParseFace(data)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", file, err)
		}
		fam.faces[i] = face
	}
	return fam, nil
}

var (
	defaultOnce sync.Once
	defaultFam  *Family
	defaultErr  error
)

// Default returns the embedded family (Lato), parsed once per process.
func Default() (*Family, error) {
	defaultOnce.Do(func() {
		defaultFam, defaultErr = Load("Lato", fonts.FS, Files(fonts.Files))
	})
	return defaultFam, defaultErr
}
