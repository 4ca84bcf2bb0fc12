package app

import (
	"bytes"
	"fmt"

	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/choice"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/guide"
	"github.com/cardgen/cardgen/pkg/labels"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/render/pdf"
	"github.com/cardgen/cardgen/pkg/textfit"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
)

// Paper is the sheet of the facilitator's guide.
type Paper string

// The papers of the guide.
const (
	PaperA4     Paper = "A4"
	PaperLetter Paper = "Letter"
)

// Papers lists the papers of the guide.
var Papers = []Paper{PaperA4, PaperLetter}

// ParsePaper reads a paper name, in any case; "" is A4.
func ParsePaper(s string) (Paper, error) {
	if s == "" {
		return PaperA4, nil
	}
	return choice.Parse("paper", s, Papers...)
}

// Size is the paper's size in mm, portrait.
func (p Paper) Size() layout.Size {
	if p == PaperLetter {
		return layout.Size{W: 215.9, H: 279.4}
	}
	return layout.Size{W: 210, H: 297}
}

// GuideOptions is what facilitator's sheet to make.
type GuideOptions struct {
	Dataset
	Select deck.Selection
	Paper  Paper // "" for A4
	Epoch  string
}

// Document is a PDF an operation made: the guide, the calibration sheet.
type Document struct {
	Name     string // as it is named by default
	Data     []byte
	Paper    layout.Paper
	Cards    int // the personas it shows (the guide)
	Pages    int
	Spec     *layout.Spec // the layout it is for (the calibration sheet)
	Warnings diag.List
}

// Guide makes the facilitator's sheet: a world map of the personas and the
// list by category.
func Guide(opts GuideOptions) (*Document, error) {
	paper, err := ParsePaper(string(opts.Paper))
	if err != nil {
		return nil, fromChoice(OptPaper, err)
	}
	date, err := build.Date(opts.Epoch)
	if err != nil {
		return nil, err
	}
	fam, err := typeface.Default()
	if err != nil {
		return nil, err
	}
	ed, warnings, err := loadPartial(opts.Dataset)
	if err != nil {
		return nil, joinErrors(err, checkPartial(ed, nil, fam))
	}
	d, err := selectCards(ed.Deck, opts.Select)
	if err != nil {
		return nil, err
	}
	d = printable(d)
	typeset := typo.For(d.Language)
	// The same check as a build: every character must be in the font.
	if err := build.CheckCoverage(d, fam).Err(); err != nil {
		return nil, err
	}
	size := paper.Size()
	pages, err := guide.Pages(guide.Input{Deck: d, Paper: geom.R(0, 0, size.W, size.H), Typeset: typeset, Country: func(p *deck.Persona) string {
		return p.CountryName(d.Language)
	}, Workshop: workshopDeck(d)}, fam)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Source, err)
	}
	drawings := make([]*draw.Drawing, len(pages))
	for i := range pages {
		drawings[i] = &pages[i]
	}
	p := labels.Printer(d.Language)
	var buf bytes.Buffer
	err = pdf.Write(&buf, pdf.Document{Pages: build.PaperPages(drawings...), Family: fam, Meta: pdf.Meta{
		Title:   textfit.Plain(typeset(d.Title)) + " — " + typeset(p.Sprintf(labels.GuideTitle)),
		Author:  d.Author,
		Subject: typeset(p.Sprintf(labels.GuideTitle)),
		Creator: build.Creator, Lang: d.Language, Date: date,
	}})
	if err != nil {
		return nil, err
	}
	v := Variant{Layout: string(paper), Selection: SelectionLabel(opts.Select, ed.Deck), Sort: sortLabel(opts.Select)}
	if !ed.Default {
		v.Lang = d.Language
	}
	return &Document{Name: v.Name(d.Name, "guide", "", ".pdf"), Data: buf.Bytes(), Paper: layout.Paper{Name: string(paper), Size: size},
		Cards: len(d.Personas), Pages: len(pages), Warnings: warnings}, nil
}

// workshopDeck reports whether d is the built-in deck or a copy of it: the
// built-in deck's title in its language.
func workshopDeck(d *deck.Deck) bool {
	if d.Title == "" {
		return false
	}
	b, _, err := Load(Dataset{Lang: d.Language})
	return err == nil && b.Language == d.Language && b.Title == d.Title
}
