package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/cardgen/cardgen/fonts"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/render/png"
	"github.com/cardgen/cardgen/pkg/render/svg"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// PreviewOptions is what `cardgen preview` is asked to do.
type PreviewOptions struct {
	Data, Format, Lang string
	Select             deck.Selection
	Layout             string // whose card size and design to show; "" for "tarot"
	// Out is the directory to write in ("" for "out/preview"); with Sheet,
	// it may name the picture itself (a .png or .svg file).
	Out string
	// Image is the pictures' format: "png" (or "") or "svg".
	Image string
	DPI   int    // PNG resolution; 0 for 150
	Faces string // "both" (or ""), "fronts", "backs"
	// Bleed shows the bleed around each face; otherwise faces are cut at
	// the trim, as they look once cut out.
	Bleed bool
	// Sheet writes one contact sheet, the fronts above their backs, instead
	// of a picture per face.
	Sheet bool
	// EmbedFonts puts the fonts (subsets) in each SVG; otherwise SVGs refer
	// to the font files, written into a fonts folder beside them.
	EmbedFonts bool
}

// Sheet geometry of a contact sheet, in mm.
const (
	sheetGap     = 4.0
	sheetMargin  = 4.0
	sheetColumns = 5 // at most, unless the cards need more to stay near square
)

// Preview writes a picture of each face of the cards asked for, or one
// contact sheet of them, drawn in pure Go: no PDF, no outside program, no
// temporary file. Only the cards asked for are composed, each numbered as
// in the whole deck (card 2 of 20 is 2/20 in any selection). It returns the
// files written.
func Preview(opts PreviewOptions) ([]string, error) {
	format := strings.ToLower(opts.Image)
	switch format {
	case "":
		format = "png"
	case "png", "svg":
	default:
		return nil, &UsageError{fmt.Sprintf("--format %q: use png or svg", opts.Image)}
	}
	if opts.DPI == 0 {
		opts.DPI = png.DefaultDPI
	}
	if opts.DPI < 30 || opts.DPI > 1200 {
		return nil, &UsageError{fmt.Sprintf("--dpi %d: choose between 30 and 1200", opts.DPI)}
	}
	sides, err := sidesOf(opts.Faces)
	if err != nil {
		return nil, err
	}
	if opts.EmbedFonts && format != "svg" {
		return nil, &UsageError{"--embed-fonts is for SVG pictures: add --format svg, or leave it out"}
	}
	out := opts.Out
	if out == "" {
		out = filepath.Join("out", "preview")
	}
	if ext := strings.ToLower(filepath.Ext(out)); ext == ".png" || ext == ".svg" {
		if !opts.Sheet {
			return nil, &UsageError{fmt.Sprintf("--out %s names one picture, but each face gets its own: give a directory, or add --sheet", out)}
		}
		if ext[1:] != format {
			return nil, &UsageError{fmt.Sprintf("--out %s is a %s file, but --format is %s", out, ext[1:], format)}
		}
	}
	name := opts.Layout
	if name == "" {
		name = "tarot"
	}
	spec, err := LoadLayout(name)
	if err != nil {
		return nil, err
	}
	fam, err := typeface.Default()
	if err != nil {
		return nil, err
	}
	ed, err := LoadEdition(opts.Data, opts.Format, opts.Lang)
	if err != nil {
		return nil, err
	}
	chosen, err := deck.Select(ed.Deck, opts.Select)
	if err != nil {
		return nil, err
	}
	if len(opts.Select.Only) > 0 && opts.Select.Sort == "" {
		// The pictures come in the order --only names the cards.
		at := map[string]int{}
		for i, id := range opts.Select.Only {
			at[strings.TrimSpace(id)] = i
		}
		slices.SortStableFunc(chosen.Personas, func(a, b deck.Persona) int { return at[a.ID] - at[b.ID] })
	}
	// Only the cards asked for are composed, numbered as in the whole deck.
	place := map[string]int{}
	for i, p := range ed.Deck.Personas {
		place[p.ID] = i + 1
	}
	cards, err := composeNumbered(chosen, spec, fam, func(i int) (int, int) {
		return place[chosen.Personas[i].ID], len(ed.Deck.Personas)
	})
	if err != nil {
		return nil, err
	}

	type item struct {
		path string
		page draw.Page
	}
	var items []item
	if opts.Sheet {
		file := out
		if ext := strings.ToLower(filepath.Ext(out)); ext != ".png" && ext != ".svg" {
			suffix := ""
			if !ed.Default {
				suffix = "-" + chosen.Language
			}
			file = filepath.Join(out, fmt.Sprintf("%s-sheet%s.%s", chosen.Name, suffix, format))
		}
		items = append(items, item{file, contactSheet(cards.Faces, sides, opts.Bleed)})
	} else {
		for i, p := range chosen.Personas {
			for _, side := range sides {
				items = append(items, item{
					path: filepath.Join(out, fmt.Sprintf("%s-%s.%s", p.ID, [2]string{"front", "back"}[side], format)),
					page: draw.Single(&cards.Faces[i][side], opts.Bleed),
				})
			}
		}
	}

	files := map[string][]byte{}
	var written []string
	svgOpts := svg.Options{Family: fam, Images: cards.Images, EmbedFonts: opts.EmbedFonts}
	if format == "svg" && !opts.EmbedFonts {
		// The SVGs refer to the font files, written beside them.
		fontDir := filepath.Dir(items[0].path)
		names := map[typeface.Style]string{typeface.Regular: fonts.Files.Regular, typeface.Bold: fonts.Files.Bold,
			typeface.Italic: fonts.Files.Italic, typeface.BoldItalic: fonts.Files.BoldItalic}
		svgOpts.FontURL = func(st typeface.Style) string { return path.Join("fonts", names[st]) }
		for _, f := range []string{fonts.Files.Regular, fonts.Files.Bold, fonts.Files.Italic, fonts.Files.BoldItalic, "OFL.txt"} {
			data, err := fs.ReadFile(fonts.FS, f)
			if err != nil {
				return nil, err
			}
			p := filepath.Join(fontDir, "fonts", f)
			files[p] = data
			written = append(written, p)
		}
	}
	// Faces are drawn on every core, each into its own slot.
	results := make([][]byte, len(items))
	errs := make([]error, len(items))
	raster := png.New(fam, cards.Images)
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				var buf bytes.Buffer
				if format == "svg" {
					errs[i] = svg.Page(&buf, items[i].page, svgOpts)
				} else {
					img, err := raster.Page(items[i].page, float64(opts.DPI))
					if err == nil {
						err = png.Encode(&buf, img, float64(opts.DPI))
					}
					errs[i] = err
				}
				results[i] = buf.Bytes()
			}
		})
	}
	for i := range items {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, it := range items {
		if errs[i] != nil {
			return nil, fmt.Errorf("%s: %w", it.path, errs[i])
		}
		files[it.path] = results[i]
		written = append(written, it.path)
	}
	if err := WriteFiles(files); err != nil {
		return nil, err
	}
	return written, nil
}

// sidesOf reads --faces.
func sidesOf(faces string) ([]int, error) {
	switch faces {
	case "", "both":
		return []int{0, 1}, nil
	case "fronts":
		return []int{0}, nil
	case "backs":
		return []int{1}, nil
	}
	return nil, &UsageError{fmt.Sprintf("--faces %q: use both, fronts or backs", faces)}
}

// contactSheet lays cards out in a grid on white, each front above its
// back, a row of fronts then a row of their backs: the picture for a slide
// or a README. Faces are cut at the trim, or show their bleed.
func contactSheet(faces [][2]draw.Drawing, sides []int, bleed bool) draw.Page {
	n := len(faces)
	cols := min(n, max(sheetColumns, int(math.Ceil(math.Sqrt(float64(n))))))
	rows := (n + cols - 1) / cols
	d0 := &faces[0][0]
	b := 0.0
	if bleed {
		b = d0.Bleed
	}
	cellW, cellH := d0.W+2*b+sheetGap, d0.H+2*b+sheetGap
	page := draw.Page{
		W: 2*sheetMargin + float64(cols)*cellW - sheetGap,
		H: 2*sheetMargin + float64(rows*len(sides))*cellH - sheetGap,
	}
	for i := range faces {
		col, row := i%cols, i/cols
		for k, side := range sides {
			d := &faces[i][side]
			at := geom.R(sheetMargin+float64(col)*cellW+b, sheetMargin+float64(row*len(sides)+k)*cellH+b, d.W, d.H)
			page.Faces = append(page.Faces, draw.Placed{Drawing: d, At: at, Clip: !bleed})
		}
	}
	return page
}
