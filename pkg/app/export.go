package app

import (
	"bytes"
	"errors"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
)

// ExportAsRead is Export for a dataset that may have problems: the deck
// is written as far as it could be read, and its problems come back beside
// the file. A teacher who fixed some cards in the web page saves the
// working copy this way, with what remains to fix. A dataset that cannot
// be read at all is an error, as with Export.
func ExportAsRead(opts ExportOptions) ([]byte, *deck.Deck, diag.List, error) {
	data, d, err := Export(opts)
	var problems diag.List
	if err == nil || !errors.As(err, &problems) {
		return data, d, nil, err
	}
	to := opts.To
	if to == "" {
		to = "yaml"
	}
	to, _ = deck.ParseFormat(to) // Export has read it
	ds := opts.Dataset
	ds.NoTitle = false
	ed, _, loadErr := loadPartial(ds)
	if ed == nil {
		return nil, nil, nil, err
	}
	if !errors.As(loadErr, &problems) {
		return nil, nil, nil, err
	}
	var buf bytes.Buffer
	if err := deck.Export(&buf, ed.Deck, to); err != nil {
		return nil, nil, nil, err
	}
	return buf.Bytes(), ed.Deck, problems, nil
}
