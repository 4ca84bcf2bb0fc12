package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/pkg/build"
)

func newPreviewCmd(env Env) *cobra.Command {
	var opts build.PreviewOptions
	var df dataFlags
	var sf selectFlags
	cmd := &cobra.Command{
		Use:   "preview",
		Short: "Write PNG images of card faces, for a class website or a slide",
		Long: `Write a PNG image of the front and the back of each card, cut at the trim, as
<id>-front.png and <id>-back.png. Needs pdftoppm (poppler-utils).`,
		Example: `  cardgen preview --only hao,koffi,lucia --out slides/
  cardgen preview --layout poker --lang en --dpi 300`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			opts.Data, opts.Format, opts.Lang, opts.Select = df.data, df.format, df.lang, sf.sel
			files, err := build.Preview(opts)
			if err != nil {
				return err
			}
			for _, f := range files {
				fmt.Fprintln(env.Stdout, f)
			}
			return nil
		},
	}
	f := cmd.Flags()
	df.add(f, "format")
	sf.add(f)
	f.StringVarP(&opts.Layout, "layout", "l", "tarot", "layout whose card size and design to show")
	f.StringVarP(&opts.Out, "out", "o", "", "directory to write the images in (default out/preview)")
	f.IntVar(&opts.DPI, "dpi", 150, "resolution, in pixels per inch of card")
	return cmd
}
