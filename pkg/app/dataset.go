package app

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"golang.org/x/text/language"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/edition"
)

// Dataset is the deck an operation reads.
type Dataset struct {
	// Path is the dataset file as the user names it (messages name it so);
	// "" for the built-in deck. Its editions and pictures are files beside it.
	Path string
	// Data is the file's bytes when the caller has them already (an
	// upload, with Path naming it); nil to read Path.
	Data []byte
	// Format is the dataset's format; "" to go by Path's extension.
	Format string
	// Lang chooses an edition (fr, en, en-GB…); "" for the dataset's own
	// language.
	Lang string
	// Edition, when not "", says that the dataset is itself a copy of the
	// deck's edition in that language (the web page's working copy of the
	// English edition): output names carry its language, as --lang en's do.
	Edition string
	// NoTitle says that the dataset is a working copy of a deck that gives
	// no title of its own (TitleGiven; the web page's copy of a
	// spreadsheet, whose title is the file's name): its cards show none,
	// as the original's do. Export keeps the title, as it does for the
	// original.
	NoTitle bool
	// FS, when not nil, is the dataset's folder instead of the file system
	// (a web server's upload): Path is then the dataset's slash-separated
	// path in it, as the user named the file, and its editions and
	// pictures are read from FS, and nothing outside it.
	FS fs.FS
}

func (ds Dataset) source() edition.Source {
	return edition.Source{Path: ds.Path, Data: ds.Data, Format: ds.Format, FS: ds.FS}
}

// Load reads the dataset in the edition asked for, every problem at once.
// Warnings (a deck without a title) come back beside it.
func Load(ds Dataset) (*edition.Edition, diag.List, error) {
	ed, warnings, err := loadPartial(ds)
	if err != nil {
		return nil, nil, err
	}
	return ed, warnings, nil
}

// loadPartial is Load, but returns with the problems the deck as far as it
// could be read (nil when it could not), for the checks that can still run.
func loadPartial(ds Dataset) (*edition.Edition, diag.List, error) {
	ed, err := edition.Load(ds.source(), ds.Lang)
	err = optionErrors(err)
	if ed == nil {
		return nil, nil, err
	}
	if ds.Edition != "" && ed.Default {
		ed.Default = false
	}
	if ds.NoTitle {
		ed.Title = ""
	}
	return ed, untitled(ed.Deck), err
}

// Languages lists the editions of the dataset: its own language first.
func Languages(ds Dataset) []string { return edition.Languages(ds.source()) }

// untitled warns about a deck that gives no title (a spreadsheet or a
// Markdown file may leave it out): rather than print the file's name on
// every card, which nobody chose, the cards get none (printable), and the
// warning says how to give one.
func untitled(d *deck.Deck) diag.List {
	if !noTitle(d) {
		return nil
	}
	return diag.List{{File: d.Source, Field: "title", Msg: "the deck has no title: its cards show none", Hint: titleHint(d)}}
}

// titleHint says how to give d a title, as its file writes a row: with the
// file's separator, in the deck's language ("titre;Mon titre", or
// "titre,Mon titre" in a CSV file LibreOffice saved with commas;
// "title,My title" for an English deck).
func titleHint(d *deck.Deck) string {
	key, title, sheet := "titre", "Mon titre", "jeu"
	if base, _ := language.Make(d.Language).Base(); base.String() != "fr" {
		key, title, sheet = "title", "My title", "deck"
	}
	switch d.Format {
	case "md":
		return "give it one: a first line # " + title
	case "xlsx", "ods":
		return fmt.Sprintf("give it one: a first row with %s in cell A1 and %s in B1, above the header row (or that row in a sheet named %s)", key, title, sheet)
	}
	sep := d.Separator()
	if sep == 0 {
		sep = ';'
	}
	return fmt.Sprintf("give it one: a first row %s%c%s above the header row", key, sep, title)
}

// TitleGiven reports whether d gives a title of its own. A spreadsheet or
// a Markdown file may give none; its cards then show none (and the readers
// take the file's name for Title, which names nothing printed).
func TitleGiven(d *deck.Deck) bool { return !noTitle(d) }

// noTitle reports whether d gives no title of its own: the readers of
// spreadsheets and Markdown then take the file's name. (YAML and JSON
// require one.)
func noTitle(d *deck.Deck) bool {
	_, given := d.Fields["title"]
	return !given && d.Format != "" && d.Format != "yaml" && d.Format != "json"
}

// printable returns d as its cards show it: without the file's name for a
// title when it gives none.
func printable(d *deck.Deck) *deck.Deck {
	if !noTitle(d) {
		return d
	}
	out := *d
	out.Title = ""
	return &out
}

// selectCards returns the cards sel chooses, every problem with sel at once.
func selectCards(d *deck.Deck, sel deck.Selection) (*deck.Deck, error) {
	out, err := deck.Select(d, sel)
	if errors.Is(err, deck.ErrEmptySelection) {
		var parts []string
		for _, p := range []struct {
			opt    Option
			values []string
		}{{OptOnly, sel.Only}, {OptCategory, sel.Categories}, {OptTag, sel.Tags}, {OptExclude, sel.Exclude}} {
			if len(p.values) > 0 {
				parts = append(parts, "{"+string(p.opt)+"} "+strings.Join(p.values, ","))
			}
		}
		return nil, &OptionError{Option: OptOnly, Whole: true, Err: err,
			Msg: "the selection leaves no persona (" + strings.Join(parts, "; ") + "); {cardgen list} shows the cards, with their categories"}
	}
	return out, optionErrors(err)
}

// joinErrors returns one error; when it is a single error it keeps its type,
// so that callers can still tell an unknown layout from a bad file. The
// problems of several diag.Lists become one, sorted, each once.
func joinErrors(errs ...error) error {
	var kept []error
	for _, e := range errs {
		if e != nil {
			kept = append(kept, e)
		}
	}
	if len(kept) <= 1 {
		if len(kept) == 1 {
			return kept[0]
		}
		return nil
	}
	var all diag.List
	var other []error
	for _, e := range kept {
		var l diag.List
		if errors.As(e, &l) {
			all = append(all, l...)
		} else {
			other = append(other, e)
		}
	}
	unique := all.Unique()
	if len(other) > 0 {
		if len(unique) > 0 {
			other = append(other, unique.Err())
		}
		return errors.Join(other...)
	}
	return unique.Err()
}
