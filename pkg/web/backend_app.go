package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cardgen/cardgen/pkg/app"
	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/edition"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/render/svg"
	"github.com/cardgen/cardgen/pkg/typeface"
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
		return nil, b.translate(err, ds)
	}
	return b.deckResult(ed, ds)
}

// dataset is the app's dataset for a request's (adapter for now: the
// dataset is named by its path in the request's folder, where its
// pictures are).
func (b *AppBackend) dataset(ds Dataset) app.Dataset {
	if ds.Builtin() {
		return app.Dataset{Lang: ds.Lang, Edition: ds.Edition}
	}
	return app.Dataset{Path: filepath.Join(ds.Dir, ds.Name), Data: ds.Data, Format: ds.Format, Lang: ds.Lang, Edition: ds.Edition}
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
	d := ed.Deck
	return &Deck{Dataset: buf.Bytes(), Source: source, Name: d.Name, Format: d.Format, Language: d.Language,
		Languages: app.Languages(b.dataset(Dataset{Name: ds.Name, Data: ds.Data, Format: ds.Format, Dir: ds.Dir})), Where: where(d)}, nil
}

// where collects where every field is in the deck's file.
func where(d *deck.Deck) Where {
	place := func(p deck.Pos) Place { return Place{Line: p.Line, Column: p.Column, Cell: p.Cell} }
	w := Where{Deck: map[string]Place{}, Categories: map[string]Place{}, Personas: map[string]map[string]Place{}}
	for k, p := range d.Fields {
		w.Deck[k] = place(p)
	}
	for _, c := range d.Categories {
		w.Categories[c.ID] = place(c.Pos)
	}
	for _, ps := range d.Personas {
		m := map[string]Place{"": place(ps.Pos)}
		for k, p := range ps.Fields {
			m[k] = place(p)
		}
		w.Personas[ps.ID] = m
	}
	return w
}

// Validate implements Backend.
func (b *AppBackend) Validate(ctx context.Context, ds Dataset, layouts []string) (*Checked, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ed, _, err := app.Load(b.dataset(ds))
	var req *RequestError
	if err = b.translate(err, ds); errors.As(err, &req) {
		return nil, err
	}
	if err != nil {
		return &Checked{Problems: problemsOf(err)}, nil
	}
	d, err := b.deckResult(ed, ds)
	if err != nil {
		return nil, err
	}
	rep, err := app.Validate(app.ValidateOptions{Dataset: b.dataset(ds), Layouts: layouts})
	if err != nil {
		return nil, b.translate(err, ds)
	}
	if !rep.OK() {
		return &Checked{Deck: d, Problems: problemsOf(b.translate(rep.Problems, ds))}, nil
	}
	return &Checked{Deck: d, Summary: strings.ReplaceAll(rep.Summary(), ds.Dir+string(filepath.Separator), "")}, nil
}

// Faces implements Backend.
func (b *AppBackend) Faces(ctx context.Context, ds Dataset, layoutName string, ids []string) (*Faces, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	spec, err := app.LoadLayout(layoutName)
	if err != nil {
		return nil, b.translate(err, ds)
	}
	ed, _, err := app.Load(b.dataset(ds))
	var req *RequestError
	if err = b.translate(err, ds); errors.As(err, &req) {
		return nil, err
	}
	if err != nil {
		return &Faces{Problems: problemsOf(err)}, nil
	}
	for _, id := range ids {
		if !slices.ContainsFunc(ed.Personas, func(p deck.Persona) bool { return p.ID == id }) {
			return nil, &RequestError{fmt.Sprintf("there is no card with the id %q", id)}
		}
	}
	fam, err := typeface.Default()
	if err != nil {
		return nil, err
	}
	d := *ed.Deck
	cards, err := build.Compose(&d, spec, fam)
	var problems diag.List
	bad := map[string]bool{}
	if err != nil {
		problems = problemsOf(b.translate(err, ds))
		for _, p := range problems {
			if p.Card != "" {
				bad[p.Card] = true
			}
		}
		cards = nil
		if len(bad) > 0 {
			stand := d
			stand.Personas = slices.Clone(d.Personas)
			for i, p := range stand.Personas {
				if bad[p.ID] {
					stand.Personas[i] = deck.Persona{ID: p.ID, Name: "?", Role: "?", CountryCode: p.CountryCode, Country: "?",
						Category: p.Category, Text: "?", Conditions: []string{"?"}, Copies: 1}
				}
			}
			cards, _ = build.Compose(&stand, spec, fam)
		}
	}
	out := &Faces{Problems: problems}
	for i, p := range d.Personas {
		if len(ids) > 0 && !slices.Contains(ids, p.ID) {
			continue
		}
		cf := CardFaces{ID: p.ID, Name: p.Name}
		if cards != nil && !bad[p.ID] {
			cf.Front = faceSVG(cards.Faces[i][0], cards.Images)
			cf.Back = faceSVG(cards.Faces[i][1], cards.Images)
		}
		out.Cards = append(out.Cards, cf)
	}
	return out, nil
}

// faceSVG draws d, a face cut at the trim, as an SVG element for the page:
// no XML declaration and no @font-face rules (the page declares Lato
// itself, from the same font files as the PDFs).
func faceSVG(d draw.Drawing, images map[string]draw.Image) string {
	var buf bytes.Buffer
	if err := svg.Face(&buf, &d, false, svg.Options{Images: images}); err != nil {
		return ""
	}
	s := buf.String()
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
		return File{}, b.translate(err, ds)
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
	res, err := app.Build(app.BuildOptions{Dataset: b.dataset(ds), Select: selection(opts.Select), Layouts: opts.Layouts,
		Print: printOptions(opts.Print), Epoch: b.Epoch})
	if err != nil {
		return nil, b.translate(err, ds)
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
		return File{}, b.translate(err, ds)
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
		return File{}, b.translate(err, Dataset{})
	}
	return File{Name: doc.Name, Type: "application/pdf", Data: doc.Data}, nil
}

// Images implements Backend.
func (b *AppBackend) Images(ctx context.Context, ds Dataset, opts ImagesOptions) ([]File, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pics, err := app.Preview(app.PreviewOptions{Dataset: b.dataset(ds), Select: selection(opts.Select), Layout: opts.Layout, Format: app.PNG})
	if err != nil {
		return nil, b.translate(err, ds)
	}
	var files []File
	for _, f := range pics.Files {
		files = append(files, File{Name: f.Name, Type: "image/png", Data: f.Data})
	}
	return files, nil
}

// Export implements Backend.
func (b *AppBackend) Export(ctx context.Context, ds Dataset, format string) (File, error) {
	if err := ctx.Err(); err != nil {
		return File{}, err
	}
	data, d, err := app.Export(app.ExportOptions{Dataset: b.dataset(ds), To: format})
	if err != nil {
		return File{}, b.translate(err, ds)
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
	return File{Name: stem + "." + format, Type: formatType(format), Data: data}, nil
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
}

// param is the query parameter of an app option.
func param(o app.Option) string {
	if p, ok := params[o]; ok {
		return p
	}
	return string(o)
}

// translate turns the app's errors into the Backend's: option errors as
// RequestErrors worded with the API's parameters, problems with the
// request's folder left out of their files' names.
func (b *AppBackend) translate(err error, ds Dataset) error {
	if err == nil {
		return nil
	}
	var oe *app.OptionError
	if errors.As(err, &oe) {
		return &RequestError{oe.Format(param)}
	}
	if l, ok := err.(diag.List); ok {
		out := make(diag.List, len(l))
		for i, p := range l {
			if ds.Dir != "" {
				if rel, err := filepath.Rel(ds.Dir, p.File); err == nil && filepath.IsLocal(rel) {
					p.File = filepath.ToSlash(rel)
				}
			}
			out[i] = p
		}
		return out
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var errs []error
		for _, e := range j.Unwrap() {
			errs = append(errs, b.translate(e, ds))
		}
		return errors.Join(errs...)
	}
	var problems diag.List
	if errors.As(err, &problems) {
		return b.translate(problems, ds)
	}
	return err
}
