package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/pkg/app"
	"github.com/cardgen/cardgen/pkg/labels"
	"github.com/cardgen/cardgen/pkg/layout"
)

func newBuildCmd(env Env) *cobra.Command {
	var opts app.BuildOptions
	var df dataFlags
	var sf selectFlags
	var out string
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build print-ready PDFs of a deck",
		Long: `Build print-ready PDFs of a deck, one per layout.

Every check runs first; if any fails, nothing is written. Each PDF is written
to a temporary file and renamed into place, so an earlier PDF at the same path
is either kept or replaced whole. Dates in the PDF come from SOURCE_DATE_EPOCH
when it is set, otherwise from a fixed date: the same input gives the same bytes.

Each option that changes what is printed shows in the file's name, so that no
variant overwrites another: out/personas-a4-en-short-ink.pdf.`,
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
			opts.Dataset, opts.Select = df.ds, sf.sel
			if isTerminal(env.Stderr) {
				opts.Progress = env.Stderr
			}
			summary := env.Stdout
			if toStdout(out) {
				summary = env.Stderr // standard output holds the PDF
			}
			res, err := app.Build(opts)
			if err != nil {
				return err
			}
			warn(env.Stderr, res.Warnings)
			paths, err := app.Write(res.Files(), place(out, "out", []string{".pdf"}, env))
			if err != nil {
				return err
			}
			var specs []*layout.Spec
			for i, p := range res.PDFs {
				fmt.Fprintf(summary, "%s: %s, %s of %s%s, %s%s — %s\n", paths[i], labels.Count("en", p.Cards, labels.Cards),
					labels.Count("en", p.Pages, labels.Pages), p.Spec.Paper, perSheet(p.Spec), humanBytes(len(p.Data)), shifted(p.Spec), p.HowToPrint())
				specs = append(specs, p.Spec)
			}
			warnOffsets(env.Stderr, specs...)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&opts.Layouts, "layout", "l", nil, "layout name (see 'cardgen layouts') or layout file; repeat for several (default a4)")
	df.add(f, "format")
	sf.add(f)
	f.StringVarP(&out, "out", "o", "", "output PDF file (one layout), folder, or - for standard output (default: out/, each file named as the README's \"Output file names\" says)")
	duplexFlag(f, &opts.Print.Duplex, "duplex flip edge: long, short, or none (all fronts, then all backs); default: the layout's")
	offsetFlag(f, &opts.Print.BackOffset, "shift every back by X,Y mm (signed), as read on 'cardgen calibrate'; with decimal commas, \"1,5;-0,5\"")
	facesFlag(f, &opts.Print.Faces, "which faces to print: both, fronts or backs")
	f.BoolVar(&opts.Print.Split, "split", false, "write fronts and backs as two PDFs (<name>-fronts.pdf, <name>-backs.pdf)")
	f.BoolVar(&opts.Print.InkSaver, "ink-saver", false, "white backgrounds, colour only in thin bands and rules, for black-and-white printers")
	return cmd
}

// perSheet says how many cards a sheet holds, and in which grid: ", 4
// cards per sheet (2 × 2)"; nothing for a print shop's one face per page.
func perSheet(s *layout.Spec) string {
	if s.TrimBox {
		return ""
	}
	return fmt.Sprintf(", %s per sheet (%d × %d)", labels.Count("en", s.PerSheet(), labels.Cards), s.Columns, s.Rows)
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
