package web

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/cardgen/cardgen/pkg/app"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/edition"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
)

// AppBackend is the Backend over package app: each request is one app call.
type AppBackend struct {
	// Epoch is SOURCE_DATE_EPOCH, for the dates in PDFs ("" for cardgen's
	// fixed date).
	Epoch string
}

// NewAppBackend returns the Backend over package app.
func NewAppBackend(epoch string) *AppBackend { return &AppBackend{Epoch: epoch} }

// Info implements Backend.
func (b *AppBackend) Info() Info {
	return Info{Formats: slices.Clone(deck.Formats), Languages: app.Languages(app.Dataset{}), PNG: true}
}

// layoutOrder is the order the page lists layouts in: the school printer
// first, the print shop last.
var layoutOrder = []string{"a4", "letter", "a4-fold", "letter-fold", "a4-poker", "letter-poker", "a3", "tarot", "poker"}

// Layouts implements Backend.
func (b *AppBackend) Layouts() ([]Layout, error) {
	infos, err := app.Layouts()
	if err != nil {
		return nil, err
	}
	rank := func(n string) int {
		if i := slices.Index(layoutOrder, n); i >= 0 {
			return i
		}
		return len(layoutOrder)
	}
	slices.SortStableFunc(infos, func(a, b app.LayoutInfo) int { return rank(a.Name) - rank(b.Name) })
	out := make([]Layout, len(infos))
	for i, l := range infos {
		out[i] = Layout{Name: l.Name, Description: l.Description, Paper: l.Paper.Name, CardW: l.Card.W, CardH: l.Card.H,
			PerSheet: l.PerSheet, Kind: l.Kind, Duplex: string(l.Duplex)}
		if out[i].Paper == "" {
			out[i].Paper = layout.MM(l.Paper.W) + " × " + layout.MM(l.Paper.H) + " mm"
		}
	}
	return out, nil
}

// Deck implements Backend.
func (b *AppBackend) Deck(ctx context.Context, lang string) (*Deck, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ds := Dataset{Lang: lang}
	ed, _, err := app.Load(b.dataset(ds))
	if err != nil {
		return nil, translate(err)
	}
	return b.deckResult(ed, ds)
}

// dataset is the app's dataset for a request's: the file in memory, named
// as the user sent it, and the request's folder, which holds its pictures
// and other editions, as its folder. Nothing else can be read: messages
// name the files as the user named them, never the server's folders.
func (b *AppBackend) dataset(ds Dataset) app.Dataset {
	if ds.Builtin() {
		return app.Dataset{Lang: ds.Lang, Edition: ds.Edition}
	}
	var folder fs.FS = emptyFolder{}
	if ds.Dir != "" {
		// The server writes every file of the folder itself, as a regular
		// file (no link can lead out of it).
		folder = os.DirFS(ds.Dir)
	}
	return app.Dataset{Path: ds.Name, Data: ds.Data, Format: ds.Format, Lang: ds.Lang, Edition: ds.Edition, NoTitle: ds.NoTitle, FS: folder}
}

// emptyFolder is the folder of a dataset sent alone.
type emptyFolder struct{}

func (emptyFolder) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// deckResult describes a deck for the page.
func (b *AppBackend) deckResult(ed *edition.Edition, ds Dataset) (*Deck, error) {
	var buf bytes.Buffer
	if err := deck.Export(&buf, ed.Deck, "json"); err != nil {
		return nil, err
	}
	source := ds.Name
	if ds.Builtin() {
		source = path.Base(ed.Source)
	}
	all := ds
	all.Lang = ""
	d := ed.Deck
	return &Deck{Dataset: buf.Bytes(), Source: source, Name: d.Name, Format: d.Format, Language: d.Language, Untitled: !app.TitleGiven(d),
		Languages: app.Languages(b.dataset(all)), Where: where(d)}, nil
}

// where collects where every field is in the deck's file.
func where(d *deck.Deck) Where {
	place := func(p deck.Pos) Place { return Place{Line: p.Line, Column: p.Column, Cell: p.Cell} }
	w := Where{Deck: map[string]Place{}, Categories: map[string]Place{}}
	for k, p := range d.Fields {
		w.Deck[k] = place(p)
	}
	for _, c := range d.Categories {
		w.Categories[c.ID] = place(c.Pos)
	}
	w.Personas = make([]map[string]Place, len(d.Personas))
	for i, ps := range d.Personas {
		m := map[string]Place{"": place(ps.Pos)}
		for k, p := range ps.Fields {
			m[k] = place(p)
		}
		w.Personas[i] = m
	}
	return w
}

// Validate implements Backend. A dataset with problems that can still be
// read as a deck comes back with it, so that the page shows its cards,
// marks those with problems and lets the teacher fix them.
func (b *AppBackend) Validate(ctx context.Context, ds Dataset, layouts []string) (*Checked, error) {
	rep, err := app.ValidateContext(ctx, app.ValidateOptions{Dataset: b.dataset(ds), Layouts: layouts})
	if err != nil {
		return nil, translate(err)
	}
	c := &Checked{Problems: rep.Problems, Typesetting: rep.Typesetting, Card: map[string]int{}}
	if len(rep.Editions) > 0 && rep.Editions[0] != nil {
		for _, p := range rep.Problems {
			if i := app.ProblemCard(rep.Editions[0].Deck, p); i >= 0 {
				c.Card[p.Error()] = i
			}
		}
		// A deck with problems may not be written as it is; then the page
		// can only list them.
		if d, err := b.deckResult(rep.Editions[0], ds); err == nil {
			c.Deck = d
		}
	}
	if rep.OK() {
		c.Summary = rep.Summary()
	}
	return c, nil
}

// Faces implements Backend: only the cards asked for are composed, each
// numbered as in the whole deck; those that cannot be drawn have no faces.
func (b *AppBackend) Faces(ctx context.Context, ds Dataset, opts FacesOptions) (*Faces, error) {
	o := app.FacesOptions{Dataset: b.dataset(ds), Layout: opts.Layout, Format: app.SVG, Number: opts.Number, Total: opts.Total}
	if len(opts.Only) > 0 {
		o.Only = opts.Only
	}
	set, err := app.Faces(ctx, o)
	var problems diag.List
	switch {
	case errors.As(err, &problems):
		return &Faces{Problems: problems}, nil
	case err != nil:
		return nil, translate(err)
	}
	out := &Faces{Problems: set.Problems, Cards: make([]CardFaces, len(set.Cards)), Card: map[string]int{}}
	for i, c := range set.Cards {
		out.Cards[i] = CardFaces{Index: c.Number - 1, ID: c.ID, Name: c.Name, Front: element(c.Front), Back: element(c.Back)}
		for _, p := range c.Problems {
			out.Card[p.Error()] = c.Number - 1
		}
	}
	return out, nil
}

// element is an SVG document as an element to put in the page: without
// its XML declaration.
func element(svg []byte) string {
	s := string(svg)
	if i := strings.Index(s, "<svg"); i > 0 {
		s = s[i:]
	}
	return s
}

// Preview implements Backend.
func (b *AppBackend) Preview(ctx context.Context, ds Dataset, opts PreviewOptions) (File, error) {
	if err := ctx.Err(); err != nil {
		return File{}, err
	}
	side, err := app.ParseSide(opts.Side)
	if err != nil {
		return File{}, &RequestError{err.Error()}
	}
	f, err := app.Face(app.FaceOptions{Dataset: b.dataset(ds), Layout: opts.Layout, Card: opts.ID, Side: side,
		Format: app.PictureFormat(opts.Format), EmbedFonts: opts.Format == "svg"})
	if err != nil {
		return File{}, translate(err)
	}
	return File{Name: f.Name, Type: pictureType(opts.Format), Data: f.Data}, nil
}

func pictureType(format string) string {
	if format == "svg" {
		return "image/svg+xml"
	}
	return "image/png"
}

// Build implements Backend.
func (b *AppBackend) Build(ctx context.Context, ds Dataset, opts BuildOptions) ([]File, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res, err := app.BuildContext(ctx, app.BuildOptions{Dataset: b.dataset(ds), Select: selection(opts.Select), Layouts: opts.Layouts,
		Print: printOptions(opts.Print), Epoch: b.Epoch})
	if err != nil {
		return nil, translate(err)
	}
	files := make([]File, len(res.PDFs))
	for i, p := range res.PDFs {
		files[i] = File{Name: p.Name, Type: "application/pdf", Data: p.Data}
	}
	return files, nil
}

// Guide implements Backend.
func (b *AppBackend) Guide(ctx context.Context, ds Dataset, opts GuideOptions) (File, error) {
	if err := ctx.Err(); err != nil {
		return File{}, err
	}
	doc, err := app.Guide(app.GuideOptions{Dataset: b.dataset(ds), Select: selection(opts.Select), Paper: app.Paper(opts.Paper), Epoch: b.Epoch})
	if err != nil {
		return File{}, translate(err)
	}
	return File{Name: doc.Name, Type: "application/pdf", Data: doc.Data}, nil
}

// Calibrate implements Backend.
func (b *AppBackend) Calibrate(ctx context.Context, opts CalibrateOptions) (File, error) {
	if err := ctx.Err(); err != nil {
		return File{}, err
	}
	doc, err := app.Calibrate(app.CalibrateOptions{Layout: opts.Layout, Lang: opts.Lang, Epoch: b.Epoch, Print: printOptions(opts.Print)})
	if err != nil {
		return File{}, translate(err)
	}
	return File{Name: doc.Name, Type: "application/pdf", Data: doc.Data}, nil
}

// Images implements Backend.
func (b *AppBackend) Images(ctx context.Context, ds Dataset, opts ImagesOptions) ([]File, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pics, err := app.PreviewContext(ctx, app.PreviewOptions{Dataset: b.dataset(ds), Select: selection(opts.Select), Layout: opts.Layout, Format: app.PNG})
	if err != nil {
		return nil, translate(err)
	}
	var files []File
	for _, f := range pics.Files {
		files = append(files, File{Name: f.Name, Type: "image/png", Data: f.Data})
	}
	return files, nil
}

// Export implements Backend.
func (b *AppBackend) Export(ctx context.Context, ds Dataset, format string) (File, diag.List, error) {
	if err := ctx.Err(); err != nil {
		return File{}, nil, err
	}
	data, d, problems, err := app.ExportAsRead(app.ExportOptions{Dataset: b.dataset(ds), To: format})
	if err != nil {
		return File{}, nil, translate(err)
	}
	// The file is named as the dataset it comes from, with the edition's
	// language before the extension as cardgen names editions:
	// personas.en.csv.
	stem := strings.TrimSuffix(ds.Name, path.Ext(ds.Name))
	if ds.Builtin() {
		stem = strings.TrimSuffix(path.Base(d.Source), path.Ext(d.Source))
	}
	if ds.Edition != "" {
		stem += "." + ds.Edition
	}
	return File{Name: stem + "." + format, Type: formatType(format), Data: data}, problems, nil
}

func formatType(format string) string {
	switch format {
	case "csv":
		return "text/csv; charset=utf-8"
	case "yaml":
		return "application/yaml; charset=utf-8"
	case "json":
		return "application/json; charset=utf-8"
	case "md":
		return "text/markdown; charset=utf-8"
	case "xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case "ods":
		return "application/vnd.oasis.opendocument.spreadsheet"
	}
	return "application/octet-stream"
}

func selection(s Selection) deck.Selection {
	return deck.Selection{Only: s.Only, Categories: s.Categories, Exclude: s.Exclude}
}

func printOptions(p PrintOptions) app.PrintOptions {
	out := app.PrintOptions{Duplex: layout.Duplex(p.Duplex), InkSaver: p.InkSaver}
	if p.Offset != nil {
		out.BackOffset = &geom.Point{X: p.Offset.X, Y: p.Offset.Y}
	}
	return out
}

// params names the app's options as the API's query parameters.
var params = map[app.Option]string{
	app.OptData: "data", app.OptDataFormat: "data_format", app.OptLang: "lang", app.OptLayout: "layout",
	app.OptOnly: "only", app.OptExclude: "exclude", app.OptCategory: "category", app.OptTag: "tag", app.OptSort: "sort",
	app.OptDuplex: "duplex", app.OptBackOffset: "offset", app.OptInkSaver: "ink_saver", app.OptPaper: "paper",
	app.OptPictures: "format", app.OptExportFormat: "to", app.OptCard: "id", app.OptSide: "side",
	// What the page offers where the command line has a command.
	app.RefList: "the list of cards", app.RefCalibrate: "the calibration sheet",
}

// param is the query parameter of an app option.
func param(o app.Option) string {
	if p, ok := params[o]; ok {
		return p
	}
	return string(o)
}

// translate turns the app's errors into the Backend's: what is wrong with
// the options becomes a RequestError, worded with the API's query
// parameters; problems with the input, and the rest, pass as they are.
func translate(err error) error {
	var oe *app.OptionError
	if errors.As(err, &oe) {
		return &RequestError{oe.Format(param)}
	}
	return err
}
