package app

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/layout"
)

// File names. Every option that changes what is printed shows in the
// default name of what it makes, in this fixed order, so that no variant
// overwrites another (README, "Output file names"):
//
//	<deck>[-<kind>]-<layout>[-<lang>][-<duplex>][-<faces>][-offset][-ink][-bleed][-<dpi>dpi][-<selection>][-by-<sort>][-<part>].<ext>
//
// personas-a4.pdf, personas-a4-en-short-ink.pdf, personas-a4-backs.pdf,
// personas-guide-letter-en.pdf, calibrate-a4-en.pdf,
// personas-tarot-koffi-front.png, personas-tts-tarot-faces-1.png.

// Variant is how a file differs from the default one of its kind: the
// parts of its name after the deck's name and its kind.
type Variant struct {
	// Layout names the layout: a built-in's name or the stem of the
	// user's file (layout.Spec.FileLabel); the paper for the guide.
	Layout string
	Lang   string        // the edition's language, when not the dataset's own
	Duplex layout.Duplex // a duplex edge asked for, other than the layout's
	Faces  layout.Faces  // fronts or backs only
	Offset bool          // a back offset asked for, other than the layout's
	Ink    bool          // ink saver asked for, on a layout without it
	Bleed  bool          // pictures that show the bleed
	DPI    int           // pictures at a resolution other than the default
	// Selection names the cards chosen: their ids when few, else
	// "selection" (SelectionLabel).
	Selection string
	Sort      deck.Sort // an order other than the default
}

// Parts returns the parts of the name v gives, in the fixed order.
func (v Variant) Parts() []string {
	var out []string
	add := func(ok bool, s string) {
		if ok && s != "" {
			out = append(out, s)
		}
	}
	add(true, deck.Slug(v.Layout))
	add(true, v.Lang)
	add(true, string(v.Duplex))
	add(v.Faces.One(), string(v.Faces))
	add(v.Offset, "offset")
	add(v.Ink, "ink")
	add(v.Bleed, "bleed")
	add(v.DPI > 0, fmt.Sprintf("%ddpi", v.DPI))
	add(true, v.Selection)
	add(v.Sort != deck.SortDefault, "by-"+string(v.Sort))
	return out
}

// Name is the file name of what a deck named deckName makes: kind ("" for a
// deck's PDF, "guide", "sheet", "tts"), then v's parts, then part (a card
// and side, a sheet's number; "" for none), then ext (".pdf").
func (v Variant) Name(deckName, kind, part, ext string) string {
	parts := []string{deckName}
	if kind != "" {
		parts = append(parts, kind)
	}
	parts = append(parts, v.Parts()...)
	if part != "" {
		parts = append(parts, part)
	}
	return strings.Join(parts, "-") + ext
}

// Most ids, categories or tags a name lists before it says "selection".
const (
	maxNamedCards = 3
	maxNamedSets  = 2
)

// SelectionLabel names the cards sel chooses from d in file names: the ids
// --only gives when they are few (in their order), the categories or the
// tags when they alone choose and are few, else "selection"; "" when sel
// chooses every card.
func SelectionLabel(sel deck.Selection, d *deck.Deck) string {
	only, cats, tags, excl := nonBlank(sel.Only), nonBlank(sel.Categories), nonBlank(sel.Tags), nonBlank(sel.Exclude)
	kinds := 0
	for _, l := range [][]string{only, cats, tags, excl} {
		if len(l) > 0 {
			kinds++
		}
	}
	switch {
	case kinds == 0:
		return ""
	case kinds > 1:
		return "selection"
	case len(only) > 0 && len(unique(only)) <= maxNamedCards:
		return strings.Join(unique(only), "-")
	case len(cats) > 0 && len(cats) <= maxNamedSets:
		var ids []string
		for _, c := range cats {
			if found := d.FindCategory(c); found != nil {
				ids = append(ids, found.ID)
			} else {
				ids = append(ids, deck.Slug(c))
			}
		}
		return strings.Join(unique(ids), "-")
	case len(tags) > 0 && len(tags) <= maxNamedSets:
		var slugs []string
		for _, t := range tags {
			slugs = append(slugs, deck.Slug(t))
		}
		return strings.Join(unique(slugs), "-")
	}
	return "selection"
}

// sortLabel is the order a name shows: none for the default, nor for the
// deck's order when it is the default.
func sortLabel(sel deck.Selection) deck.Sort {
	if sel.Sort == deck.SortDeck && sel.Only == nil {
		return deck.SortDefault
	}
	return sel.Sort
}

func nonBlank(values []string) []string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func unique(values []string) []string {
	var out []string
	for _, v := range values {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// printVariant is what the print options asked for change on spec, whose
// own values they are compared with (before they are applied).
func printVariant(spec *layout.Spec, p PrintOptions) Variant {
	v := Variant{Layout: spec.FileLabel(), Faces: p.Faces}
	if p.Duplex != "" && p.Duplex != spec.Duplex {
		v.Duplex = p.Duplex
	}
	if p.BackOffset != nil && *p.BackOffset != spec.BackOffset {
		v.Offset = true
	}
	v.Ink = p.InkSaver && !spec.InkSaver
	return v
}
