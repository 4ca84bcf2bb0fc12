package build

import (
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/fileout"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
)

// Options is what `cardgen build` is asked to do.
type Options struct {
	Data    string // dataset path; "" for the embedded deck
	Format  string // the dataset's format; "" to choose by its extension
	Lang    string // the edition's language; "" for the dataset's own
	Select  deck.Selection
	Layouts []string  // built-in names or spec paths; empty for "a4"
	Out     string    // a .pdf path (one layout), a directory, "" for "out", or "-" for Stdout
	Stdout  io.Writer // where Out "-" writes the PDF; nil for the process's standard output
	Epoch   string    // SOURCE_DATE_EPOCH
	Print   PrintOptions
	// Progress, when not nil, receives a line per stage of a long build
	// (the CLI passes its standard error when that is a terminal).
	Progress io.Writer
}

// progressFrom is the number of cards from which a build reports progress:
// about a second of work.
var progressFrom = 2000

// PrintOptions override what the layout specs say.
type PrintOptions struct {
	Duplex     string      // "long", "short", "none", or "" for the spec's
	BackOffset *geom.Point // mm; nil for the spec's
	InkSaver   bool        // force ink-saver mode on
	Faces      string      // "both" (or ""), "fronts", "backs"
	Split      bool        // fronts and backs in two files
}

// apply changes spec as opts ask, or says why it cannot.
func (opts PrintOptions) apply(spec *layout.Spec) error {
	switch opts.Faces {
	case "", "both", "fronts", "backs":
	default:
		return &UsageError{fmt.Sprintf("--faces %q: use both, fronts or backs", opts.Faces)}
	}
	if spec.Folded() && (opts.Duplex != "" || opts.BackOffset != nil || opts.Split || opts.Faces == "fronts" || opts.Faces == "backs") {
		return &UsageError{fmt.Sprintf("layout %s prints each back beside its front for folding: --duplex, --back-offset, --faces and --split do not apply to it", spec.Name)}
	}
	if spec.TrimBox && opts.Duplex != "" {
		return &UsageError{fmt.Sprintf("layout %s puts each face on its own page for a print shop, which pairs them itself: --duplex does not apply to it", spec.Name)}
	}
	if opts.Split && (opts.Faces == "fronts" || opts.Faces == "backs") {
		return &UsageError{"--split writes both fronts and backs, each in its own file: leave out --faces, or leave out --split"}
	}
	switch opts.Duplex {
	case "":
	case "long", "short":
		spec.Duplex, spec.Order = layout.Duplex(opts.Duplex), layout.Alternate
	case "none":
		spec.Duplex, spec.Order = layout.DuplexNone, layout.FrontsThenBacks
	default:
		return &UsageError{fmt.Sprintf("--duplex %q: use long, short or none", opts.Duplex)}
	}
	if opts.BackOffset != nil {
		spec.BackOffset = *opts.BackOffset
		if spec.TrimBox && spec.BackOffset != (geom.Point{}) {
			return &UsageError{fmt.Sprintf("layout %s puts each face on its own page for a print shop: it needs no --back-offset", spec.Name)}
		}
		if !spec.BacksOnPaper() {
			return &UsageError{fmt.Sprintf("--back-offset %s,%s moves the backs of layout %s off the printable area; check it with cardgen calibrate",
				layout.MM(spec.BackOffset.X), layout.MM(spec.BackOffset.Y), spec.Name)}
		}
	}
	spec.InkSaver = spec.InkSaver || opts.InkSaver
	return nil
}

// ParseOffset reads a back offset given as "X,Y" in mm, such as "1.5,-0.5".
func ParseOffset(s string) (geom.Point, error) {
	parts := strings.Split(s, ",")
	if len(parts) == 2 {
		x, errX := strconv.ParseFloat(strings.TrimSpace(parts[0]), 64)
		y, errY := strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
		if errX == nil && errY == nil && math.Abs(x) <= 20 && math.Abs(y) <= 20 {
			return geom.Point{X: x, Y: y}, nil
		}
	}
	return geom.Point{}, &UsageError{fmt.Sprintf("--back-offset %q: give X,Y in mm, each between -20 and 20, such as 1.5,-0.5 (cardgen calibrate prints a sheet to measure them)", s)}
}

// Output describes one PDF written.
type Output struct {
	Path  string
	Spec  *layout.Spec
	Faces string // "both", "fronts" or "backs": which sides the file holds
	Cards int
	Pages int
	Bytes int
}

// UsageError is a request that cannot be carried out as given.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Run builds every layout asked for. It loads and checks everything first,
// renders every PDF in memory, then writes them all at once (WriteFiles); on
// any error it writes nothing.
func Run(opts Options) ([]Output, error) {
	names := opts.Layouts
	if len(names) == 0 {
		names = []string{"a4"}
	}
	names = dedupe(names)
	out := opts.Out
	if out == "" {
		out = "out"
	}
	// One file: a .pdf, standard output, or a device or pipe such as
	// /dev/null (written to as it is, see fileout).
	oneFile := strings.EqualFold(filepath.Ext(out), ".pdf") || out == fileout.StdoutName || isDeviceOrPipe(out)
	single := len(names) == 1 && oneFile
	if out == fileout.StdoutName && (len(names) > 1 || opts.Print.Split) {
		return nil, &UsageError{"--out - writes one PDF to standard output, but this build makes several; give a directory instead"}
	}
	if len(names) > 1 && oneFile {
		return nil, &UsageError{fmt.Sprintf("--out %s names one file, but %d layouts were asked for; give a directory instead", out, len(names))}
	}
	date, err := Date(opts.Epoch)
	if err != nil {
		return nil, err
	}
	fam, err := typeface.Default()
	if err != nil {
		return nil, fmt.Errorf("embedded font: %w", err)
	}
	// The dataset and the layouts are read before either is judged, so
	// that the problems of both come out together.
	ed, deckErr := LoadEdition(opts.Data, opts.Format, opts.Lang)
	specs, layoutErr := loadLayouts(names)
	if deckErr != nil {
		return nil, joinErrors(slices.DeleteFunc([]error{deckErr, layoutErr}, func(e error) bool { return e == nil }))
	}
	d, err := deck.Select(ed.Deck, opts.Select)
	if err != nil {
		return nil, err
	}
	suffix := ""
	if !ed.Default {
		suffix = "-" + d.Language
	}
	for _, spec := range specs {
		if err := opts.Print.apply(spec); err != nil {
			return nil, err
		}
	}
	type job struct {
		path string
		out  Output
		pdf  []byte
	}
	// Compose for every layout before rendering any, so that the problems
	// of all layouts come out together.
	composed := make([]*Cards, len(specs))
	var errs []error
	start := time.Now()
	say := func(format string, args ...any) {
		if opts.Progress != nil && len(cardOrder(d)) >= progressFrom {
			fmt.Fprintf(opts.Progress, "cardgen: %5.1f s  %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
		}
	}
	for i, spec := range specs {
		say("composing %d cards for layout %s", len(d.Personas), spec.Name)
		composed[i], err = Compose(d, spec, fam)
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(specs) == 0 {
		// No layout to compose for: still check the characters.
		var problems diag.List
		checkCoverage(d, fam, typo.For(d.Language), &problems)
		if err := problems.Err(); err != nil {
			errs = append(errs, err)
		}
	}
	if layoutErr != nil {
		errs = append(errs, layoutErr)
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	var jobs []job
	for i, spec := range specs {
		cards := composed[i]
		base := out
		if !single {
			base = filepath.Join(out, fmt.Sprintf("%s-%s%s.pdf", d.Name, deck.Slug(spec.Name), suffix))
		}
		parts := []struct{ faces, suffix string }{{opts.Print.Faces, ""}}
		if opts.Print.Split {
			parts = []struct{ faces, suffix string }{{"fronts", "-fronts"}, {"backs", "-backs"}}
		}
		for _, part := range parts {
			say("rendering layout %s", spec.Name)
			pdf, pages, err := Render(cards, fam, date, part.faces)
			if err != nil {
				return nil, fmt.Errorf("layout %s: %w", spec.Name, err)
			}
			path := strings.TrimSuffix(base, filepath.Ext(base)) + part.suffix + filepath.Ext(base)
			jobs = append(jobs, job{path, Output{Path: path, Spec: spec, Faces: part.faces, Cards: len(cardOrder(d)), Pages: pages, Bytes: len(pdf)}, pdf})
		}
	}
	files := map[string][]byte{}
	for i := range jobs {
		for j := range i {
			if filepath.Clean(jobs[i].path) == filepath.Clean(jobs[j].path) {
				return nil, &UsageError{fmt.Sprintf("the layouts in %s and %s are both named %q and would both write %s; change name: in one of them",
					jobs[j].out.Spec.Source, jobs[i].out.Spec.Source, jobs[i].out.Spec.Name, jobs[i].path)}
			}
		}
		files[jobs[i].path] = jobs[i].pdf
	}
	say("writing %d file(s)", len(files))
	if err := fileout.Write(outFiles(files), fileout.Options{Stdout: opts.Stdout}); err != nil {
		return nil, err
	}
	outputs := make([]Output, len(jobs))
	for i, j := range jobs {
		outputs[i] = j.out
	}
	return outputs, nil
}

// isDeviceOrPipe reports whether path is an existing device or named pipe.
func isDeviceOrPipe(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode()&(fs.ModeDevice|fs.ModeCharDevice|fs.ModeNamedPipe) != 0
}

// loadLayouts reads every layout, reporting all their problems together.
func loadLayouts(names []string) ([]*layout.Spec, error) {
	var specs []*layout.Spec
	var errs []error
	for _, n := range names {
		spec, err := LoadLayout(n)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		specs = append(specs, spec)
	}
	if len(errs) > 0 {
		// The layouts that did load are returned too: the deck can still be
		// checked against them, so that every problem comes out at once.
		return specs, joinErrors(errs)
	}
	return specs, nil
}

func dedupe(names []string) []string {
	var out []string
	for _, n := range names {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}
