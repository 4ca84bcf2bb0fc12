package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"path/filepath"
	"strings"

	"github.com/cardgen/cardgen/fonts"
	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/choice"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/render/png"
	"github.com/cardgen/cardgen/pkg/render/svg"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// PictureFormat is the format of pictures of cards.
type PictureFormat string

// The picture formats.
const (
	PNG PictureFormat = "png"
	SVG PictureFormat = "svg"
)

// PictureFormats lists the picture formats.
var PictureFormats = []PictureFormat{PNG, SVG}

// ParsePictureFormat reads a picture format, in any case; "" is PNG.
func ParsePictureFormat(s string) (PictureFormat, error) {
	if s == "" {
		return PNG, nil
	}
	return choice.Parse("picture format", s, PictureFormats...)
}

// Ext is the format's file extension: ".png".
func (f PictureFormat) Ext() string { return "." + string(f) }

// ParseSide reads a card's side: "front" or "back", in any case.
func ParseSide(s string) (layout.Side, error) {
	w, err := choice.Parse("side", s, "front", "back")
	if w == "back" {
		return layout.Back, err
	}
	return layout.Front, err
}

// PreviewLayout is the layout pictures of cards show when none is named.
const PreviewLayout = "tarot"

// The resolutions of pictures, in pixels per inch of card.
const (
	MinDPI = 30
	MaxDPI = 1200
)

// PreviewOptions is what pictures of cards to make.
type PreviewOptions struct {
	Dataset
	Select deck.Selection
	Layout string        // whose card size and design; "" for PreviewLayout
	Format PictureFormat // "" for PNG
	DPI    int           // PNG resolution; 0 for png.DefaultDPI
	Faces  layout.Faces  // "" for both
	// Bleed shows the bleed around each face; otherwise faces are cut at
	// the trim, as they look once cut out.
	Bleed bool
	// Sheet makes one contact sheet, each front above its back, instead of
	// a picture per face.
	Sheet bool
	// EmbedFonts puts the fonts (subsets) in each SVG; otherwise SVGs refer
	// to the font files, which come as files of their own (fonts/…).
	EmbedFonts bool
}

// Pictures are pictures an operation made.
type Pictures struct {
	Files    []File
	Warnings diag.List
}

// Sheet geometry of a contact sheet, in mm.
const (
	sheetGap     = 4.0
	sheetMargin  = 4.0
	sheetColumns = 5 // at most, unless the cards need more to stay near square
)

// check fills in the defaults and says what is wrong with the options.
func (opts *PreviewOptions) check() error {
	f, err := ParsePictureFormat(string(opts.Format))
	if err != nil {
		return fromChoice(OptPictures, err)
	}
	opts.Format = f
	if opts.DPI == 0 {
		opts.DPI = png.DefaultDPI
	}
	if opts.DPI < MinDPI || opts.DPI > MaxDPI {
		return invalid(OptDPI, fmt.Sprint(opts.DPI), fmt.Sprintf("choose between %d and %d", MinDPI, MaxDPI))
	}
	if opts.Faces == "" {
		opts.Faces = layout.BothFaces
	}
	if _, err := layout.ParseFaces(string(opts.Faces)); err != nil {
		return fromChoice(OptFaces, err)
	}
	if opts.EmbedFonts && opts.Format != SVG {
		return conflict(OptEmbedFonts, "{embed fonts} is for SVG pictures: ask for the SVG {picture format}, or leave it out")
	}
	return nil
}

// Preview draws a picture of each face of the cards asked for, or one
// contact sheet of them, in pure Go: no PDF, no outside program. Only the
// cards asked for are composed, each numbered as in the whole deck (card 2
// of 20 is 2/20 in any selection); the pictures come in the order of the
// selection.
func Preview(opts PreviewOptions) (*Pictures, error) {
	return PreviewContext(context.Background(), opts)
}

// PreviewContext is Preview, stopping early with ctx's error once ctx is
// done: it looks before each face it draws.
func PreviewContext(ctx context.Context, opts PreviewOptions) (*Pictures, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	name := opts.Layout
	if name == "" {
		name = PreviewLayout
	}
	spec, err := LoadLayout(name)
	if err != nil {
		return nil, err
	}
	fam, err := typeface.Default()
	if err != nil {
		return nil, err
	}
	ed, warnings, err := loadPartial(opts.Dataset)
	if err != nil {
		return nil, joinErrors(err, checkPartial(ed, []*layout.Spec{spec}, fam))
	}
	chosen, err := selectCards(ed.Deck, opts.Select)
	if err != nil {
		return nil, err
	}
	chosen = printable(chosen)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cards, err := build.Compose(chosen, spec, fam)
	if err != nil {
		return nil, err
	}
	v := Variant{Layout: spec.FileLabel(), Bleed: opts.Bleed}
	if !ed.Default {
		v.Lang = chosen.Language
	}
	if opts.Format == PNG && opts.DPI != png.DefaultDPI {
		v.DPI = opts.DPI
	}
	type item struct {
		name string
		page draw.Page
	}
	var items []item
	sides := opts.Faces.Sides()
	if opts.Sheet {
		sv := v
		sv.Faces, sv.Selection, sv.Sort = opts.Faces, SelectionLabel(opts.Select, ed.Deck), sortLabel(opts.Select)
		items = append(items, item{sv.Name(chosen.Name, "sheet", "", opts.Format.Ext()), contactSheet(cards.Faces, sides, opts.Bleed)})
	} else {
		for i, p := range chosen.Personas {
			for _, side := range sides {
				items = append(items, item{
					name: v.Name(chosen.Name, "", p.ID+"-"+side.String(), opts.Format.Ext()),
					page: draw.Single(&cards.Faces[i][side], opts.Bleed),
				})
			}
		}
	}
	var files []File
	svgOpts := svg.Options{Family: fam, Images: cards.Images, EmbedFonts: opts.EmbedFonts}
	if opts.Format == SVG && !opts.EmbedFonts {
		// The SVGs refer to the font files, which go beside them.
		names := map[typeface.Style]string{typeface.Regular: fonts.Files.Regular, typeface.Bold: fonts.Files.Bold,
			typeface.Italic: fonts.Files.Italic, typeface.BoldItalic: fonts.Files.BoldItalic}
		svgOpts.FontURL = func(st typeface.Style) string { return path.Join("fonts", names[st]) }
		for _, f := range []string{fonts.Files.Regular, fonts.Files.Bold, fonts.Files.Italic, fonts.Files.BoldItalic, "OFL.txt"} {
			data, err := fs.ReadFile(fonts.FS, f)
			if err != nil {
				return nil, err
			}
			files = append(files, File{Name: path.Join("fonts", f), Data: data, Aux: true})
		}
	}
	// Faces are drawn on every core, each into its own slot.
	results := make([][]byte, len(items))
	errs := make([]error, len(items))
	raster := png.New(fam, cards.Images)
	build.EachParallel(len(items), func(i int) {
		if errs[i] = ctx.Err(); errs[i] != nil {
			return
		}
		var buf bytes.Buffer
		if opts.Format == SVG {
			errs[i] = svg.Page(&buf, items[i].page, svgOpts)
		} else {
			img, err := raster.Page(items[i].page, float64(opts.DPI))
			if err == nil {
				err = png.Encode(&buf, img, float64(opts.DPI))
			}
			errs[i] = err
		}
		results[i] = buf.Bytes()
	}, func(i int) string { return "drawing " + items[i].name })
	var pictures []File
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, it := range items {
		if errs[i] != nil {
			return nil, fmt.Errorf("%s: %w", it.name, errs[i])
		}
		pictures = append(pictures, File{Name: it.name, Data: results[i]})
	}
	return &Pictures{Files: append(pictures, files...), Warnings: warnings}, nil
}

// FaceOptions is which face of which card to draw.
type FaceOptions struct {
	Dataset
	Layout string // "" for PreviewLayout
	Card   string // the persona's id
	Side   layout.Side
	Format PictureFormat // "" for PNG
	DPI    int           // PNG resolution; 0 for png.DefaultDPI
	Bleed  bool
	// EmbedFonts puts the fonts in the SVG; otherwise it refers to them
	// as fonts/<file>, beside it.
	EmbedFonts bool
}

// Face draws one face of one card, numbered as in the whole deck: the
// picture, named as Preview names it.
func Face(opts FaceOptions) (*File, error) {
	faces := layout.FrontsOnly
	if opts.Side == layout.Back {
		faces = layout.BacksOnly
	}
	if opts.Card == "" {
		return nil, invalid(OptCard, "", "name the card by its persona's id")
	}
	pics, err := Preview(PreviewOptions{Dataset: opts.Dataset, Select: deck.Selection{Only: []string{opts.Card}}, Layout: opts.Layout,
		Format: opts.Format, DPI: opts.DPI, Faces: faces, Bleed: opts.Bleed, EmbedFonts: opts.EmbedFonts})
	var oe *OptionError
	if errors.As(err, &oe) && oe.Option == OptOnly {
		// The card is this operation's option, not a selection.
		card := *oe
		card.Option = OptCard
		return nil, &card
	}
	if err != nil {
		return nil, err
	}
	for _, f := range pics.Files {
		if !f.Aux {
			return &f, nil
		}
	}
	return nil, fmt.Errorf("no picture of %s", opts.Card)
}

// contactSheet lays cards out in a grid on white, each front above its
// back, a row of fronts then a row of their backs: the picture for a slide
// or a README. Faces are cut at the trim, or show their bleed.
func contactSheet(faces [][2]draw.Drawing, sides []layout.Side, bleed bool) draw.Page {
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

// PicturesPlace says where the pictures of opts go: in the folder out
// ("" for out/preview), or, for a contact sheet, the picture out itself (a
// .png or .svg file, or "-" for stdout).
func PicturesPlace(opts PreviewOptions, out string, stdout io.Writer) (Place, error) {
	format, err := ParsePictureFormat(string(opts.Format))
	if err != nil {
		return Place{}, fromChoice(OptPictures, err)
	}
	pl := Place{Out: out, Dir: filepath.Join("out", "preview"), Exts: []string{".png", ".svg"}, Stdout: stdout,
		Several: "give a folder, or ask for one contact {sheet}"}
	ext := strings.ToLower(filepath.Ext(out))
	if ext != ".png" && ext != ".svg" {
		return pl, nil
	}
	if !opts.Sheet {
		return Place{}, invalid(OptOut, out, "names one picture, but each face gets its own: give a folder, or ask for one contact {sheet}")
	}
	if ext != format.Ext() {
		return Place{}, invalid(OptOut, out, fmt.Sprintf("is a %s file, but the {picture format} is %s", ext[1:], format))
	}
	return pl, nil
}
