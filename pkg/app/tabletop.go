package app

import (
	"bytes"
	"fmt"

	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/render/png"
	"github.com/cardgen/cardgen/pkg/tabletop"
	"github.com/cardgen/cardgen/pkg/textfit"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
)

// TabletopDPI is the most a Tabletop Simulator deck is drawn at: sharp when
// a card is held up close, and a 20-card tarot deck still fits one sheet.
const TabletopDPI = 200

// TabletopOptions is what deck to make for Tabletop Simulator.
type TabletopOptions struct {
	Dataset
	Select deck.Selection
	Layout string // whose card size and design; "" for PreviewLayout
	DPI    int    // the most to draw at; 0 for TabletopDPI
}

// TabletopResult is what Tabletop made.
type TabletopResult struct {
	Pictures            // the pictures, then the instructions
	Instructions string // the name of the instructions file
	Plan         tabletop.Plan
}

// Tabletop makes a deck for Tabletop Simulator: deck sheets of the fronts
// (at most 10 × 7 cards, 4096 pixels a side, the last slot showing the
// deck's title for cards hidden in a hand), the backs (a sheet of them, the
// same grid, when every card has its own; one picture when they share a
// design), and a text file saying how to import them.
func Tabletop(opts TabletopOptions) (*TabletopResult, error) {
	dpi := opts.DPI
	if dpi == 0 {
		dpi = TabletopDPI
	}
	if dpi < MinDPI || dpi > MaxDPI {
		return nil, invalid(OptDPI, fmt.Sprint(dpi), fmt.Sprintf("choose between %d and %d", MinDPI, MaxDPI))
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
	ed, warnings, err := loadPartial(opts.Dataset)
	if err != nil {
		return nil, joinErrors(err, checkPartial(ed, []*layout.Spec{spec}, fam))
	}
	d, err := selectCards(ed.Deck, opts.Select)
	if err != nil {
		return nil, err
	}
	d = printable(d)
	cards, err := build.Compose(d, spec, fam)
	if err != nil {
		return nil, err
	}
	// The hidden card: the common back, the deck's title in a frame.
	hidden := cards.Faces[0][1]
	common := spec.Backs == layout.BacksCommon
	if !common {
		one := *d
		one.Personas = d.Personas[:1]
		s := *spec
		s.Backs = layout.BacksCommon
		c, err := build.Compose(&one, &s, fam)
		if err != nil {
			return nil, err
		}
		hidden = c.Faces[0][1]
	}
	order := build.CardOrder(d)
	plan, err := tabletop.Layout(len(order), spec.Card.W, spec.Card.H, float64(dpi))
	if err != nil {
		return nil, err
	}

	v := Variant{Layout: spec.FileLabel(), Selection: SelectionLabel(opts.Select, ed.Deck), Sort: sortLabel(opts.Select)}
	if !ed.Default {
		v.Lang = d.Language
	}
	if dpi != TabletopDPI {
		v.DPI = dpi
	}
	type picture struct {
		name string
		page draw.Page
	}
	var pictures []picture
	var names []tabletop.Files
	sheet := func(s tabletop.Sheet, side int) draw.Page {
		page := draw.Page{W: float64(s.Columns) * spec.Card.W, H: float64(s.Rows) * spec.Card.H}
		place := func(col, row int, dr *draw.Drawing) {
			at := geom.R(float64(col)*spec.Card.W, float64(row)*spec.Card.H, spec.Card.W, spec.Card.H)
			page.Faces = append(page.Faces, draw.Placed{Drawing: dr, At: at, Clip: true})
		}
		for i := range s.Count {
			col, row := s.Slot(i)
			place(col, row, &cards.Faces[order[s.First+i]][side])
		}
		col, row := s.Hidden()
		place(col, row, &hidden)
		return page
	}
	for i, s := range plan.Sheets {
		f := tabletop.Files{Faces: v.Name(d.Name, "tts", fmt.Sprintf("faces-%d", i+1), ".png")}
		pictures = append(pictures, picture{f.Faces, sheet(s, 0)})
		if !common {
			f.Backs = v.Name(d.Name, "tts", fmt.Sprintf("backs-%d", i+1), ".png")
			pictures = append(pictures, picture{f.Backs, sheet(s, 1)})
		}
		names = append(names, f)
	}
	back := ""
	if common {
		back = v.Name(d.Name, "tts", "back", ".png")
		pictures = append(pictures, picture{back, draw.Single(&cards.Faces[0][1], false)})
	}

	raster := png.New(fam, cards.Images)
	results := make([][]byte, len(pictures))
	errs := make([]error, len(pictures))
	build.EachParallel(len(pictures), func(i int) {
		img, err := raster.Page(pictures[i].page, plan.DPI)
		var buf bytes.Buffer
		if err == nil {
			err = png.Encode(&buf, img, plan.DPI)
		}
		results[i], errs[i] = buf.Bytes(), err
	}, func(i int) string { return "drawing " + pictures[i].name })

	res := &TabletopResult{Plan: plan}
	res.Warnings = warnings
	for i, p := range pictures {
		if errs[i] != nil {
			return nil, fmt.Errorf("%s: %w", p.name, errs[i])
		}
		res.Files = append(res.Files, File{Name: p.name, Data: results[i]})
	}
	// The instructions name the pictures as they sit beside them.
	res.Instructions = v.Name(d.Name, "tts", "", ".txt")
	txt := tabletop.Instructions(textfit.Plain(typo.For(d.Language)(d.Title)), plan, names, back)
	res.Files = append(res.Files, File{Name: res.Instructions, Data: []byte(txt)})
	return res, nil
}
