package app

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/edition"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/impose"
	"github.com/cardgen/cardgen/pkg/labels"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// BuildOptions is what a build is asked to do.
type BuildOptions struct {
	Dataset
	Select  deck.Selection
	Layouts []string // built-in names or layout files; empty for DefaultLayout
	Print   PrintOptions
	Epoch   string // SOURCE_DATE_EPOCH: the date written in the PDFs; "" for a fixed one
	// Progress, when not nil, receives a line per stage of a long build
	// (ProgressFrom cards or more: 2,000 when 0).
	Progress     io.Writer
	ProgressFrom int
}

// PrintOptions override what the layouts say.
type PrintOptions struct {
	Duplex     layout.Duplex // "" for the layout's
	BackOffset *geom.Point   // mm; nil for the layout's
	InkSaver   bool          // force ink-saver mode on
	Faces      layout.Faces  // "" for both
	Split      bool          // fronts and backs in two files
}

// check says what is wrong with the options themselves.
func (p PrintOptions) check() error {
	if p.Duplex != "" {
		if _, err := layout.ParseDuplex(string(p.Duplex)); err != nil {
			return fromChoice(OptDuplex, err)
		}
	}
	if p.Faces != "" {
		if _, err := layout.ParseFaces(string(p.Faces)); err != nil {
			return fromChoice(OptFaces, err)
		}
	}
	if p.Split && p.Faces.One() {
		return conflict(OptSplit, "{split} writes both fronts and backs, each in its own file: leave out {faces}, or leave out {split}")
	}
	if o := p.BackOffset; o != nil && (math.Abs(o.X) > MaxOffset || math.Abs(o.Y) > MaxOffset || math.IsNaN(o.X) || math.IsNaN(o.Y)) {
		return invalid(OptBackOffset, layout.MM(o.X)+","+layout.MM(o.Y), "give X and Y in mm, each between -20 and 20")
	}
	return nil
}

// given lists, as {option}, the options of p that change how the backs
// are printed.
func (p PrintOptions) given() []string {
	var out []string
	for _, o := range []struct {
		set bool
		opt Option
	}{{p.Duplex != "", OptDuplex}, {p.BackOffset != nil, OptBackOffset}, {p.Faces.One(), OptFaces}, {p.Split, OptSplit}} {
		if o.set {
			out = append(out, "{"+string(o.opt)+"}")
		}
	}
	return out
}

// andList joins words as a list in English: "a", "a and b", "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// apply changes spec as p asks, or says why it cannot.
func (p PrintOptions) apply(spec *layout.Spec) error {
	if given := p.given(); spec.Folded() && len(given) > 0 {
		// Only the options given are named: a caller may not offer the others.
		verb := "does"
		if len(given) > 1 {
			verb = "do"
		}
		return conflict(OptLayout, fmt.Sprintf("layout %s prints each back beside its front for folding: %s %s not apply to it", spec.Name, andList(given), verb))
	}
	if spec.TrimBox && p.Duplex != "" {
		return conflict(OptDuplex, fmt.Sprintf("layout %s puts each face on its own page for a print shop, which pairs them itself: {duplex} does not apply to it", spec.Name))
	}
	switch p.Duplex {
	case layout.DuplexLong, layout.DuplexShort:
		spec.Duplex, spec.Order = p.Duplex, layout.Alternate
	case layout.DuplexNone:
		spec.Duplex, spec.Order = layout.DuplexNone, layout.FrontsThenBacks
	}
	if p.BackOffset != nil {
		spec.BackOffset = *p.BackOffset
		if spec.TrimBox && spec.BackOffset != (geom.Point{}) {
			return conflict(OptBackOffset, fmt.Sprintf("layout %s puts each face on its own page for a print shop: it needs no {back offset}", spec.Name))
		}
		if !spec.BacksOnPaper() {
			return invalid(OptBackOffset, layout.MM(spec.BackOffset.X)+","+layout.MM(spec.BackOffset.Y),
				fmt.Sprintf("moves the backs of layout %s off the printable area; check it with {cardgen calibrate}", spec.Name))
		}
	}
	spec.InkSaver = spec.InkSaver || p.InkSaver
	return nil
}

// PDF is one PDF a build made.
type PDF struct {
	Name  string // the file's name, as a build names it by default (README, "Output file names")
	Data  []byte
	Spec  *layout.Spec
	Faces layout.Faces // which sides it holds
	Cards int
	Pages int
	// FrontPages is the number of pages of fronts, which come first when
	// the layout prints every front, then every back.
	FrontPages int
	// Part is "fronts" or "backs" for each of the two files of a split
	// build, "" otherwise.
	Part string
}

// BuildResult is what a build made.
type BuildResult struct {
	PDFs     []PDF
	Warnings diag.List // what is worth knowing but does not stop the build
}

// Build makes the PDF of every layout asked for, in memory. It loads and
// checks the dataset and the layouts together, and composes every card of
// every layout (each layout's PDFs rendered sheet by sheet as its cards
// are composed, build.Job), so that every problem comes out at once; on
// any problem it returns no PDF.
func Build(opts BuildOptions) (*BuildResult, error) { return BuildContext(context.Background(), opts) }

// BuildContext is Build, stopping early with ctx's error once ctx is done
// (a web request whose client went away): it looks between stages and
// between layouts.
func BuildContext(ctx context.Context, opts BuildOptions) (*BuildResult, error) {
	if err := opts.Print.check(); err != nil {
		return nil, err
	}
	names := opts.Layouts
	if len(names) == 0 {
		names = []string{DefaultLayout}
	}
	date, err := build.Date(opts.Epoch)
	if err != nil {
		return nil, err
	}
	// The fonts are read (once per process) while the dataset is.
	go typeface.Default()
	// The dataset and the layouts are read before either is judged, so
	// that the problems of both come out together.
	ed, warnings, deckErr := loadPartial(opts.Dataset)
	specs, layoutErr := loadLayouts(names)
	fam, err := typeface.Default()
	if err != nil {
		return nil, fmt.Errorf("embedded font: %w", err)
	}
	if deckErr != nil {
		return nil, joinErrors(deckErr, layoutErr, checkPartial(ed, specs, fam))
	}
	d, err := selectCards(ed.Deck, opts.Select)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d = printable(d)
	variants := make([]Variant, len(specs))
	for i, spec := range specs {
		variants[i] = printVariant(spec, opts.Print)
		if err := opts.Print.apply(spec); err != nil {
			return nil, err
		}
	}
	cards := cardCount(d)
	start := time.Now()
	from := opts.ProgressFrom
	if from == 0 {
		from = 2000
	}
	say := func(format string, args ...any) {
		if opts.Progress != nil && cards >= from {
			fmt.Fprintf(opts.Progress, "cardgen: %5.1f s  %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
		}
	}
	// Every layout is composed, and its PDFs rendered sheet by sheet as its
	// cards are composed (build.Job), before any PDF is returned: the
	// problems of all layouts come out together, and nothing is made when
	// there is one. Once a layout has a problem, the others are only
	// checked.
	sel := SelectionLabel(opts.Select, ed.Deck)
	var pdfs []PDF
	var errs []error
	for i, spec := range specs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		parts := []layout.Faces{opts.Print.Faces}
		if opts.Print.Split {
			parts = []layout.Faces{layout.FrontsOnly, layout.BacksOnly}
		}
		for k, faces := range parts {
			if faces == "" {
				parts[k] = layout.BothFaces
			}
		}
		if len(errs) > 0 {
			parts = nil
		}
		say("composing %s for layout %s", count(len(d.Personas), labels.Cards), spec.Name)
		out, err := build.Job{Deck: d, Spec: spec, Family: fam, Date: date, Parts: parts,
			Composed: func() { say("rendering layout %s", spec.Name) }}.Run()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		v := variants[i]
		v.Selection, v.Sort = sel, sortLabel(opts.Select)
		if !ed.Default {
			v.Lang = d.Language
		}
		for _, r := range out {
			v.Faces = r.Faces
			part := ""
			if opts.Print.Split {
				part = string(r.Faces)
			}
			pdfs = append(pdfs, PDF{Name: v.Name(d.Name, "", "", ".pdf"), Data: r.Data, Spec: spec, Faces: r.Faces,
				Cards: cards, Pages: r.Pages, FrontPages: frontPages(spec, cards, r.Faces), Part: part})
		}
	}
	if len(specs) == 0 {
		// No layout to compose for: still check the characters.
		errs = append(errs, build.CheckCoverage(d, fam).Err())
	}
	if err := joinErrors(append(errs, layoutErr)...); err != nil {
		return nil, err
	}
	for i := range pdfs {
		for j := range i {
			if pdfs[i].Name == pdfs[j].Name {
				return nil, conflict(OptLayout, fmt.Sprintf("the layouts in %s and %s would both write %s: rename one of the files",
					pdfs[j].Spec.Source, pdfs[i].Spec.Source, pdfs[i].Name))
			}
		}
	}
	return &BuildResult{PDFs: pdfs, Warnings: warnings}, nil
}

// checkPartial runs on a deck that has problems the checks that can still
// run (the font, the fitting, on every layout that loaded), so that their
// problems come out in the same pass as the deck's: an unknown field and a
// character the font lacks in one run. Pictures are left out (their own
// problems are the deck's, and a card without one has more room, so nothing
// is reported that the whole deck would not report), and so are personas
// whose category is unknown (a card cannot be drawn without one). This pass
// is a courtesy over a deck known to be wrong: should it fail for want of
// something the deck lacks, it reports nothing, and the deck's own
// problems still come out.
func checkPartial(ed *edition.Edition, specs []*layout.Spec, fam *typeface.Family) (err error) {
	if ed == nil {
		return nil
	}
	defer func() {
		if recover() != nil {
			err = nil
		}
	}()
	d := *printable(ed.Deck)
	d.Personas = nil
	for _, p := range ed.Personas {
		if d.Category(p.Category) == nil {
			continue
		}
		p.Image = ""
		d.Personas = append(d.Personas, p)
	}
	errs := []error{build.CheckCoverage(&d, fam).Err()}
	if len(d.Personas) > 0 {
		for _, spec := range specs {
			if _, err := build.Compose(&d, spec, fam); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return joinErrors(errs...)
}

// checkDeck composes d for every spec (or, with none, checks its
// characters), every problem at once, unless ctx is done first.
func checkDeck(ctx context.Context, d *deck.Deck, specs []*layout.Spec, fam *typeface.Family) error {
	if len(specs) == 0 {
		return build.CheckCoverage(d, fam).Err()
	}
	var errs []error
	for _, spec := range specs {
		if ctx.Err() != nil {
			return nil // the caller says why
		}
		if _, err := build.Compose(d, spec, fam); err != nil {
			errs = append(errs, err)
		}
	}
	return joinErrors(errs...)
}

// cardCount is the number of cards d prints, copies included.
func cardCount(d *deck.Deck) int {
	n := 0
	for i := range d.Personas {
		n += d.Personas[i].Count()
	}
	return n
}

// frontPages is the number of pages of fronts of a PDF of n cards on spec
// that holds faces.
func frontPages(spec *layout.Spec, n int, faces layout.Faces) int {
	if faces == layout.BacksOnly {
		return 0
	}
	fronts := 0
	for _, p := range impose.Impose(spec, n).Pages {
		if p.Side == layout.Front {
			fronts++
		}
	}
	return fronts
}

// HowToPrint tells a person how to print the PDF. With every front first,
// then every back (duplex none), it says which pages to print first, how
// to put the stack back, and which pages next.
func (p *PDF) HowToPrint() string {
	s := p.Spec
	if p.Faces == layout.BothFaces && s.Duplex == layout.DuplexNone && !s.Folded() && !s.TrimBox &&
		s.Order == layout.FrontsThenBacks && p.FrontPages > 0 && p.FrontPages < p.Pages {
		return fmt.Sprintf("1. print %s (the fronts) single-sided, at actual size (100 %%), not \"fit to page\"; "+
			"2. put the printed sheets back in the paper tray, turned over on their long edge, top edge in the same direction, first printed sheet first (the calibration sheet, printed the same way, shows how your printer takes them); "+
			"3. print %s (the backs); then %s",
			pageRange(1, p.FrontPages), pageRange(p.FrontPages+1, p.Pages), s.CutHow())
	}
	return s.HowToPrint(p.Faces)
}

// pageRange names pages a to b: "page 3", "pages 1–5".
func pageRange(a, b int) string {
	if a == b {
		return fmt.Sprintf("page %d", a)
	}
	return fmt.Sprintf("pages %d–%d", a, b)
}

// Files returns the PDFs as files to write: with Split, each the fronts or
// the backs part of one output.
func (r *BuildResult) Files() []File {
	out := make([]File, len(r.PDFs))
	for i, p := range r.PDFs {
		out[i] = File{Name: p.Name, Data: p.Data, Part: p.Part}
	}
	return out
}
