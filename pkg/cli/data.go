package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/pkg/app"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/labels"
)

func newValidateCmd(env Env) *cobra.Command {
	var opts app.ValidateOptions
	var df dataFlags
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Check a dataset against layouts, reporting every problem at once",
		Long: `Check a dataset the way 'cardgen build' does, without writing anything:
required and unknown fields, duplicate ids, categories, country codes, colours,
images, characters the font lacks, and text that cannot fit a layout's cards at
the minimum size, every edition of the deck (personas.en.yaml beside
personas.yaml) unless --lang names one. Every problem is reported with its
file, line (or spreadsheet cell), persona and field. Exit 1 when there is any.`,
		Example: `  cardgen validate --data mes-personas.csv
  cardgen validate --data deck.yaml --layout a4 --layout a4-poker`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			opts.Dataset = df.ds
			rep, err := app.Validate(opts)
			if rep != nil && !rep.OK() {
				err = joinProblems(err, rep.Problems) // sorted, the problems not shown last
			}
			if err != nil {
				return err
			}
			warn(env.Stderr, rep.Warnings)
			fmt.Fprintln(env.Stdout, rep.Summary())
			return nil
		},
	}
	df.add(cmd.Flags(), "format")
	cmd.Flags().StringArrayVarP(&opts.Layouts, "layout", "l", nil, "layout to check the cards against; repeat for several (default a4)")
	return cmd
}

// joinProblems puts the input's problems after the errors of the options.
func joinProblems(err, problems error) error {
	switch {
	case err == nil:
		return problems
	case problems == nil:
		return err
	}
	return joined{err, problems}
}

// joined is two errors, each worded on its own by Exit.
type joined [2]error

func (j joined) Error() string   { return j[0].Error() + "\n" + j[1].Error() }
func (j joined) Unwrap() []error { return j[:] }

func newExportCmd(env Env) *cobra.Command {
	var df dataFlags
	var to, out string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the deck in another format (.xlsx, .ods, CSV, YAML, JSON, Markdown)",
		Long: `Write a deck, the embedded one by default, in any format cardgen reads, so
that you can start your own from it. .xlsx and .ods open in Excel and LibreOffice
with a sheet of personas (the header in the deck's language, text wrapped,
categories in their colours), one of categories and one for the deck's title;
CSV too (UTF-8 with a byte order mark, semicolons, conditions one per line in
their cell). Reading the export back gives the same deck.`,
		Example: `  cardgen export --format ods --out mes-personas.ods
  cardgen export --format csv --out mes-personas.csv
  cardgen export --format md --lang en > personas-en.md
  cardgen export --data mes-personas.csv --format yaml --out mes-personas.yaml`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			if to == "" && out != "" && !toStdout(out) {
				to = strings.TrimPrefix(filepath.Ext(out), ".")
			}
			if out == "" && isTerminal(env.Stdout) {
				if t := strings.ToLower(to); deck.Binary(t) {
					return usageError{fmt.Errorf("a .%s workbook is a binary file, not for the terminal: write it to a file with --out, such as --out mes-personas.%s", t, t)}
				}
			}
			data, d, err := app.Export(app.ExportOptions{Dataset: df.ds, To: to})
			if err != nil {
				return err
			}
			if out == "" {
				out = "-"
			}
			if _, err := app.Write([]app.File{{Name: out, Data: data}}, app.Place{Out: out, Exts: []string{filepath.Ext(out)}, Stdout: env.Stdout}); err != nil {
				return err
			}
			if !toStdout(out) {
				format := to
				if format == "" {
					format = "yaml"
				}
				fmt.Fprintf(env.Stdout, "%s: %s in %s\n", out, labels.Count("en", len(d.Personas), labels.Personas), format)
			}
			return nil
		},
	}
	df.add(cmd.Flags(), "data-format")
	cmd.Flags().StringVar(&to, "format", "", "format to write: "+strings.Join(deck.Formats, ", ")+" (default: from --out's extension, else yaml)")
	cmd.Flags().StringVarP(&out, "out", "o", "", "file to write, or - for standard output (the default)")
	return cmd
}
