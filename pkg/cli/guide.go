package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/pkg/build"
)

func newGuideCmd(env Env) *cobra.Command {
	var opts build.GuideOptions
	var df dataFlags
	var sf selectFlags
	cmd := &cobra.Command{
		Use:   "guide",
		Short: "Write the facilitator's sheet: a world map of the personas and the list by category",
		Long: `Write a one- or two-page overview for the teacher: a world map with a mark
where each persona works (grouped by country, showing where the hidden work of
AI happens), and every persona by category with role and country.`,
		Example: `  cardgen guide
  cardgen guide --lang en --paper letter --out guide-en.pdf`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			opts.Data, opts.Format, opts.Lang, opts.Select = df.data, df.format, df.lang, sf.sel
			opts.Epoch = env.Getenv("SOURCE_DATE_EPOCH")
			o, err := build.Guide(opts)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "%s: %d personas, %d page(s) of %s — print at actual size (100 %%)\n", o.Path, o.Cards, o.Pages, o.Spec.Paper)
			return nil
		},
	}
	f := cmd.Flags()
	df.add(f, "format")
	sf.add(f)
	f.StringVar(&opts.Paper, "paper", "A4", "paper: A4 or Letter")
	f.StringVarP(&opts.Out, "out", "o", "", "output PDF file or directory (default out/<deck>-guide.pdf)")
	return cmd
}
