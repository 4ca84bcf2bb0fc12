package web

// ============================================================================
// TEMPORARY ADAPTER: a Backend over today's pkg/build and pkg/deck.
//
// Those packages take file paths and write files, and speak in command-line
// flags. Until the app layer (typed options in, typed results and problems
// out) lands, this file bridges them to the Backend interface; the lead
// replaces it (and backend_svg.go) with a Backend over the app layer. Its
// shortcuts, each marked "adapter:" below:
//
//   - The dataset is written to the request's private folder and read back
//     by path; outputs are written there by build.Run and read back.
//   - Messages are cleaned of that folder's path and of flag names.
//   - A card whose text cannot fit stops build.Compose for the whole deck:
//     the deck is composed again with a stand-in for each such card, so
//     that the others can still be previewed.
//   - Faces are drawn as SVG by backend_svg.go (a stand-in for the SVG
//     renderer of pkg/render/svg), and PNG pictures need poppler's pdftoppm
//     (build.Preview), which writes in the system's temporary folder.
//   - The edition's suffix of output names is added here (Dataset.Edition).
// ============================================================================

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// BuildBackend is the Backend over pkg/build.
type BuildBackend struct {
	// Epoch is SOURCE_DATE_EPOCH, for the dates in PDFs ("" for cardgen's
	// fixed date).
	Epoch string
}

// NewBuildBackend returns the Backend over pkg/build.
func NewBuildBackend(epoch string) *BuildBackend { return &BuildBackend{Epoch: epoch} }

// outDir is where, in a request's folder, outputs are written.
const outDir = ".cardgen-out"

// Info implements Backend.
func (b *BuildBackend) Info() Info {
	_, err := exec.LookPath("pdftoppm")
	return Info{Formats: slices.Clone(deck.Formats), Languages: build.Languages(""), PNG: err == nil}
}

// layoutOrder is the order the page lists layouts in: the school printer
// first, the print shop last.
var layoutOrder = []string{"a4", "letter", "a4-fold", "letter-fold", "a4-poker", "letter-poker", "a3", "tarot", "poker"}

// Layouts implements Backend.
func (b *BuildBackend) Layouts() ([]Layout, error) {
	names := layouts.Names()
	rank := func(n string) int {
		if i := slices.Index(layoutOrder, n); i >= 0 {
			return i
		}
		return len(layoutOrder)
	}
	slices.SortStableFunc(names, func(a, b string) int { return rank(a) - rank(b) })
	var out []Layout
	for _, n := range names {
		spec, err := build.LoadLayout(n)
		if err != nil {
			return nil, err
		}
		l := Layout{Name: n, Description: spec.Description, Paper: spec.Paper.Name, CardW: spec.Card.W, CardH: spec.Card.H,
			PerSheet: spec.PerSheet(), Kind: "duplex", Duplex: string(spec.Duplex)}
		if l.Paper == "" {
			l.Paper = layout.MM(spec.Paper.W) + " × " + layout.MM(spec.Paper.H) + " mm"
		}
		switch {
		case spec.TrimBox:
			l.Kind = "print-shop"
		case spec.Folded():
			l.Kind = "fold"
		}
		out = append(out, l)
	}
	return out, nil
}

// Deck implements Backend.
func (b *BuildBackend) Deck(ctx context.Context, lang string) (*Deck, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ed, err := build.LoadEdition("", "", lang)
	if err != nil {
		return nil, translate(err, "")
	}
	return deckResult(ed, Dataset{Lang: lang}, "")
}

// write puts the dataset in the request's folder (adapter: pkg/build reads
// paths) and returns its path, or "" for the built-in deck.
func write(ds Dataset) (string, error) {
	if ds.Builtin() {
		return "", nil
	}
	p := filepath.Join(ds.Dir, ds.Name)
	if err := os.WriteFile(p, ds.Data, 0o600); err != nil {
		return "", err
	}
	return p, nil
}

// load reads the dataset in the edition asked for.
func load(ds Dataset) (*build.Edition, string, error) {
	p, err := write(ds)
	if err != nil {
		return nil, "", err
	}
	ed, err := build.LoadEdition(p, ds.Format, ds.Lang)
	return ed, p, translate(err, ds.Dir)
}

// deckResult describes a deck for the page.
func deckResult(ed *build.Edition, ds Dataset, p string) (*Deck, error) {
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
		Languages: build.Languages(p), Where: where(d)}, nil
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
func (b *BuildBackend) Validate(ctx context.Context, ds Dataset, layouts []string) (*Checked, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ed, p, err := load(ds)
	var req *RequestError
	if errors.As(err, &req) {
		return nil, err
	}
	if err != nil {
		return &Checked{Problems: problemsOf(err)}, nil
	}
	d, err := deckResult(ed, ds, p)
	if err != nil {
		return nil, err
	}
	summary, err := build.Validate(build.ValidateOptions{Data: p, Format: ds.Format, Lang: ds.Lang, Layouts: layouts})
	if err != nil {
		if err = translate(err, ds.Dir); errors.As(err, &req) {
			return nil, err
		}
		return &Checked{Deck: d, Problems: problemsOf(err)}, nil
	}
	return &Checked{Deck: d, Summary: clean(summary, ds.Dir)}, nil
}

// Faces implements Backend.
func (b *BuildBackend) Faces(ctx context.Context, ds Dataset, layoutName string, ids []string) (*Faces, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	spec, err := build.LoadLayout(layoutName)
	if err != nil {
		return nil, translate(err, "")
	}
	ed, _, err := load(ds)
	var req *RequestError
	if errors.As(err, &req) {
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
	// One card per persona: copies do not change a face.
	d := *ed.Deck
	d.Personas = slices.Clone(d.Personas)
	for i := range d.Personas {
		d.Personas[i].Copies = 1
	}
	cards, err := build.Compose(&d, spec, fam)
	var problems diag.List
	bad := map[string]bool{}
	if err != nil {
		problems = problemsOf(translate(err, ds.Dir))
		for _, p := range problems {
			if p.Card != "" {
				bad[p.Card] = true
			}
		}
		cards = nil
		if len(bad) > 0 {
			// adapter: compose again with a stand-in for every card that
			// does not fit, so that the others still get their faces
			// (and keep their numbers).
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

// Preview implements Backend.
func (b *BuildBackend) Preview(ctx context.Context, ds Dataset, opts PreviewOptions) (File, error) {
	if opts.Format == "png" {
		files, err := b.Images(ctx, ds, ImagesOptions{Layout: opts.Layout, Select: Selection{Only: []string{opts.ID}}})
		if err != nil {
			return File{}, err
		}
		for _, f := range files {
			if strings.HasSuffix(f.Name, "-"+opts.Side+".png") {
				return f, nil
			}
		}
		return File{}, fmt.Errorf("no %s picture was made for %q", opts.Side, opts.ID)
	}
	f, err := b.Faces(ctx, ds, opts.Layout, []string{opts.ID})
	if err != nil {
		return File{}, err
	}
	if len(f.Cards) == 1 && f.Cards[0].Front != "" {
		svg := f.Cards[0].Front
		if opts.Side == "back" {
			svg = f.Cards[0].Back
		}
		return File{Name: opts.ID + "-" + opts.Side + ".svg", Type: "image/svg+xml", Data: []byte(svg)}, nil
	}
	if len(f.Problems) == 0 {
		return File{}, fmt.Errorf("the card %q cannot be drawn", opts.ID)
	}
	return File{}, f.Problems
}

// Build implements Backend.
func (b *BuildBackend) Build(ctx context.Context, ds Dataset, opts BuildOptions) ([]File, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p, err := write(ds)
	if err != nil {
		return nil, err
	}
	outputs, err := build.Run(build.Options{Data: p, Format: ds.Format, Lang: ds.Lang, Select: selection(opts.Select),
		Layouts: opts.Layouts, Out: filepath.Join(ds.Dir, outDir), Epoch: b.Epoch, Print: printOptions(opts.Print)})
	if err != nil {
		return nil, translate(err, ds.Dir)
	}
	var files []File
	for _, o := range outputs {
		f, err := readOutput(o.Path, ds.Edition)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// Guide implements Backend.
func (b *BuildBackend) Guide(ctx context.Context, ds Dataset, opts GuideOptions) (File, error) {
	if err := ctx.Err(); err != nil {
		return File{}, err
	}
	p, err := write(ds)
	if err != nil {
		return File{}, err
	}
	o, err := build.Guide(build.GuideOptions{Data: p, Format: ds.Format, Lang: ds.Lang, Select: selection(opts.Select),
		Paper: opts.Paper, Out: filepath.Join(ds.Dir, outDir), Epoch: b.Epoch})
	if err != nil {
		return File{}, translate(err, ds.Dir)
	}
	return readOutput(o.Path, ds.Edition)
}

// Calibrate implements Backend.
func (b *BuildBackend) Calibrate(ctx context.Context, opts CalibrateOptions) (File, error) {
	if err := ctx.Err(); err != nil {
		return File{}, err
	}
	o, err := build.Calibrate(build.CalibrateOptions{Layout: opts.Layout, Lang: opts.Lang, Epoch: b.Epoch,
		Out: filepath.Join(opts.Dir, outDir), Print: printOptions(opts.Print)})
	if err != nil {
		return File{}, translate(err, opts.Dir)
	}
	return readOutput(o.Path, "")
}

// Images implements Backend.
func (b *BuildBackend) Images(ctx context.Context, ds Dataset, opts ImagesOptions) ([]File, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p, err := write(ds)
	if err != nil {
		return nil, err
	}
	paths, err := build.Preview(build.PreviewOptions{Data: p, Format: ds.Format, Lang: ds.Lang, Select: selection(opts.Select),
		Layout: opts.Layout, Out: filepath.Join(ds.Dir, outDir, "preview")})
	if err != nil {
		return nil, translate(err, ds.Dir)
	}
	var files []File
	for _, q := range paths {
		f, err := readOutput(q, "")
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// Export implements Backend.
func (b *BuildBackend) Export(ctx context.Context, ds Dataset, format string) (File, error) {
	if err := ctx.Err(); err != nil {
		return File{}, err
	}
	ed, _, err := load(ds)
	if err != nil {
		return File{}, err
	}
	var buf bytes.Buffer
	if err := deck.Export(&buf, ed.Deck, format); err != nil {
		return File{}, translate(err, ds.Dir)
	}
	// The file is named as the dataset it comes from, with the edition's
	// language before the extension as cardgen names editions:
	// personas.en.csv.
	stem := strings.TrimSuffix(ds.Name, path.Ext(ds.Name))
	if ds.Builtin() {
		stem = strings.TrimSuffix(path.Base(ed.Source), path.Ext(ed.Source))
	}
	if ds.Edition != "" {
		stem += "." + ds.Edition
	}
	ext := format
	return File{Name: stem + "." + ext, Type: formatType(format), Data: buf.Bytes()}, nil
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

// readOutput reads a file build wrote, named as build named it (adapter:
// with the edition's language added when the page sent an edition's
// working copy, as build names editions: personas-a4-en.pdf).
func readOutput(p, edition string) (File, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return File{}, err
	}
	name := filepath.Base(p)
	ext := path.Ext(name)
	if edition != "" {
		name = strings.TrimSuffix(name, ext) + "-" + edition + ext
	}
	typ := "application/octet-stream"
	switch ext {
	case ".pdf":
		typ = "application/pdf"
	case ".png":
		typ = "image/png"
	}
	return File{Name: name, Type: typ, Data: data}, nil
}

func selection(s Selection) deck.Selection {
	return deck.Selection{Only: s.Only, Categories: s.Categories, Exclude: s.Exclude}
}

func printOptions(p PrintOptions) build.PrintOptions {
	out := build.PrintOptions{Duplex: p.Duplex, InkSaver: p.InkSaver}
	if p.Offset != nil {
		out.BackOffset = &geom.Point{X: p.Offset.X, Y: p.Offset.Y}
	}
	return out
}

// flagWords turns the command line's words into the page's (adapter: the
// app layer's messages will name no flag).
var flagWords = strings.NewReplacer(
	"--duplex, --back-offset, --faces and --split do not apply to it", "the double-sided and back offset settings do not apply to it",
	": --duplex does not apply to it", ": the double-sided setting does not apply to it",
	"it needs no --back-offset", "it needs no back offset",
	"--back-offset ", "the back offset ",
	"--duplex ", "duplex ",
	"--lang ", "language ",
	"; check it with cardgen calibrate", "; check it with the calibration sheet",
	"; run cardgen list to see the ids", "",
	"(cardgen calibrate prints a sheet to measure them)", "(the calibration sheet measures them)",
)

// clean removes the request's folder from a message, and flag names.
func clean(msg, dir string) string {
	if dir != "" {
		msg = strings.ReplaceAll(msg, dir+string(filepath.Separator), "")
		msg = strings.ReplaceAll(msg, dir, ".")
	}
	return flagWords.Replace(msg)
}

// translate turns pkg/build's errors into the Backend's: problems with
// their paths cleaned, bad requests as RequestErrors.
func translate(err error, dir string) error {
	if err == nil {
		return nil
	}
	var (
		usage    *build.UsageError
		unknown  *build.UnknownLayoutError
		sel      *deck.SelectError
		format   *deck.FormatError
		problems diag.List
	)
	switch {
	case errors.As(err, &usage), errors.As(err, &unknown), errors.As(err, &sel), errors.As(err, &format),
		errors.Is(err, deck.ErrEmptySelection):
		if !errors.As(err, &problems) {
			return &RequestError{clean(err.Error(), dir)}
		}
	}
	if l, ok := err.(diag.List); ok {
		out := make(diag.List, len(l))
		for i, p := range l {
			p.File, p.Msg, p.Hint = clean(p.File, dir), clean(p.Msg, dir), clean(p.Hint, dir)
			out[i] = p
		}
		return out
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var errs []error
		for _, e := range j.Unwrap() {
			errs = append(errs, translate(e, dir))
		}
		return errors.Join(errs...)
	}
	if errors.As(err, &problems) {
		return translate(problems, dir)
	}
	return errors.New(clean(err.Error(), dir))
}
