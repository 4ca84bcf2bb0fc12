package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/pkg/app"
	"github.com/cardgen/cardgen/pkg/render/png"
)

func newPreviewCmd(env Env) *cobra.Command {
	var opts app.PreviewOptions
	var df dataFlags
	var sf selectFlags
	var out string
	cmd := &cobra.Command{
		Use:   "preview",
		Short: "Write pictures of card faces (PNG or SVG), for a class website or a slide",
		Long: `Write a picture of the front and the back of each card, cut at the trim, as
<deck>-<layout>-<id>-front.png and -back.png, or one contact sheet of them all
(--sheet): the fronts in a row, their backs below. Nothing needs to be installed.

PNG pictures are drawn at --dpi pixels per inch of card. SVG pictures keep
their text as text, in the font of the cards: the font files go into a fonts
folder beside them, or into each file with --embed-fonts, so that it opens
anywhere on its own. Cards keep their number in the whole deck.`,
		Example: `  cardgen preview --only hao,koffi,lucia --out slides/
  cardgen preview --sheet --only koffi,akinyi,lucia,hayao --out cards.png
  cardgen preview --format svg --embed-fonts --lang en --faces fronts
  cardgen preview --layout poker --dpi 300 --bleed`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			opts.Dataset, opts.Select = df.ds, sf.sel
			pl, err := app.PicturesPlace(opts, out, env.Stdout)
			if err != nil {
				return err
			}
			pics, err := app.Preview(opts)
			if err != nil {
				return err
			}
			warn(env.Stderr, pics.Warnings)
			paths, err := app.Write(pics.Files, pl)
			if err != nil {
				return err
			}
			if toStdout(out) {
				return nil
			}
			for _, p := range paths {
				fmt.Fprintln(env.Stdout, p)
			}
			return nil
		},
	}
	f := cmd.Flags()
	df.add(f, "data-format")
	sf.add(f)
	word(f, &opts.Format, "format", "png", "format", "picture format: png or svg", app.ParsePictureFormat)
	f.StringVarP(&opts.Layout, "layout", "l", app.PreviewLayout, "layout whose card size and design to show")
	f.StringVarP(&out, "out", "o", "", "folder to write the pictures in (default out/preview); with --sheet, may name the .png or .svg file, or - for standard output")
	f.IntVar(&opts.DPI, "dpi", png.DefaultDPI, "resolution of PNG pictures, in pixels per inch of card")
	facesFlag(f, &opts.Faces, "which faces: both, fronts or backs")
	f.BoolVar(&opts.Bleed, "bleed", false, "show the bleed around each face, as printed before cutting")
	f.BoolVar(&opts.Sheet, "sheet", false, "write one contact sheet: the fronts in rows, each above its backs")
	f.BoolVar(&opts.EmbedFonts, "embed-fonts", false, "put the fonts (only the letters used) in each SVG, so that it needs no other file")
	return cmd
}
