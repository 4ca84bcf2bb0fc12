package textfit

import (
	"errors"
	"fmt"

	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// Para is a paragraph of a block.
type Para struct {
	Runs []Run
	// Scale is the paragraph's size relative to the block's size (1 when zero).
	Scale float64
	// Bullet, when not empty, is drawn in a hanging indent before the first line.
	Bullet string
	// SpaceBefore is the space above the paragraph, in lines of its own size.
	SpaceBefore float64
	// Tag is returned with the paragraph's lines, to tell a heading from a
	// list item when drawing (a colour, a rule). Fitting ignores it.
	Tag string
}

// SetLine is a line placed in its block.
type SetLine struct {
	Line
	Size     float64 // pt
	X        float64 // mm from the block's left edge to the line's start
	Baseline float64 // mm from the block's top
	Ascent   float64 // mm above the baseline
	Descent  float64 // mm below the baseline
	Bullet   string  // drawn at BulletX on the paragraph's first line
	BulletX  float64
	Tag      string
	Para     int // index of the paragraph in the block
}

// Box is the rectangle a line's glyphs may occupy, relative to the block.
func (l SetLine) Box() geom.Rect {
	return geom.R(l.X, l.Baseline-l.Ascent, l.Width, l.Ascent+l.Descent)
}

// Block is a set of paragraphs laid out at one size.
type Block struct {
	Size   float64 // pt
	Lines  []SetLine
	Height float64 // mm
}

// Spec says how to fit a block.
type Spec struct {
	Width, Height float64 // mm
	Max, Min      float64 // pt; sizes are tried from Max down to Min
	Step          float64 // pt between tries (0.25 when zero)
	Leading       float64 // line height as a multiple of the size (1.2 when zero)
	MaxLines      int     // 0 for no limit
}

// FitError says a block does not fit its box even at the minimum size.
type FitError struct {
	Min    float64 // pt
	Need   float64 // mm of height the block needs at Min
	Have   float64 // mm available
	Lines  int
	Reason error // a TooLongError when a word is too wide, else nil
}

func (e *FitError) Error() string {
	if e.Reason != nil {
		return fmt.Sprintf("does not fit at %.4g pt: %v", e.Min, e.Reason)
	}
	return fmt.Sprintf("does not fit at %.4g pt: needs %.1f mm of height, has %.1f mm (about %.0f%% too long)",
		e.Min, e.Need, e.Have, 100*(e.Need/e.Have-1))
}

func (e *FitError) Unwrap() error { return e.Reason }

// Layout sets paras at size pt in a box width mm wide; it does not check height.
func Layout(fam *typeface.Family, paras []Para, size float64, spec Spec) (Block, error) {
	leading := spec.Leading
	if leading == 0 {
		leading = 1.2
	}
	b := Block{Size: size}
	y := 0.0
	for i, p := range paras {
		scale := p.Scale
		if scale == 0 {
			scale = 1
		}
		ps := size * scale
		face := fam.Face(typeface.Regular)
		// A line is never shorter than its glyphs are tall, whatever the
		// leading asked for: text must not leave the box it was fitted to.
		lineH := max(geom.PtToMM(ps)*leading, face.Ascent(ps)+face.Descent(ps))
		indent := 0.0
		if p.Bullet != "" {
			indent = fam.Face(typeface.Regular).Width(p.Bullet+" ", ps)
		}
		if i > 0 {
			y += p.SpaceBefore * lineH
		}
		lines, err := Break(fam, p.Runs, ps, spec.Width-indent)
		if err != nil {
			return Block{}, err
		}
		for j, l := range lines {
			asc, desc := face.Ascent(ps), face.Descent(ps)
			sl := SetLine{Line: l, Size: ps, X: indent, Ascent: asc, Descent: desc, Tag: p.Tag, Para: i,
				// Centre the glyph box in the line box.
				Baseline: y + (lineH-asc-desc)/2 + asc}
			if j == 0 && p.Bullet != "" {
				sl.Bullet = p.Bullet
			}
			b.Lines = append(b.Lines, sl)
			y += lineH
		}
	}
	b.Height = y
	return b, nil
}

// Fit finds the largest size from spec.Max down to spec.Min, in spec.Step
// steps, at which paras fit a spec.Width × spec.Height box.
func Fit(fam *typeface.Family, paras []Para, spec Spec) (Block, error) {
	step := spec.Step
	if step == 0 {
		step = 0.25
	}
	var last Block
	var lastErr error
	// Count steps with an integer so that Min itself is always tried.
	n := int((spec.Max-spec.Min)/step + 1e-9)
	for i := 0; i <= n; i++ {
		size := spec.Max - float64(i)*step
		if i == n {
			size = spec.Min
		}
		b, err := Layout(fam, paras, size, spec)
		last, lastErr = b, err
		if err != nil {
			continue
		}
		if b.Height <= spec.Height+1e-9 && (spec.MaxLines == 0 || len(b.Lines) <= spec.MaxLines) {
			return b, nil
		}
	}
	fe := &FitError{Min: spec.Min, Have: spec.Height}
	var tl *TooLongError
	if errors.As(lastErr, &tl) {
		fe.Reason = tl
	} else {
		fe.Need, fe.Lines = last.Height, len(last.Lines)
		if spec.MaxLines > 0 && len(last.Lines) > spec.MaxLines {
			fe.Reason = fmt.Errorf("needs %d lines, at most %d allowed", len(last.Lines), spec.MaxLines)
		}
	}
	return Block{}, fe
}
