package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/pkg/build"
)

func newBuildCmd(env Env) *cobra.Command {
	var opts build.Options
	var backOffset string
	var df dataFlags
	var sf selectFlags
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build print-ready PDFs of a deck",
		Long: `Build print-ready PDFs of a deck, one per layout.

Every check runs first; if any fails, nothing is written. Each PDF is written
to a temporary file and renamed into place, so an earlier PDF at the same path
is either kept or replaced whole. Dates in the PDF come from SOURCE_DATE_EPOCH
when it is set, otherwise from a fixed date: the same input gives the same bytes.`,
		Example: `  cardgen build
  cardgen build --layout tarot --out deck-tarot.pdf
  cardgen build --layout a4 --layout tarot --out release/
  cardgen build --data my-personas.yaml --layout ./my-layout.yaml
  cardgen build --duplex short --back-offset 0.5,-1
  cardgen build --layout a4-fold --ink-saver
  cardgen build --lang en --category clickwork --sort name`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.Epoch = env.Getenv("SOURCE_DATE_EPOCH")
			opts.Data, opts.Format, opts.Lang, opts.Select = df.data, df.format, df.lang, sf.sel
			if isTerminal(env.Stderr) {
				opts.Progress = env.Stderr
			}
			if backOffset != "" {
				p, err := build.ParseOffset(backOffset)
				if err != nil {
					return err
				}
				opts.Print.BackOffset = &p
			}
			opts.Stdout = env.Stdout
			summary := env.Stdout
			if opts.Out == "-" {
				summary = env.Stderr // standard output holds the PDF
			}
			outputs, err := build.Run(opts)
			for _, o := range outputs {
				fmt.Fprintf(summary, "%s: %s, %s of %s, %s — %s\n",
					o.Path, plural(o.Cards, "card"), plural(o.Pages, "page"), o.Spec.Paper, humanBytes(o.Bytes), o.Spec.HowToPrint(o.Faces))
			}
			return err
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&opts.Layouts, "layout", "l", nil, "layout name (see 'cardgen layouts') or layout file; repeat for several (default a4)")
	df.add(f, "format")
	sf.add(f)
	f.StringVarP(&opts.Out, "out", "o", "", "output PDF file (one layout), directory, or - for standard output (default out/<deck>-<layout>.pdf)")
	f.StringVar(&opts.Print.Duplex, "duplex", "", "duplex flip edge: long, short, or none (all fronts, then all backs); default: the layout's")
	f.StringVar(&backOffset, "back-offset", "", "shift every back by X,Y mm (signed), as read on 'cardgen calibrate'")
	f.StringVar(&opts.Print.Faces, "faces", "both", "which faces to print: both, fronts or backs")
	f.BoolVar(&opts.Print.Split, "split", false, "write fronts and backs as two PDFs (<name>-fronts.pdf, <name>-backs.pdf)")
	f.BoolVar(&opts.Print.InkSaver, "ink-saver", false, "white backgrounds, colour only in thin bands and rules, for black-and-white printers")
	return cmd
}

func humanBytes(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+512)>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// isTerminal reports whether w is a terminal (not a file or a pipe).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// plural writes n and a noun, with an s when n is not 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
