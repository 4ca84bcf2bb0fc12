package build

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
)

// ValidateOptions is what `cardgen validate` is asked to check.
type ValidateOptions struct {
	Data, Format, Lang string
	Layouts            []string // empty for "a4"
}

// Validate runs every check a build runs, without rendering or writing
// anything, and says what it checked.
func Validate(opts ValidateOptions) (string, error) {
	names := opts.Layouts
	if len(names) == 0 {
		names = []string{"a4"}
	}
	fam, err := typeface.Default()
	if err != nil {
		return "", err
	}
	ed, deckErr := LoadEdition(opts.Data, opts.Format, opts.Lang)
	specs, layoutErr := loadLayouts(dedupe(names))
	if deckErr != nil {
		return "", joinErrors(slices.DeleteFunc([]error{deckErr, layoutErr}, func(e error) bool { return e == nil }))
	}
	var errs []error
	var checked []string
	for _, spec := range specs {
		if _, err := Compose(ed.Deck, spec, fam); err != nil {
			errs = append(errs, err)
		}
		checked = append(checked, spec.Name)
	}
	if len(specs) == 0 {
		var problems diag.List
		checkCoverage(ed.Deck, fam, typo.For(ed.Deck.Language), &problems)
		if err := problems.Err(); err != nil {
			errs = append(errs, err)
		}
	}
	if layoutErr != nil {
		errs = append(errs, layoutErr)
	}
	if len(errs) > 0 {
		return "", joinErrors(errs)
	}
	d := ed.Deck
	return fmt.Sprintf("%s: %d personas, %d categories, language %s: no problem; every card fits layout %s",
		d.Source, len(d.Personas), len(d.Categories), d.Language, strings.Join(checked, ", ")), nil
}

// ExportOptions is what `cardgen export` is asked to do.
type ExportOptions struct {
	Data, Format, Lang string
	To                 string // "yaml", "json", "csv" or "md"
}

// Export returns the deck in another format.
func Export(opts ExportOptions) ([]byte, *deck.Deck, error) {
	ed, err := LoadEdition(opts.Data, opts.Format, opts.Lang)
	if err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	if err := deck.Export(&buf, ed.Deck, opts.To); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), ed.Deck, nil
}
