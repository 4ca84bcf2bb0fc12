package build

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/cardgen/cardgen/pkg/calibrate"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/labels"
	"github.com/cardgen/cardgen/pkg/render/pdf"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
)

// CalibrateOptions is what `cardgen calibrate` is asked to do.
type CalibrateOptions struct {
	Layout string // built-in name or spec path; "" for "a4"
	Out    string // a .pdf path or a directory; "" for "out"
	Lang   string // language of the instructions; "" for the default deck's
	Epoch  string
	Print  PrintOptions
}

// Calibrate writes the two-page calibration sheet for a layout's paper and
// duplex edge.
func Calibrate(opts CalibrateOptions) (Output, error) {
	name := opts.Layout
	if name == "" {
		name = "a4"
	}
	spec, err := LoadLayout(name)
	if err != nil {
		return Output{}, err
	}
	if err := opts.Print.apply(spec); err != nil {
		return Output{}, err
	}
	date, err := Date(opts.Epoch)
	if err != nil {
		return Output{}, err
	}
	fam, err := typeface.Default()
	if err != nil {
		return Output{}, err
	}
	lang := opts.Lang
	if lang == "" {
		d, err := LoadDeck("")
		if err != nil {
			return Output{}, err
		}
		lang = d.Language
	}
	front, back, err := calibrate.Sheet(spec, fam, lang, typo.For(lang))
	if err != nil {
		return Output{}, err
	}
	var buf bytes.Buffer
	title := labels.Printer(lang).Sprintf(labels.CalibrationTitle)
	pages := paperPages(&front, &back)
	err = pdf.Write(&buf, pdf.Document{Pages: pages, Family: fam, Meta: pdf.Meta{
		Title: title, Subject: "cardgen calibration sheet, layout " + spec.Name, Creator: Creator, Lang: lang, Date: date,
	}})
	if err != nil {
		return Output{}, err
	}
	path := outPath(opts.Out, fmt.Sprintf("calibrate-%s.pdf", deck.Slug(spec.Name)))
	if err := WriteFile(path, buf.Bytes()); err != nil {
		return Output{}, err
	}
	return Output{Path: path, Spec: spec, Pages: len(pages), Bytes: buf.Len()}, nil
}

// outPath is where a single-file command writes: out itself when it names a
// .pdf file, else the file name in the directory out ("out" when empty).
func outPath(out, name string) string {
	if out == "" {
		out = "out"
	}
	if strings.EqualFold(filepath.Ext(out), ".pdf") {
		return out
	}
	return filepath.Join(out, name)
}
