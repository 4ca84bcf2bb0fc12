package build

import (
	"bytes"
	"fmt"
	"strings"

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

// GuideOptions is what `cardgen guide` is asked to do.
type GuideOptions struct {
	Data, Format, Lang string
	Select             deck.Selection
	Paper              string // "A4" (default) or "Letter"
	Out                string // a .pdf path or a directory; "" for "out"
	Epoch              string
}

// Guide writes the facilitator's sheet.
func Guide(opts GuideOptions) (Output, error) {
	var paper layout.Size
	switch strings.ToLower(opts.Paper) {
	case "", "a4":
		paper = layout.Size{W: 210, H: 297}
	case "letter":
		paper = layout.Size{W: 215.9, H: 279.4}
	default:
		return Output{}, &UsageError{fmt.Sprintf("--paper %q: use A4 or Letter", opts.Paper)}
	}
	date, err := Date(opts.Epoch)
	if err != nil {
		return Output{}, err
	}
	fam, err := typeface.Default()
	if err != nil {
		return Output{}, err
	}
	ed, err := LoadEdition(opts.Data, opts.Format, opts.Lang)
	if err != nil {
		return Output{}, err
	}
	d, err := deck.Select(ed.Deck, opts.Select)
	if err != nil {
		return Output{}, err
	}
	typeset := typo.For(d.Language)
	// The same check as a build: every character must be in the font.
	var problems diag.List
	checkCoverage(d, fam, typeset, &problems)
	if err := problems.Err(); err != nil {
		return Output{}, err
	}
	rect := geom.R(0, 0, paper.W, paper.H)
	pages, err := guide.Pages(guide.Input{Deck: d, Paper: rect, Typeset: typeset, Country: func(p *deck.Persona) string {
		if p.Country != "" {
			return p.Country
		}
		return countryName(p.CountryCode, d.Language)
	}}, fam)
	if err != nil {
		return Output{}, fmt.Errorf("%s: %w", d.Source, err)
	}
	drawings := make([]*draw.Drawing, len(pages))
	for i := range pages {
		drawings[i] = &pages[i]
	}
	p := labels.Printer(d.Language)
	var buf bytes.Buffer
	err = pdf.Write(&buf, pdf.Document{Pages: paperPages(drawings...), Family: fam, Meta: pdf.Meta{
		Title:   textfit.Plain(typeset(d.Title)) + " — " + typeset(p.Sprintf(labels.GuideTitle)),
		Author:  d.Author,
		Subject: typeset(p.Sprintf(labels.GuideTitle)),
		Creator: Creator, Lang: d.Language, Date: date,
	}})
	if err != nil {
		return Output{}, err
	}
	suffix := ""
	if !ed.Default {
		suffix = "-" + d.Language
	}
	path := outPath(opts.Out, fmt.Sprintf("%s-guide%s.pdf", d.Name, suffix))
	if err := WriteFile(path, buf.Bytes()); err != nil {
		return Output{}, err
	}
	return Output{Path: path, Cards: len(d.Personas), Pages: len(pages), Bytes: buf.Len(),
		Spec: &layout.Spec{Paper: layout.Paper{Name: map[bool]string{true: "A4", false: "Letter"}[paper.W == 210], Size: paper}}}, nil
}
