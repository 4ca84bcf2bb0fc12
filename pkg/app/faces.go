package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/labels"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/render/png"
	"github.com/cardgen/cardgen/pkg/render/svg"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// FacesOptions is which cards to draw, both faces of each, for a live
// preview.
type FacesOptions struct {
	Dataset
	Layout string // whose card size and design; "" for PreviewLayout
	// Only names the cards to draw by their personas' ids (an unknown id is
	// an *OptionError about OptOnly); nil for every card of the deck.
	Only   []string
	Format PictureFormat // "" for PNG
	DPI    int           // PNG resolution; 0 for png.DefaultDPI
	// EmbedFonts puts the fonts (subsets) in each SVG; otherwise an SVG
	// names the typeface (Lato) and the page that shows it provides it.
	EmbedFonts bool
	// Number and Total, when Total is not 0, say that the dataset is an
	// excerpt of a larger deck: its cards are numbered from Number (1 for
	// the deck's first card) out of Total. A web page that redraws one card
	// as a teacher types sends that card alone, numbered so, and the refit
	// takes the same time in a deck of twenty cards or of a thousand.
	Number, Total int
}

// CardFaces is one card drawn for a preview.
type CardFaces struct {
	ID   string
	Name string
	// Number and Total are the card's place in the whole deck (card 7 of
	// 20), whatever cards were asked for.
	Number, Total int
	// Front and Back are the pictures of its faces, cut at the trim; both
	// nil when the card cannot be drawn, which its problems say why.
	Front, Back []byte
	// Problems are the card's own problems (ProblemCard: by its id, and
	// by place when personas share an id), on this layout: a card with
	// problems may still be drawn (a field the deck needs is empty), or
	// not (its text does not fit).
	Problems diag.List
}

// FaceSet is what Faces drew.
type FaceSet struct {
	Cards []CardFaces // in the order of the deck
	// Problems are every problem found, sorted: the dataset's own (of
	// every card) and the fitting of the cards drawn on the layout.
	Problems diag.List
	Warnings diag.List
}

// Faces draws both faces of the cards asked for, for a preview that
// follows a teacher's edits: only those cards are composed, each numbered
// as in the whole deck, so that redrawing one card of a deck of a thousand
// takes the time of one. Unlike Build, Faces draws what it can: a deck
// with problems still gives the pictures of the cards that can be drawn
// (a picture that cannot be read is left out of its card), and each card
// carries its own problems. A dataset that cannot be read at all is an
// error (its problems, a diag.List), as are unknown cards and options.
//
// Faces stops early, with ctx's error, once ctx is done.
func Faces(ctx context.Context, opts FacesOptions) (*FaceSet, error) {
	pics := PreviewOptions{Format: opts.Format, DPI: opts.DPI, EmbedFonts: opts.EmbedFonts}
	if err := pics.check(); err != nil {
		return nil, err
	}
	name := opts.Layout
	if name == "" {
		name = PreviewLayout
	}
	spec, err := LoadLayout(name)
	if err != nil {
		return nil, err
	}
	fam, err := typeface.Default()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ed, warnings, loadErr := loadPartial(opts.Dataset)
	if ed == nil {
		return nil, loadErr
	}
	var problems diag.List
	if loadErr != nil {
		if !errors.As(loadErr, &problems) {
			return nil, loadErr
		}
	}
	if opts.Total != 0 {
		if err := excerpt(ed.Deck, opts.Number, opts.Total); err != nil {
			return nil, err
		}
	}
	var sel deck.Selection
	if opts.Only != nil {
		sel.Only = opts.Only
	}
	chosen, err := selectCards(ed.Deck, sel)
	if err != nil {
		return nil, err
	}
	chosen = printable(chosen)
	// What a deck with problems can still show: a card whose category is
	// unknown has no colour nor label, one whose picture cannot be read is
	// drawn without it. Cards are told apart by their place, not their
	// ids, which two may share (a problem of the deck).
	badImage := map[int]bool{}
	for _, p := range problems {
		if p.Field == "image" {
			if i := ProblemCard(chosen, p); i >= 0 {
				badImage[i] = true
			}
		}
	}
	drawable := keepCards(chosen, func(i int) bool { return chosen.Category(chosen.Personas[i].Category) != nil })
	for i, j := 0, 0; i < len(chosen.Personas); i++ {
		if chosen.Category(chosen.Personas[i].Category) == nil {
			continue
		}
		if badImage[i] {
			drawable.Personas[j].Image = ""
		}
		j++
	}
	composed, fitProblems, err := composeWhatCan(ctx, drawable, spec, fam, loadErr != nil)
	if err != nil {
		return nil, err
	}
	problems = append(problems, fitProblems...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	set := &FaceSet{Cards: make([]CardFaces, len(chosen.Personas)), Warnings: warnings}
	if l, ok := problems.Unique().Err().(diag.List); ok {
		set.Problems = l
	}
	byCard, _ := cardsOf(chosen, set.Problems)
	for i, p := range chosen.Personas {
		n, total := chosen.Number(i)
		set.Cards[i] = CardFaces{ID: p.ID, Name: p.Name, Number: n, Total: total, Problems: byCard[i]}
	}
	// Draw the faces composed, on every core, each into its own slot.
	type job struct{ card, side int }
	var jobs []job
	for i := range chosen.Personas {
		if n, _ := chosen.Number(i); composed[n] != nil {
			jobs = append(jobs, job{i, 0}, job{i, 1})
		}
	}
	out := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	build.EachParallel(len(jobs), func(k int) {
		if errs[k] = ctx.Err(); errs[k] != nil {
			return
		}
		n, _ := chosen.Number(jobs[k].card)
		c := composed[n]
		out[k], errs[k] = picture(&c.faces[jobs[k].side], c.images, fam, pics)
	}, func(k int) string { return "drawing persona " + chosen.Personas[jobs[k].card].ID })
	for k, j := range jobs {
		if errs[k] != nil {
			return nil, errs[k]
		}
		if j.side == 0 {
			set.Cards[j.card].Front = out[k]
		} else {
			set.Cards[j.card].Back = out[k]
		}
	}
	return set, nil
}

// excerpt numbers the cards of d from number, out of total.
func excerpt(d *deck.Deck, number, total int) error {
	if number < 1 || total > deck.MaxPersonas || number+len(d.Personas)-1 > total {
		return conflict(OptCard, fmt.Sprintf("%s cannot be numbered from %d out of %d", count(len(d.Personas), labels.Cards), number, total))
	}
	d.Total = total
	for i := range d.Personas {
		d.Personas[i].Number = number + i
	}
	return nil
}

// composedCard is one card's two faces and the pictures they show.
type composedCard struct {
	faces  [2]draw.Drawing
	images map[string]draw.Image
}

// composeWhatCan composes every card of d that can be composed, by its
// number in the whole deck (Deck.Number: ids may be shared), and returns
// the problems of those that cannot. The whole deck is
// composed at once (in parallel) when it can be; when cards do not fit,
// the others are composed again without them, keeping their numbers; and
// when a problem does not belong to one card (the deck's title, a
// category's label) or a deck with problems (partial) defeats composition
// itself, each card is composed on its own, so that every card that can
// be drawn is.
func composeWhatCan(ctx context.Context, d *deck.Deck, spec *layout.Spec, fam *typeface.Family, partial bool) (map[int]*composedCard, diag.List, error) {
	out := map[int]*composedCard{}
	if len(d.Personas) == 0 {
		return out, nil, nil
	}
	keep := func(cards *build.Cards) {
		for i := range cards.Deck.Personas {
			n, _ := cards.Deck.Number(i)
			out[n] = &composedCard{faces: cards.Faces[i], images: cards.Images}
		}
	}
	cards, err := tryCompose(d, spec, fam)
	if err == nil {
		keep(cards)
		return out, nil, nil
	}
	var problems diag.List
	if errors.As(err, &problems) {
		cardsOnly := true
		bad := map[int]bool{}
		for _, p := range problems {
			if i := ProblemCard(d, p); p.Card == "" || i < 0 {
				cardsOnly = false
			} else {
				bad[i] = true
			}
		}
		if cardsOnly && len(bad) < len(d.Personas) {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
			rest := keepCards(d, func(i int) bool { return !bad[i] })
			if cards, err := tryCompose(rest, spec, fam); err == nil {
				keep(cards)
				return out, problems, nil
			}
		}
	} else if !errors.Is(err, errComposePanic) || !partial {
		return nil, nil, err
	}
	// One card at a time.
	single := make([]*build.Cards, len(d.Personas))
	singleErrs := make([]error, len(d.Personas))
	build.EachParallel(len(d.Personas), func(i int) {
		if singleErrs[i] = ctx.Err(); singleErrs[i] != nil {
			return
		}
		one := keepCards(d, func(j int) bool { return j == i })
		single[i], singleErrs[i] = tryCompose(one, spec, fam)
	}, func(i int) string { return "composing persona " + d.Personas[i].ID })
	problems = nil
	for i := range d.Personas {
		var l diag.List
		switch err := singleErrs[i]; {
		case err == nil:
			keep(single[i])
		case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
			return nil, nil, err
		case errors.As(err, &l):
			problems = append(problems, l...)
		case !errors.Is(err, errComposePanic):
			return nil, nil, err
		}
	}
	return out, problems.Unique(), nil
}

// errComposePanic says composition failed on a deck with problems in a
// way it cannot report (the deck must not be printed anyway).
var errComposePanic = errors.New("the card cannot be composed")

// tryCompose is build.Compose, with a panic (which a deck with problems
// may cause, and only such a deck) turned into errComposePanic.
func tryCompose(d *deck.Deck, spec *layout.Spec, fam *typeface.Family) (cards *build.Cards, err error) {
	defer func() {
		if v := recover(); v != nil {
			cards, err = nil, fmt.Errorf("%w: %v", errComposePanic, v)
		}
	}()
	return build.Compose(d, spec, fam)
}

// picture draws one face, cut at the trim, as opts say.
func picture(d *draw.Drawing, images map[string]draw.Image, fam *typeface.Family, opts PreviewOptions) ([]byte, error) {
	var buf bytes.Buffer
	page := draw.Single(d, false)
	if opts.Format == SVG {
		err := svg.Page(&buf, page, svg.Options{Family: fam, Images: images, EmbedFonts: opts.EmbedFonts})
		return buf.Bytes(), err
	}
	img, err := png.New(fam, images).Page(page, float64(opts.DPI))
	if err == nil {
		err = png.Encode(&buf, img, float64(opts.DPI))
	}
	return buf.Bytes(), err
}
