package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/pkg/app"
)

// newTabletopCmd is `cardgen tabletop` (alias tts). A command of its own,
// like preview, guide and calibrate, rather than a layout for build: build's
// layouts describe printed sheets and write PDFs, with print flags (duplex,
// split, faces) that mean nothing here, while this writes pictures and
// takes a layout only for its card size and design, as preview does.
func newTabletopCmd(env Env) *cobra.Command {
	var opts app.TabletopOptions
	var df dataFlags
	var sf selectFlags
	var out string
	cmd := &cobra.Command{
		Use:     "tabletop",
		Aliases: []string{"tts"},
		Short:   "Write the deck for Tabletop Simulator: deck sheets and how to import them",
		Long: `Write the deck as Tabletop Simulator's custom deck pictures: sheets of the
fronts (at most 10 × 7 cards and 4096 pixels a side; the last slot of each
shows the deck's title, which other players see of the cards in your hand),
sheets of the backs in the same grid (or one back picture when the layout's
cards share one), and <deck>-tts-<layout>.txt, which says how to import them
(Objects > Components > Custom > Deck) and what to fill in. A deck of more
than 69 cards takes several sheets.`,
		Example: `  cardgen tabletop
  cardgen tts --lang en --layout poker --out tts/`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			opts.Dataset, opts.Select = df.ds, sf.sel
			res, err := app.Tabletop(opts)
			if err != nil {
				return err
			}
			warn(env.Stderr, res.Warnings)
			paths, err := app.Write(res.Files, place(out, "out", nil, env))
			if err != nil {
				return err
			}
			for _, p := range paths {
				fmt.Fprintln(env.Stdout, p)
			}
			fmt.Fprintf(env.Stdout, "Import: Objects > Components > Custom > Deck; %s says what to fill in.\n", paths[len(paths)-1])
			return nil
		},
	}
	f := cmd.Flags()
	df.add(f, "format")
	sf.add(f)
	f.StringVarP(&opts.Layout, "layout", "l", app.PreviewLayout, "layout whose card size and design to use")
	f.StringVarP(&out, "out", "o", "", "folder to write in (default out)")
	f.IntVar(&opts.DPI, "dpi", app.TabletopDPI, "the most pixels per inch of card; less when a sheet would exceed 4096 pixels")
	return cmd
}
