package face

import (
	"errors"
	"strings"

	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/textfit"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// para is a paragraph of the back with the field it shows.
type para struct {
	textfit.Para
	field Field
}

func (cp *composer) back() (draw.Drawing, error) {
	st, s := cp.st, cp.safe
	p := cp.c.Persona
	f := cp.drawing(st.Background(cp.cat))
	var errs []error
	onBand := cp.band(&f, st.BackBand)
	nameBox := geom.R(s.X, s.Y, s.W, st.BackBand-s.Y-st.BandPadding)
	nameBox.W -= cp.icon(&f, nameBox, onBand)
	if b, err := cp.fit(Back, Field{Part: Name}, p.Name, typeface.Bold, st.BackName, nameBox, 1, 1.2); err != nil {
		errs = append(errs, err)
	} else {
		box := nameBox
		box.Y += (box.H - b.Height) / 2
		cp.place(&f, b, box, fixed("name"), color(onBand), 0)
	}

	// The paragraphs: a heading and the conditions; a heading and the impact.
	parsed := true
	add := func(list []para, field Field, tp textfit.Para, text string, style typeface.Style) []para {
		runs, err := textfit.ParseInline(cp.c.Typeset(text), style)
		if err != nil {
			errs = append(errs, cp.fieldErr(Back, field, err))
			parsed = false
			return list
		}
		tp.Runs = runs
		return append(list, para{tp, field})
	}
	heading := Field{Part: Heading}
	conditions := add(nil, heading, textfit.Para{Scale: st.HeadingScale, Tag: "heading"}, cp.c.ConditionsLabel, typeface.Bold)
	for i, cond := range p.Conditions {
		conditions = add(conditions, Field{Part: Condition, Index: i + 1}, textfit.Para{Bullet: "•", SpaceBefore: 0.3, Tag: "item"}, cond, typeface.Regular)
	}
	var impact []para
	if p.Impact != "" {
		impact = add(nil, heading, textfit.Para{Scale: st.HeadingScale, SpaceBefore: 1.4, Tag: "heading"}, cp.c.ImpactLabel, typeface.Bold)
		impact = add(impact, Field{Part: Impact}, textfit.Para{SpaceBefore: 0.3, Tag: "impact"}, p.Impact, typeface.Regular)
	}
	top := st.BackBand + st.Gap
	bottom := cp.footer(&f, &errs, Back) - st.Gap/2
	if !parsed {
		return f, errors.Join(errs...)
	}
	if cp.g.Landscape() && len(impact) > 0 {
		// Side by side: the conditions on the left, the impact on the
		// right, at one size, a rule between them.
		colW := (s.W - 2*st.Gap) / 2
		boxes := []geom.Rect{geom.R(s.X, top, colW, bottom-top), geom.R(s.Right()-colW, top, colW, bottom-top)}
		blocks, failed, err := cp.fitShared([][]para{conditions, impact}, boxes)
		if err != nil {
			field := Field{Part: Conditions}
			if failed == 1 {
				field = Field{Part: Impact}
			}
			errs = append(errs, cp.fieldErr(Back, wordField(append(conditions, impact...), err, field), err))
			return f, errors.Join(errs...)
		}
		cp.placeBack(&f, blocks[0], boxes[0], conditions)
		cp.placeBack(&f, blocks[1], boxes[1], impact)
		cp.vrule(&f, s.X+colW+st.Gap, top, top+max(blocks[0].Height, blocks[1].Height), cp.cat)
		return f, errors.Join(errs...)
	}
	// One column: the impact below the conditions, a rule between them.
	all := append(conditions, impact...)
	box := geom.R(s.X, top, s.W, bottom-top)
	blocks, _, err := cp.fitShared([][]para{all}, []geom.Rect{box})
	if err != nil {
		field := Field{Part: Conditions}
		if len(impact) > 0 {
			field = Field{Part: ConditionsAndImpact}
		}
		errs = append(errs, cp.fieldErr(Back, wordField(all, err, field), err))
		return f, errors.Join(errs...)
	}
	b := blocks[0]
	cp.placeBack(&f, b, box, all)
	for _, l := range b.Lines {
		if len(impact) > 0 && l.Para == len(conditions) {
			// A rule halfway through the space above the impact heading.
			ry := box.Y + l.Baseline - l.Ascent - 0.7*geom.PtToMM(l.Size)*st.Leading
			cp.hrule(&f, ry, cp.cat)
			break
		}
	}
	return f, errors.Join(errs...)
}

// placeBack places a block of the back's paragraphs: headings in the
// category colour, the rest in ink, each line tagged with its field.
func (cp *composer) placeBack(f *draw.Drawing, b textfit.Block, box geom.Rect, paras []para) {
	cp.place(f, b, box, func(l textfit.SetLine) string {
		if fl := paras[l.Para].field; fl.Part != Heading {
			return fl.String()
		}
		return "heading"
	}, func(l textfit.SetLine) draw.Color {
		if l.Tag == "heading" {
			return cp.cat
		}
		return cp.st.Ink
	}, 0)
}

// fitShared fits blocks of paragraphs, each in its box, at one size: the
// largest at which all of them fit, up to the size text grows to where the
// card has room. It returns the index of a block that
// does not fit at the smallest size, with the error.
func (cp *composer) fitShared(blocks [][]para, boxes []geom.Rect) ([]textfit.Block, int, error) {
	st := cp.st
	size := st.Grow
	out := make([]textfit.Block, len(blocks))
	prepared := make([]*textfit.Prepared, len(blocks)) // measured once for every size tried
	for i, ps := range blocks {
		tp := make([]textfit.Para, len(ps))
		for j, p := range ps {
			tp[j] = p.Para
		}
		prepared[i] = textfit.Prepare(cp.fam, tp)
	}
	for {
		lowest := size
		for i := range blocks {
			b, err := fitPrepared(prepared[i], textfit.Spec{Width: boxes[i].W, Height: boxes[i].H,
				Max: size, Min: st.Body.Min, Leading: st.Leading})
			if err != nil {
				return nil, i, err
			}
			out[i] = b
			lowest = min(lowest, b.Size)
		}
		same := true
		for _, b := range out {
			same = same && b.Size == lowest
		}
		if same {
			return out, -1, nil
		}
		size = lowest
	}
}

// wordField is the field of the paragraph that holds the word too wide for
// its line, when err says a word is; else block, the field of the block.
func wordField(paras []para, err error, block Field) Field {
	var tl *textfit.TooLongError
	if !errors.As(err, &tl) {
		return block
	}
	for _, p := range paras {
		var text strings.Builder
		for _, r := range p.Runs {
			text.WriteString(r.Text)
		}
		if strings.Contains(text.String(), tl.Word) {
			return p.field
		}
	}
	return block
}
