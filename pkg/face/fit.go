package face

import (
	"github.com/cardgen/cardgen/pkg/textfit"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// fitText is textfit.Fit found by bisection: the largest size on Fit's
// grid (Max down to Min in Step) at which paras fit, found with about five
// measures instead of one per size tried. A card tries its text at several
// ranges of sizes (with the map, without it), so the number of layouts
// matters: bisection cut the composition of 1,000 cards by about half.
// Whether a block fits only gets easier as its size goes down (lines get
// longer, fewer and lower), so the result is Fit's; a block that does not
// fit at Min gets Fit's own error.
func fitText(fam *typeface.Family, paras []textfit.Para, spec textfit.Spec) (textfit.Block, error) {
	return fitPrepared(textfit.Prepare(fam, paras), spec)
}

// fitPrepared is fitText on paragraphs prepared once for all the boxes
// and sizes a card tries them in.
func fitPrepared(p *textfit.Prepared, spec textfit.Spec) (textfit.Block, error) {
	step := spec.Step
	if step == 0 {
		step = 0.25
	}
	n := int((spec.Max-spec.Min)/step + 1e-9)
	size := func(i int) float64 {
		if i >= n {
			return spec.Min
		}
		return spec.Max - float64(i)*step
	}
	if p.Fits(size(0), spec) {
		return p.Layout(size(0), spec)
	}
	if n <= 0 || !p.Fits(size(n), spec) {
		return p.Fit(textfit.Spec{Width: spec.Width, Height: spec.Height, Max: spec.Min, Min: spec.Min,
			Step: spec.Step, Leading: spec.Leading, MaxLines: spec.MaxLines})
	}
	// Size lo does not fit, size hi does.
	lo, hi := 0, n
	for hi-lo > 1 {
		if mid := (lo + hi) / 2; p.Fits(size(mid), spec) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return p.Layout(size(hi), spec)
}
