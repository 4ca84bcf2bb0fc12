package cli

import (
	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/pkg/app"
)

func newCalibrateCmd(env Env) *cobra.Command {
	var opts app.CalibrateOptions
	var out string
	cmd := &cobra.Command{
		Use:   "calibrate",
		Short: "Write a sheet that measures where your printer puts the back side",
		Long: `Write a two-page calibration sheet for a layout's paper and duplex edge.

Print it double-sided at actual size and hold it against a window, back side
facing you: each cross of the front falls on the back's scales at the offset
to pass to 'cardgen build --back-offset X,Y'. The instructions are on the sheet.`,
		Example: `  cardgen calibrate
  cardgen calibrate --layout letter --duplex short
  cardgen calibrate --back-offset 1.5,-0.5    # check a correction: the crosses now read 0`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			opts.Epoch = env.Getenv("SOURCE_DATE_EPOCH")
			doc, err := app.Calibrate(opts)
			if err != nil {
				return err
			}
			how := "print double-sided as you print your decks, at actual size (100 %), then follow the instructions on the sheet"
			if s := app.DescribeOffset(doc.Spec.BackOffset); s != "" {
				how = s + "; " + how
			}
			warnOffsets(env.Stderr, doc.Spec)
			return writeDocument(env, doc, out, "", how)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Layout, "layout", "l", "a4", "layout whose paper and duplex edge to calibrate")
	f.StringVarP(&out, "out", "o", "", "output PDF file, folder, or - for standard output (default: out/calibrate-<layout>.pdf)")
	duplexFlag(f, &opts.Print.Duplex, "duplex flip edge: long or short (none: the stack turned by hand, as long); default: the layout's")
	offsetFlag(f, &opts.Print.BackOffset, "shift the back by X,Y mm, to check a correction")
	f.StringVar(&opts.Lang, "lang", "", "language of the instructions (fr, en); default: the default deck's")
	return cmd
}
