package app

import (
	"bytes"

	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/calibrate"
	"github.com/cardgen/cardgen/pkg/labels"
	"github.com/cardgen/cardgen/pkg/render/pdf"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
)

// CalibrateOptions is what calibration sheet to make.
type CalibrateOptions struct {
	Layout string // built-in name or layout file; "" for DefaultLayout
	// Lang is the language of the instructions; "" for the built-in
	// deck's. Any language the deck has an edition in.
	Lang  string
	Epoch string
	Print PrintOptions // the duplex edge and back offset to check
}

// Calibrate makes the two-page calibration sheet for a layout's paper and
// duplex edge.
func Calibrate(opts CalibrateOptions) (*Document, error) {
	if err := opts.Print.check(); err != nil {
		return nil, err
	}
	name := opts.Layout
	if name == "" {
		name = DefaultLayout
	}
	spec, err := LoadLayout(name)
	if err != nil {
		return nil, err
	}
	v := printVariant(spec, opts.Print)
	v.Faces, v.Ink = "", false // the sheet is the same either way
	if err := opts.Print.apply(spec); err != nil {
		return nil, err
	}
	date, err := build.Date(opts.Epoch)
	if err != nil {
		return nil, err
	}
	fam, err := typeface.Default()
	if err != nil {
		return nil, err
	}
	// The language of the instructions: one the built-in deck has.
	ed, _, err := Load(Dataset{Lang: opts.Lang})
	if err != nil {
		return nil, err
	}
	lang := ed.Language
	if !ed.Default {
		v.Lang = lang
	}
	front, back, err := calibrate.Sheet(spec, fam, lang, typo.For(lang))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	// The metadata in the language's typography, as the sheet prints it
	// ("Calibrage de l’imprimante").
	title := typo.For(lang)(labels.Printer(lang).Sprintf(labels.CalibrationTitle))
	pages := build.PaperPages(&front, &back)
	err = pdf.Write(&buf, pdf.Document{Pages: pages, Family: fam, Meta: pdf.Meta{
		Title: title, Subject: "cardgen calibration sheet, layout " + spec.Name, Creator: build.Creator, Lang: lang, Date: date,
	}})
	if err != nil {
		return nil, err
	}
	return &Document{Name: v.Name("calibrate", "", "", ".pdf"), Data: buf.Bytes(), Paper: spec.Paper, Pages: len(pages), Spec: spec}, nil
}
