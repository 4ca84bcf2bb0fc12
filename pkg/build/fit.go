package build

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/face"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/textfit"
)

// cardDesign is the geometry and the style of spec's card faces: the
// default design at the card's size, with cardgen's minimum type sizes.
func cardDesign(spec *layout.Spec) (face.Geometry, face.Style) {
	geo := face.Geometry{W: spec.Card.W, H: spec.Card.H, Bleed: spec.Bleed, Safe: spec.Safe}
	return geo, styleFor(geo, spec.InkSaver)
}

func styleFor(geo face.Geometry, inkSaver bool) face.Style {
	st := face.DefaultStyle.For(geo, face.Minimums{Any: MinSize, Body: MinBody(geo.W)})
	st.InkSaver = inkSaver
	return st
}

// referenceCard is the card the default design is drawn for, in the
// orientation of geo, with geo's bleed and safe margin: a persona that fits
// it but not geo's card is a problem of the card's size, not of its text.
func referenceCard(geo face.Geometry) face.Geometry {
	ref := face.Geometry{W: 70, H: 120, Bleed: geo.Bleed, Safe: geo.Safe}
	if geo.Landscape() {
		ref.W, ref.H = 120, 70
	}
	return ref
}

// composeFunc composes persona i on a card of geometry g and returns what
// went wrong.
type composeFunc func(i int, g face.Geometry) error

// fitProblems turns the composition errors of a layout's cards (errs[i] is
// persona i's) into problems. When cards fail because they are smaller than
// the deck needs (the same personas fit a tarot card), one problem says so
// for the layout, with the smallest card of its proportions that holds the
// deck and the persona that needs the most room, instead of one problem per
// persona blaming its text. Personas whose text does not fit even a tarot
// card get their own problems, each naming the field and where it is.
func fitProblems(d *deck.Deck, spec *layout.Spec, errs []error, compose composeFunc) diag.List {
	geo, _ := cardDesign(spec)
	ref := referenceCard(geo)
	var problems diag.List
	var small []int // personas that fit the reference card but not this one
	for i, err := range errs {
		if err == nil {
			continue
		}
		sized, other := splitSize(err)
		if len(sized) > 0 && !sameGeometry(geo, ref) && !hasSize(compose(i, ref)) {
			small = append(small, i)
			err = errors.Join(other...)
		}
		if err != nil {
			addFitProblems(d, &d.Personas[i], spec, err, &problems)
		}
	}
	if len(small) > 0 {
		problems.Add(tooSmall(d, spec, geo, small, errs, compose))
	}
	return problems
}

func sameGeometry(a, b face.Geometry) bool { return a.W == b.W && a.H == b.H }

// splitSize splits a card's errors into those of size (a field that does
// not fit its room) and the others.
func splitSize(err error) (sized, other []error) {
	for _, e := range flatten(err) {
		var fit *textfit.FitError
		if errors.As(e, &fit) {
			sized = append(sized, e)
		} else {
			other = append(other, e)
		}
	}
	return sized, other
}

func hasSize(err error) bool {
	if err == nil {
		return false
	}
	sized, _ := splitSize(err)
	return len(sized) > 0
}

// need is how much too large a field is for its room: the height it needs
// over the height it has, or a word's width over its line's.
func need(e error) float64 {
	var fit *textfit.FitError
	if !errors.As(e, &fit) {
		return 0
	}
	var tl *textfit.TooLongError
	if errors.As(fit, &tl) && tl.Max > 0 {
		return tl.Width / tl.Max
	}
	if fit.Have > 0 {
		return fit.Need / fit.Have
	}
	return math.Inf(1)
}

// tooSmall is the one problem of a layout whose cards are too small for the
// deck: how many personas do not fit, which one needs the most room and
// what it lacks, and the smallest card of the same proportions that holds
// every card.
func tooSmall(d *deck.Deck, spec *layout.Spec, geo face.Geometry, small []int, errs []error, compose composeFunc) diag.Problem {
	type worst struct {
		persona int
		err     error
		ratio   float64
	}
	var ranked []worst
	for _, i := range small {
		w := worst{persona: i}
		sized, _ := splitSize(errs[i])
		for _, e := range sized {
			if r := need(e); w.err == nil || r > w.ratio {
				w.err, w.ratio = e, r
			}
		}
		ranked = append(ranked, w)
	}
	slices.SortStableFunc(ranked, func(a, b worst) int { return cmp.Compare(b.ratio, a.ratio) })
	top := ranked[0]
	min := MinBody(spec.Card.W)
	msg := fmt.Sprintf("its %s cards are too small for this deck: %s, even with body text at %s pt, the smallest cardgen sets; %q needs the most room: %s",
		cardSize(spec), count(len(small), len(d.Personas)), trimFloat(min), d.Personas[top.persona].ID, lack(top.err))
	hint := "use a layout with larger cards (tarot cards are 70 × 120 mm)"
	// The search composes the personas that need the most room first: the
	// card that holds them nearly always holds the others, which are
	// checked at the end.
	order := make([]int, len(ranked))
	for i, w := range ranked {
		order[i] = w.persona
	}
	if w, h, ok := smallestCard(geo, order, compose); ok {
		hint = fmt.Sprintf("the smallest card of these proportions that holds every card is %s × %s mm: give the layout a card at least that large (card: {width: %s, height: %s})",
			layout.MM(w), layout.MM(h), layout.MM(w), layout.MM(h))
	}
	return diag.Problem{File: layoutFile(spec), Msg: "layout " + spec.Name + ": " + msg, Hint: hint}
}

// lack says what a field that does not fit lacks, in words: "on its
// back, the conditions and impact: 61.0 mm of height needed at 7 pt,
// 43.0 mm available".
func lack(err error) string {
	var fe *face.FieldError
	var fit *textfit.FitError
	if !errors.As(err, &fe) || !errors.As(fe.Err, &fit) {
		return err.Error()
	}
	what := fmt.Sprintf("on its %s, the %s", fe.Side, fe.Field)
	var tl *textfit.TooLongError
	switch {
	case errors.As(fit, &tl):
		return fmt.Sprintf("%s: the word %q, %.1f mm wide at %s pt, on a line of %.1f mm", what, tl.Word, tl.Width, trimFloat(fit.Min), tl.Max)
	case fit.Reason != nil:
		return fmt.Sprintf("%s: %v at %s pt", what, fit.Reason, trimFloat(fit.Min))
	}
	return fmt.Sprintf("%s: %.1f mm of height needed at %s pt, %.1f mm available", what, fit.Need, trimFloat(fit.Min), max(fit.Have, 0))
}

// layoutFile is what a layout's problem names: its file.
func layoutFile(spec *layout.Spec) string {
	if spec.Source != "" {
		return spec.Source
	}
	return spec.Name
}

// count says how many personas do not fit.
func count(n, total int) string {
	switch {
	case total == 1:
		return "its only persona does not fit"
	case n == total:
		return fmt.Sprintf("none of its %d personas fits", total)
	}
	return fmt.Sprintf("%d of its %d personas do not fit", n, total)
}

func trimFloat(v float64) string { return strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0") }

// smallestCard finds the smallest card of geo's proportions, in whole
// millimetres, on which every persona of order composes, searching up to the
// largest card a layout may have. The first personas are the ones checked
// at every step; all of them are checked at the end.
func smallestCard(geo face.Geometry, order []int, compose composeFunc) (w, h float64, ok bool) {
	at := func(s float64) face.Geometry {
		return face.Geometry{W: math.Ceil(geo.W * s), H: math.Ceil(geo.H * s), Bleed: geo.Bleed, Safe: geo.Safe}
	}
	fits := func(g face.Geometry, personas []int) bool {
		for _, i := range personas {
			if compose(i, g) != nil {
				return false
			}
		}
		return true
	}
	probe := order[:min(len(order), 12)]
	limit := layout.MaxSize / max(geo.W, geo.H)
	lo, hi := 1.0, 1.25
	for !fits(at(hi), probe) {
		lo, hi = hi, hi*1.5
		if hi > limit {
			return 0, 0, false
		}
	}
	// lo fails, hi fits: halve the gap down to a millimetre on the longer side.
	for (hi-lo)*max(geo.W, geo.H) > 1 {
		mid := (lo + hi) / 2
		if fits(at(mid), probe) {
			hi = mid
		} else {
			lo = mid
		}
	}
	for step := 0; step < 20; step++ {
		g := at(hi)
		if fits(g, order) {
			return g.W, g.H, true
		}
		hi += 1 / max(geo.W, geo.H)
	}
	return 0, 0, false
}

// addFitProblems reports a card's composition errors, each at the place in
// the dataset where the field that failed is written: face says which field
// as a value (face.Field), mapped here to the dataset's field names.
func addFitProblems(d *deck.Deck, ps *deck.Persona, spec *layout.Spec, err error, problems *diag.List) {
	for _, e := range flatten(err) {
		var fe *face.FieldError
		if !errors.As(e, &fe) {
			problems.Add(diag.Problem{File: d.Source, Line: ps.Pos.Line, Card: ps.ID, Msg: e.Error()})
			continue
		}
		hint := "shorten the text, or use a layout with larger cards"
		var tl *textfit.TooLongError
		var fit *textfit.FitError
		switch {
		case errors.As(fe.Err, &tl):
			hint = "shorten the word, or write a hyphen where it may break"
		case !errors.As(fe.Err, &fit):
			hint = "" // not a matter of size: the message says what to do
		}
		p := diag.Problem{File: d.Source, Card: ps.ID, Field: fe.Field.String(), Hint: hint,
			Msg: fmt.Sprintf("on the %s of a %s card (layout %s): %v", fe.Side, cardSize(spec), spec.Name, fe.Err)}
		if hint == "" {
			// The same mistake on every layout: say it once, without one.
			p.Msg = fe.Err.Error()
		}
		var pos deck.Pos
		switch fe.Field.Part {
		case face.Name:
			pos = ps.Where("name")
		case face.Role:
			pos = ps.Where("role")
		case face.Country:
			// A name made from the code is reported at the code.
			if _, given := ps.Fields["country"]; given {
				pos = ps.Where("country")
			} else {
				pos, p.Field = ps.Where("country_code"), "country_code"
			}
		case face.Text:
			pos = ps.Where("text")
		case face.Condition:
			pos = ps.Where(fmt.Sprintf("conditions[%d]", fe.Field.Index))
		case face.Conditions, face.ConditionsAndImpact:
			pos = ps.Where("conditions")
		case face.Impact:
			pos = ps.Where("impact")
		case face.DeckTitle, face.CommonTitle:
			// The deck's title is set on every card: name the field where
			// it is written, once (Unique).
			pos, p.Card, p.Field = d.Fields["title"], "", "title"
			where := "in the footer"
			if fe.Field.Part == face.CommonTitle {
				where = "on the common back"
			}
			p.Msg = fmt.Sprintf("%s of a %s card (layout %s): %v", where, cardSize(spec), spec.Name, fe.Err)
		case face.CategoryLabel:
			// So is a category's label, on every card of the category.
			pos = ps.Pos
			if c := d.Category(ps.Category); c != nil {
				pos, p.Card, p.Field = c.Where("label"), "", "label"
				p.Msg = fmt.Sprintf("category %q, in the band of a %s card (layout %s): %v", c.ID, cardSize(spec), spec.Name, fe.Err)
			}
		default: // a heading or the card number: cardgen's own words
			pos = ps.Pos
		}
		pos.Fill(&p)
		switch {
		case tl != nil:
			p.Code = diag.CodeWordTooLong
		case fit != nil:
			p.Code = diag.CodeTooLong
		}
		problems.Add(p)
	}
}
