package textfit

import (
	"fmt"
	"math"
	"sort"
	"strings"

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
	// AtLeast says that Need and Lines are lower bounds: the block is so
	// far too long (more than FarTooLong times the box) that its length
	// alone told, and it was not broken into lines.
	AtLeast bool
}

func (e *FitError) Error() string {
	switch {
	case e.Reason != nil:
		return fmt.Sprintf("does not fit at %.4g pt: %v", e.Min, e.Reason)
	case e.AtLeast:
		return fmt.Sprintf("does not fit at %.4g pt: needs at least %.0f mm of height, has %.1f mm (at least %.0f times as much)",
			e.Min, e.Need, e.Have, math.Floor(e.Need/e.Have))
	}
	return fmt.Sprintf("does not fit at %.4g pt: needs %.1f mm of height, has %.1f mm (about %.0f%% too long)",
		e.Min, e.Need, e.Have, 100*(e.Need/e.Have-1))
}

func (e *FitError) Unwrap() error { return e.Reason }

// FarTooLong is how many times its box's height a block must need at the
// minimum size for Fit to reject it from its length alone, without
// breaking it into lines: a text of megabytes fails at once, and a text a
// few times too long still gets the exact figures.
const FarTooLong = 10

// Prepared is a block of paragraphs cut at its break opportunities and
// measured, once: it is set at any size, in boxes of any width, by adding
// up widths and breaking lines (Layout, Fit). A card tries its text in
// several boxes and ranges of sizes; preparing it once saves measuring and
// segmenting it again for each. A Prepared is not safe for use by several
// goroutines at once.
type Prepared struct {
	fam     *typeface.Family
	paras   []Para
	texts   []*text
	bullets []int // units of each paragraph's bullet and its space
	inks    []int // units of each paragraph's characters but the spaces that can end a line (farTooLong), -1 until needed
	spans   []lineSpan
}

// Prepare returns paras ready to be set: they are cut at their break
// opportunities and measured the first time they are set, once (a block
// that Fit rejects from its length alone never is).
func Prepare(fam *typeface.Family, paras []Para) *Prepared {
	return &Prepared{fam: fam, paras: paras}
}

// prepare cuts the paragraphs and measures them, the first time only.
func (s *Prepared) prepare() {
	if s.texts != nil || len(s.paras) == 0 {
		return
	}
	s.texts, s.bullets = make([]*text, len(s.paras)), make([]int, len(s.paras))
	for i, para := range s.paras {
		s.texts[i] = prepare(s.fam, para.Runs)
		if para.Bullet != "" {
			s.bullets[i] = s.fam.Face(typeface.Regular).Units(para.Bullet + " ")
		}
	}
}

// set lays the paragraphs out at size pt in a box spec.Width wide. With
// build false, it only measures: the block has its height but no lines,
// and the line count is returned.
func (s *Prepared) set(size float64, spec Spec, build bool) (Block, int, error) {
	s.prepare()
	b := Block{Size: size}
	leading := spec.Leading
	if leading == 0 {
		leading = 1.2
	}
	y := 0.0
	count := 0
	face := s.fam.Face(typeface.Regular)
	for i, p := range s.paras {
		scale := p.Scale
		if scale == 0 {
			scale = 1
		}
		ps := size * scale
		// A line is never shorter than its glyphs are tall, whatever the
		// leading asked for: text must not leave the box it was fitted to.
		lineH := max(geom.PtToMM(ps)*leading, face.Ascent(ps)+face.Descent(ps))
		indent := 0.0
		if p.Bullet != "" {
			indent = face.Scale(s.bullets[i], ps)
		}
		if i > 0 {
			y += p.SpaceBefore * lineH
		}
		mm := geom.PtToMM(ps)
		var err error
		s.spans, err = s.texts[i].breakLines(mm, spec.Width-indent, s.spans[:0])
		if err != nil {
			return Block{}, 0, err
		}
		count += len(s.spans)
		if !build {
			for range s.spans {
				y += lineH
			}
			continue
		}
		asc, desc := face.Ascent(ps), face.Descent(ps)
		for j, sp := range s.spans {
			sl := SetLine{Line: s.texts[i].line(sp, mm), Size: ps, X: indent, Ascent: asc, Descent: desc, Tag: p.Tag, Para: i,
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
	return b, count, nil
}

// Layout sets paras at size pt in a box spec.Width mm wide; it does not check height.
func Layout(fam *typeface.Family, paras []Para, size float64, spec Spec) (Block, error) {
	return Prepare(fam, paras).Layout(size, spec)
}

// Layout sets the paragraphs at size pt in a box spec.Width mm wide; it
// does not check height.
func (s *Prepared) Layout(size float64, spec Spec) (Block, error) {
	b, _, err := s.set(size, spec, true)
	return b, err
}

// Fits reports whether the paragraphs fit spec's box at size pt: their
// height, their number of lines, and no word wider than a line.
func (s *Prepared) Fits(size float64, spec Spec) bool {
	b, lines, err := s.set(size, spec, false)
	return err == nil && b.Height <= spec.Height+1e-9 && (spec.MaxLines == 0 || lines <= spec.MaxLines)
}

// Fit finds the largest size from spec.Max down to spec.Min, in spec.Step
// steps, at which paras fit a spec.Width × spec.Height box.
//
// A block that fits at a size fits at every smaller one (widths, line
// heights and indents grow with the size, and so does the number of lines
// that greedy breaking makes), so Fit searches the sizes by halving rather
// than trying each in turn, with the same result. A block that needs more
// than FarTooLong times the box at spec.Min, counting only the width of its
// characters, is rejected before it is broken into lines.
func Fit(fam *typeface.Family, paras []Para, spec Spec) (Block, error) {
	return Prepare(fam, paras).Fit(spec)
}

// Fit is Fit on the prepared paragraphs.
func (s *Prepared) Fit(spec Spec) (Block, error) {
	step := spec.Step
	if step == 0 {
		step = 0.25
	}
	// Count steps with an integer so that Min itself is always tried.
	n := int((spec.Max-spec.Min)/step + 1e-9)
	if n < 0 {
		return Block{}, &FitError{Min: spec.Min, Have: spec.Height}
	}
	size := func(i int) float64 {
		if i == n {
			return spec.Min
		}
		return spec.Max - float64(i)*step
	}
	monotone := growsWithSize(s.paras, spec, step)
	if monotone {
		if fe := s.farTooLong(spec); fe != nil {
			return Block{}, fe
		}
	}
	fits := func(i int) bool { return s.Fits(size(i), spec) }
	found := n + 1
	if monotone {
		// Most texts fit at or near the largest size: gallop down from
		// it (sizes 0, 1, 3, 7, … steps below), then halve the last gap.
		lo, hi := -1, 0 // fits(lo) is false (or lo is -1); fits(hi) is unknown
		for hi <= n && !fits(hi) {
			lo, hi = hi, 2*hi+1
		}
		// The first fit is in lo+1 … min(hi, n+1), hi included when it fits.
		hi = min(hi, n+1)
		found = lo + 1 + sort.Search(hi-lo-1, func(j int) bool { return fits(lo + 1 + j) })
	} else {
		for i := 0; i <= n; i++ {
			if fits(i) {
				found = i
				break
			}
		}
	}
	if found <= n {
		b, _, err := s.set(size(found), spec, true)
		return b, err
	}
	return Block{}, s.fitError(spec)
}

// fitError is the error of paragraphs that do not fit at spec.Min.
func (s *Prepared) fitError(spec Spec) *FitError {
	fe := &FitError{Min: spec.Min, Have: spec.Height}
	last, lines, err := s.set(spec.Min, spec, false)
	if tl, ok := err.(*TooLongError); ok {
		fe.Reason = tl
	} else {
		fe.Need, fe.Lines = last.Height, lines
		if spec.MaxLines > 0 && lines > spec.MaxLines {
			fe.Reason = fmt.Errorf("needs %d lines, at most %d allowed", lines, spec.MaxLines)
		}
	}
	return fe
}

// growsWithSize reports whether everything Fit compares grows with the
// size, as it does in every real spec: the sizes tried decrease, none is
// negative, and no paragraph's scale, leading or space before is negative
// (or NaN). Otherwise Fit tries every size in turn.
func growsWithSize(paras []Para, spec Spec, step float64) bool {
	if !(step > 0 && spec.Min >= 0 && spec.Leading >= 0) {
		return false
	}
	for _, p := range paras {
		if !(p.Scale >= 0 && p.SpaceBefore >= 0) {
			return false
		}
	}
	return true
}

// farTooLong returns a FitError when the paragraphs need more than
// FarTooLong times the box's height at spec.Min by a lower bound: a line
// holds at most the box's width of ink, and the ink is at least the width
// of every character but the spaces and line breaks that can end a line.
func (s *Prepared) farTooLong(spec Spec) *FitError {
	if !(spec.Height >= 0) {
		return nil
	}
	leading := spec.Leading
	if leading == 0 {
		leading = 1.2
	}
	fam := s.fam
	face := fam.Face(typeface.Regular)
	need, lines := 0.0, 0
	for i, p := range s.paras {
		scale := p.Scale
		if scale == 0 {
			scale = 1
		}
		ps := spec.Min * scale
		lineH := max(geom.PtToMM(ps)*leading, face.Ascent(ps)+face.Descent(ps))
		width := spec.Width
		if p.Bullet != "" {
			width -= face.Width(p.Bullet+" ", ps)
		}
		if !(width > 0) || math.IsInf(width, 1) {
			return nil
		}
		if s.inks == nil {
			s.inks = make([]int, len(s.paras))
			for j, q := range s.paras {
				for _, r := range q.Runs {
					s.inks[j] += inkUnits(fam.Face(r.Style), r.Text)
				}
			}
		}
		ink := float64(s.inks[i]) * geom.PtToMM(ps) / 1000
		n := math.Floor(ink / (width + 1e-9) * (1 - 1e-9))
		if i > 0 {
			need += p.SpaceBefore * lineH
		}
		need += n * lineH
		lines += int(min(n, 1<<40))
	}
	if !(need > FarTooLong*(spec.Height+1e-9)) {
		return nil
	}
	return &FitError{Min: spec.Min, Have: spec.Height, Need: need, Lines: lines, AtLeast: true}
}

// inkUnits is the width of s without the characters that trimSpace drops.
func inkUnits(f *typeface.Face, s string) int {
	u := f.Units(s) - strings.Count(s, " ")*f.Units(" ")
	for _, sp := range []string{"\n", "\r", "\t", "\u2028"} {
		if w := f.Units(sp); w > 0 { // none, in most fonts
			u -= strings.Count(s, sp) * w
		}
	}
	return u
}
