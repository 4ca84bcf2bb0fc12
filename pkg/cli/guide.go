package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/pkg/app"
	"github.com/cardgen/cardgen/pkg/labels"
)

func newGuideCmd(env Env) *cobra.Command {
	var opts app.GuideOptions
	var df dataFlags
	var sf selectFlags
	var out string
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
			opts.Dataset, opts.Select = df.ds, sf.sel
			opts.Epoch = env.Getenv("SOURCE_DATE_EPOCH")
			doc, err := app.Guide(opts)
			if err != nil {
				return err
			}
			return writeDocument(env, doc, out, labels.Count("en", doc.Cards, labels.Personas)+", ", "print at actual size (100 %)")
		},
	}
	f := cmd.Flags()
	df.add(f, "format")
	sf.add(f)
	word(f, &opts.Paper, "paper", "A4", "paper", "paper: A4 or Letter", app.ParsePaper)
	f.StringVarP(&out, "out", "o", "", "output PDF file, folder, or - for standard output (default: out/<deck>-guide-<paper>.pdf)")
	return cmd
}

// writeDocument writes a one-file PDF (--out a file, a folder or -) and
// says what it is: "out/calibrate-a4.pdf: 2 pages of A4 … — how to print".
func writeDocument(env Env, doc *app.Document, out, what, how string) error {
	warn(env.Stderr, doc.Warnings)
	paths, err := app.Write([]app.File{{Name: doc.Name, Data: doc.Data}}, place(out, "out", []string{".pdf"}, env))
	if err != nil {
		return err
	}
	summary := env.Stdout
	if toStdout(out) {
		summary = env.Stderr
	}
	fmt.Fprintf(summary, "%s: %s%s of %s — %s\n", paths[0], what, labels.Count("en", doc.Pages, labels.Pages), doc.Paper, how)
	return nil
}
