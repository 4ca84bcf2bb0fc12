package app

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/edition"
	"github.com/cardgen/cardgen/pkg/labels"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// ValidateOptions is what to check.
type ValidateOptions struct {
	// Dataset is the deck; with no Lang, every edition found beside it is
	// checked too.
	Dataset
	Layouts []string // the layouts to fit the cards to; empty for DefaultLayout
}

// Report is what Validate found.
type Report struct {
	// Editions are the decks checked, the dataset's own language first;
	// nil in place of one that could not be read at all.
	Editions []*edition.Edition
	Layouts  []string  // the layouts checked
	Problems diag.List // every problem, sorted
	// Typesetting are those of the problems found when the cards were set
	// on the layouts (a character the font lacks, a text that does not
	// fit): a copy of the deck in any format has them too, where the rest
	// belong to the files themselves (a column of a spreadsheet, an edition
	// that lacks a card).
	Typesetting diag.List
	Warnings    diag.List // what is worth knowing but does not stop a build
}

// OK reports whether no problem was found.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// Summary says what was checked, in a sentence, when no problem was found.
func (r *Report) Summary() string {
	var decks []string
	for _, ed := range r.Editions {
		if ed == nil {
			continue
		}
		decks = append(decks, fmt.Sprintf("%s: %s, %s, language %s", ed.Source,
			count(len(ed.Personas), labels.Personas), count(len(ed.Categories), labels.Categories), ed.Language))
	}
	msg := strings.Join(decks, "; ") + ": no problem"
	if len(r.Layouts) > 0 {
		msg += fmt.Sprintf("; every card fits layout %s", strings.Join(r.Layouts, ", "))
	}
	return msg
}

// Validate runs every check a build runs, without rendering anything: the
// dataset (every edition, when no language is asked for), the layouts, the
// characters and the fitting of every card on every layout. The problems
// with the input are in the report, every one at once; the error says what
// is wrong with the options (an unknown layout, a language the deck lacks).
func Validate(opts ValidateOptions) (*Report, error) {
	return ValidateContext(context.Background(), opts)
}

// ValidateContext is Validate, stopping early with ctx's error once ctx is
// done: it looks between the editions and the layouts it checks.
func ValidateContext(ctx context.Context, opts ValidateOptions) (*Report, error) {
	names := opts.Layouts
	if len(names) == 0 {
		names = []string{DefaultLayout}
	}
	fam, err := typeface.Default()
	if err != nil {
		return nil, err
	}
	specs, layoutErr := loadLayouts(names)
	rep := &Report{}
	for _, s := range specs {
		rep.Layouts = append(rep.Layouts, s.Name)
	}
	var errs, setting []error
	set := func(err error) {
		errs = append(errs, err)
		setting = append(setting, err)
	}
	several := false // several editions: messages about a layout say which
	check := func(ed *edition.Edition, err error) {
		if ctx.Err() != nil {
			return
		}
		set := set
		if several && ed != nil {
			set = func(err error) { errs, setting = append(errs, inEdition(err, ed)), append(setting, inEdition(err, ed)) }
		}
		err = optionErrors(err)
		errs = append(errs, err)
		rep.Editions = append(rep.Editions, ed)
		if ed == nil {
			return
		}
		rep.Warnings = append(rep.Warnings, untitled(ed.Deck)...)
		if opts.NoTitle {
			ed.Title = ""
		}
		if err != nil {
			set(checkPartial(ed, specs, fam))
			return
		}
		set(checkDeck(ctx, printable(ed.Deck), specs, fam))
	}
	if opts.Lang != "" {
		ed, err := edition.Load(opts.source(), opts.Lang)
		check(ed, err)
	} else {
		all := edition.All(opts.source())
		several = len(all) > 1
		for _, r := range all {
			check(r.Edition, r.Err)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	errs = append(errs, layoutErr)
	// Problems with the input are the report's; the rest is the error.
	var other []error
	for _, e := range flatten(joinErrors(errs...)) {
		var l diag.List
		if errors.As(e, &l) {
			rep.Problems = append(rep.Problems, l...)
		} else {
			other = append(other, e)
		}
	}
	if len(rep.Problems) > 0 {
		rep.Problems = rep.Problems.Unique().Err().(diag.List)
		// "and 200 more problems, not shown" stays after the ones shown.
		slices.SortStableFunc(rep.Problems, func(a, b diag.Problem) int {
			return cmp.Compare(min(deck.NotShown(a), 1), min(deck.NotShown(b), 1))
		})
	}
	for _, e := range flatten(joinErrors(setting...)) {
		var l diag.List
		if errors.As(e, &l) {
			rep.Typesetting = append(rep.Typesetting, l...)
		}
	}
	rep.Typesetting = rep.Typesetting.Unique()
	rep.Warnings = rep.Warnings.Unique()
	return rep, errors.Join(other...)
}

// inEdition names the edition ed in err's problems that are not in ed's own
// file (a layout's cards too small for it, a picture), so that two editions'
// near-identical messages say which is which: "the English edition
// (personas.en.yaml): layout small: …".
func inEdition(err error, ed *edition.Edition) error {
	var out []error
	for _, e := range flatten(err) {
		var l diag.List
		if !errors.As(e, &l) {
			out = append(out, e)
			continue
		}
		l = slices.Clone(l)
		for i := range l {
			if l[i].File != ed.Source {
				l[i].Msg = EditionName(ed) + ": " + l[i].Msg
			}
		}
		out = append(out, l)
	}
	return errors.Join(out...)
}

// EditionName names an edition for messages: "the English edition
// (personas.en.yaml)".
func EditionName(ed *edition.Edition) string {
	lang := ed.Language
	if tag, err := language.Parse(ed.Language); err == nil {
		if name := display.English.Languages().Name(tag); name != "" {
			lang = name
		}
	}
	return fmt.Sprintf("the %s edition (%s)", lang, filepath.Base(ed.Source))
}

// flatten returns the leaves of a tree of joined errors.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// ExportOptions is what to export.
type ExportOptions struct {
	Dataset
	To string // the format to write: yaml, json, csv, md; "" for yaml
}

// Export returns the deck in the format To, and the deck.
func Export(opts ExportOptions) ([]byte, *deck.Deck, error) {
	to := opts.To
	if to == "" {
		to = "yaml"
	}
	to, err := deck.ParseFormat(to)
	if err != nil {
		var fe *deck.FormatError
		if errors.As(err, &fe) {
			return nil, nil, &OptionError{Option: OptExportFormat, Msg: "{export format}: " + fe.Msg, Whole: true, Err: err}
		}
		return nil, nil, err
	}
	ds := opts.Dataset
	ds.NoTitle = false // the title is written, as the original's export writes it
	ed, _, err := Load(ds)
	if err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	if err := deck.Export(&buf, ed.Deck, to); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), ed.Deck, nil
}

// ListOptions is which personas to list.
type ListOptions struct {
	Dataset
	Select deck.Selection
}

// Row is a persona as `cardgen list` shows it.
type Row struct {
	Number      int // its card's number in the whole deck
	ID, Name    string
	Role        string
	Country     string // as the card prints it: the dataset's name, or the code's
	CountryCode string
	Category    string // the category's id
}

// List returns the personas sel chooses, in its order, each with its
// card's number and its country as the card prints it.
func List(opts ListOptions) ([]Row, diag.List, error) {
	ed, warnings, err := Load(opts.Dataset)
	if err != nil {
		return nil, nil, err
	}
	d, err := selectCards(ed.Deck, opts.Select)
	if err != nil {
		return nil, nil, err
	}
	rows := make([]Row, len(d.Personas))
	for i := range d.Personas {
		p := &d.Personas[i]
		n, _ := d.Number(i)
		rows[i] = Row{Number: n, ID: p.ID, Name: p.Name, Role: p.Role, Country: p.CountryName(d.Language),
			CountryCode: p.CountryCode, Category: p.Category}
	}
	return rows, warnings, nil
}
