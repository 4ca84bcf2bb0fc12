package web

import (
	"context"
	"encoding/json"

	"github.com/cardgen/cardgen/pkg/diag"
)

// Backend is everything the web server asks of cardgen: typed options in,
// files, decks and problems out. The server maps requests to these calls and
// their results and errors to HTTP in one place (errors.go); it never reads
// a dataset or draws a card itself.
//
// Errors: a diag.List is problems with the input (422, each with its place);
// a *RequestError is a request that cannot be carried out as asked (400);
// any other error is taken as a problem with the input, as the command
// line does (exit code 1).
//
// Calls may take long; the server runs them under a time limit, and at most
// a few at once. ctx is cancelled when the client goes away or the time
// limit passes; the backend then stops its work (AppBackend passes ctx to
// the app layer, which looks between cards, layouts and stages).
type Backend interface {
	// Info says what the backend reads and writes.
	Info() Info
	// Layouts lists the built-in layouts, in the order to show them.
	Layouts() ([]Layout, error)
	// Deck returns the built-in deck in the edition closest to lang ("" for
	// its own language).
	Deck(ctx context.Context, lang string) (*Deck, error)
	// Validate reads a dataset and checks it against layouts, as `cardgen
	// validate` does: every problem at once. The deck is nil when the file
	// cannot be read at all.
	Validate(ctx context.Context, ds Dataset, layouts []string) (*Checked, error)
	// Faces draws both faces of the cards asked for as they will print on
	// the layout, as SVG, with the problems of the deck and of those cards
	// on that layout. A card that cannot be drawn has no faces; the others
	// are drawn all the same.
	Faces(ctx context.Context, ds Dataset, opts FacesOptions) (*Faces, error)
	// Preview draws one face of one card: format is "svg" or "png".
	Preview(ctx context.Context, ds Dataset, opts PreviewOptions) (File, error)
	// Build makes the PDF of each layout, named as `cardgen build` names it.
	Build(ctx context.Context, ds Dataset, opts BuildOptions) ([]File, error)
	// Guide makes the facilitator's sheet.
	Guide(ctx context.Context, ds Dataset, opts GuideOptions) (File, error)
	// Calibrate makes the calibration sheet of a layout.
	Calibrate(ctx context.Context, opts CalibrateOptions) (File, error)
	// Images makes a PNG picture of each face of the chosen cards.
	Images(ctx context.Context, ds Dataset, opts ImagesOptions) ([]File, error)
	// Export writes the dataset in format ("csv", "yaml", …), as far as it
	// can be read: problems (which the page's working copy may still have)
	// come back beside the file, which keeps the teacher's fixes so far.
	// A dataset that cannot be read at all is an error.
	Export(ctx context.Context, ds Dataset, format string) (File, diag.List, error)
}

// Info is what a backend reads and writes.
type Info struct {
	Formats   []string `json:"formats"`   // dataset formats read and written: "yaml", "csv", …
	Languages []string `json:"languages"` // editions of the built-in deck, its own first
	PNG       bool     `json:"png"`       // whether Images and PNG previews work here (always, since they are drawn in Go)
}

// Dataset is the deck a request carries.
type Dataset struct {
	// Name is the dataset's file name, without folders
	// ("mes-personas.csv"); "" for the built-in deck.
	Name string
	// Format is the dataset's format; "" to go by Name's extension.
	Format string
	// Data is the dataset file itself; nil for the built-in deck.
	Data []byte
	// Lang chooses an edition: of the built-in deck, or a file beside the
	// dataset in Dir (deck.en.csv). "" for the dataset's own language.
	Lang string
	// Edition is the language the dataset is itself an edition in, when the
	// page sends its working copy of one (the edited English built-in deck:
	// "en"). Output names then carry it, as `cardgen build --lang en` names
	// them. Usually "".
	Edition string
	// NoTitle says that the dataset is the page's working copy of a deck
	// that gives no title (Deck.Untitled): its cards show none, as those
	// of the teacher's own file do.
	NoTitle bool
	// Dir is the request's private folder: it holds the pictures (and other
	// editions) sent with the dataset, at their paths relative to it. The
	// server removes it when the request ends; the backend reads it, and
	// writes nothing.
	Dir string
}

// Builtin reports whether the dataset is the built-in deck.
func (ds Dataset) Builtin() bool { return ds.Data == nil }

// Selection chooses cards, as --only, --category and --exclude do.
type Selection struct {
	Only       []string `json:"only,omitempty"`
	Categories []string `json:"categories,omitempty"`
	Exclude    []string `json:"exclude,omitempty"`
}

// Offset moves every back, in mm, as --back-offset does.
type Offset struct{ X, Y float64 }

// PrintOptions override what a layout says, as the build flags do.
type PrintOptions struct {
	Duplex   string  // "long", "short", "none", or "" for the layout's
	Offset   *Offset // nil for the layout's
	InkSaver bool
}

// BuildOptions is what to build.
type BuildOptions struct {
	Layouts []string // built-in layout names; at least one
	Select  Selection
	Print   PrintOptions
}

// GuideOptions is what facilitator's sheet to make.
type GuideOptions struct {
	Paper  string // "A4" or "Letter"
	Select Selection
}

// CalibrateOptions is what calibration sheet to make.
type CalibrateOptions struct {
	Layout string
	Lang   string // of the instructions
	Print  PrintOptions
}

// ImagesOptions is what PNG pictures to make.
type ImagesOptions struct {
	Layout string // whose card size and design to show
	Select Selection
}

// FacesOptions is which cards to draw.
type FacesOptions struct {
	Layout string
	Only   []string // persona ids; every card when empty
	// Number and Total, when Total is not 0, say that the dataset is an
	// excerpt of a larger deck (the page sends the one card it redraws as
	// a teacher types): its cards are numbered from Number, out of Total.
	Number, Total int
}

// PreviewOptions is which face to draw.
type PreviewOptions struct {
	Layout string
	ID     string // persona id
	Side   string // "front" or "back"
	Format string // "svg" or "png"
}

// File is a file to download.
type File struct {
	Name string // as the command line names it: "personas-a4.pdf"
	Type string // MIME type
	Data []byte
	// problems counts those the dataset of an export still has (sent as
	// the Cardgen-Problems header).
	problems int
}

// Layout describes a built-in layout for the page, which words its
// one-line description in the reader's language from these facts.
type Layout struct {
	Name        string  `json:"name"`
	Description string  `json:"description"` // the spec's own, in English
	Paper       string  `json:"paper"`       // "A4", "Letter", or "76 × 126 mm"
	CardW       float64 `json:"card_width"`  // mm
	CardH       float64 `json:"card_height"` // mm
	PerSheet    int     `json:"per_sheet"`
	// Kind is "duplex" (double-sided printer), "fold" (single-sided, fold
	// and glue) or "print-shop" (one face per page, TrimBox).
	Kind   string `json:"kind"`
	Duplex string `json:"duplex"` // the spec's duplex edge
}

// Deck is a deck as the page edits it.
type Deck struct {
	// Dataset is the deck in cardgen's JSON dataset format (cardgen export
	// --format json): the page edits it and sends it back as a dataset.
	Dataset json.RawMessage `json:"dataset"`
	// Source is the file it was read from, as the user named it.
	Source string `json:"source"`
	// Name is the short name output files start with ("personas").
	Name string `json:"name"`
	// Format is the format it was read from.
	Format string `json:"format"`
	// Folder is where, inside a .zip sent as the dataset, the dataset was
	// found ("mon-jeu/"), so that the page finds its pictures; "" otherwise.
	Folder string `json:"folder,omitempty"`
	// Untitled says that the deck gives no title of its own (a spreadsheet
	// may not): its cards show none, and the working copy's title (the
	// file's name) is not printed when the page says no_title=true.
	Untitled bool `json:"untitled,omitempty"`
	// Language is the deck's language; Languages lists its editions (its
	// own first) that the request's files hold.
	Language  string   `json:"language"`
	Languages []string `json:"languages"`
	// Where says where each field was in the file, so that a problem found
	// later in the page's working copy can still name the line or cell to
	// fix in the teacher's own file.
	Where Where `json:"where"`
}

// Where is where fields are in a dataset file.
type Where struct {
	Deck       map[string]Place `json:"deck,omitempty"`       // title, language, author
	Categories map[string]Place `json:"categories,omitempty"` // by id
	// Personas are by the persona's place in the deck (ids may be
	// shared, which is a problem to show), then by field ("" for the
	// persona itself).
	Personas []map[string]Place `json:"personas,omitempty"`
}

// Place is a position in a file: line and column, and the spreadsheet cell
// when the file is a spreadsheet or CSV.
type Place struct {
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	Cell   string `json:"cell,omitempty"`
}

// Checked is what Validate found.
type Checked struct {
	Deck     *Deck     // nil when the dataset cannot be read
	Problems diag.List // every problem, sorted
	// Typesetting are those of Problems found setting the cards (the font,
	// the fitting): the page's working copy has them too, where the others
	// belong to the files themselves.
	Typesetting diag.List
	Summary     string // what was checked, in a sentence, when there is no problem
	// Card gives, by problem (its Error), the place in Deck of the persona
	// it belongs to (app.ProblemCard); problems of no persona are not in
	// it.
	Card map[string]int
}

// Faces are cards drawn for a preview.
type Faces struct {
	Cards    []CardFaces
	Problems diag.List
	// Card gives, by problem (its Error), the Index of the card it
	// belongs to; problems of no card are not in it.
	Card map[string]int
}

// CardFaces are the two faces of a card, as SVG documents; both are empty
// when the card cannot be drawn (its problems say why).
type CardFaces struct {
	// Index is the card's place in the deck, from 0: the page tells cards
	// apart by it, since two may share an id. A card sent alone as an
	// excerpt (number=, total=) has the place it has in the whole deck.
	Index int    `json:"index"`
	ID    string `json:"id"`
	Name  string `json:"name"`
	Front string `json:"front,omitempty"`
	Back  string `json:"back,omitempty"`
}

// RequestError is a request that cannot be carried out as asked: an unknown
// layout, an impossible combination of options. The server answers 400.
type RequestError struct{ Msg string }

func (e *RequestError) Error() string { return e.Msg }
