package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/fileout"
)

// dataFlags are the flags of every command that reads a dataset.
type dataFlags struct {
	data, format, lang string
}

// add registers the flags; the dataset's format flag is named formatFlag
// ("format", or "data-format" where --format names an output format).
func (d *dataFlags) add(f *pflag.FlagSet, formatFlag string) {
	f.StringVarP(&d.data, "data", "d", "", "dataset file: "+strings.Join(deck.Extensions, ", ")+" (default: the embedded deck)")
	f.StringVar(&d.format, formatFlag, "", "the dataset's format, when its extension does not say: "+strings.Join(deck.Formats, ", "))
	f.StringVar(&d.lang, "lang", "", "edition to use (fr, en, …): the file <name>.<lang>.<ext> beside the dataset (default: the dataset's own language)")
}

// selectFlags choose and order personas.
type selectFlags struct {
	sel deck.Selection
}

func (s *selectFlags) add(f *pflag.FlagSet) {
	f.StringSliceVar(&s.sel.Only, "only", nil, "only these persona ids (comma-separated)")
	f.StringSliceVar(&s.sel.Categories, "category", nil, "only personas of these category ids (comma-separated)")
	f.StringSliceVar(&s.sel.Exclude, "exclude", nil, "leave out these persona ids (comma-separated)")
	f.StringVar(&s.sel.Sort, "sort", "", `order: "" for the dataset's, or "name" (alphabetical in the deck's language)`)
}

func newValidateCmd(env Env) *cobra.Command {
	var df dataFlags
	var layouts []string
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Check a dataset against layouts, reporting every problem at once",
		Long: `Check a dataset the way 'cardgen build' does, without writing anything:
required and unknown fields, duplicate ids, categories, country codes, colours,
images, characters the font lacks, and text that cannot fit a layout's cards at
the minimum size. Every problem is reported with its file, line, persona and
field. Exit 1 when there is any.`,
		Example: `  cardgen validate --data mes-personas.csv
  cardgen validate --data deck.yaml --layout a4 --layout a4-poker`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			msg, err := build.Validate(build.ValidateOptions{Data: df.data, Format: df.format, Lang: df.lang, Layouts: layouts})
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, msg)
			return nil
		},
	}
	df.add(cmd.Flags(), "format")
	cmd.Flags().StringArrayVarP(&layouts, "layout", "l", nil, "layout to check the cards against; repeat for several (default a4)")
	return cmd
}

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
			if to == "" && out != "" {
				to = strings.TrimPrefix(filepath.Ext(out), ".")
			}
			if to == "" {
				to = "yaml"
			}
			if _, err := deck.ParseFormat(to); err != nil {
				return usageError{err}
			}
			if out == "" && deck.Binary(to) && isTerminal(env.Stdout) {
				return usageError{fmt.Errorf("a .%s workbook is a binary file, not for the terminal: write it to a file with --out, such as --out mes-personas.%s", to, to)}
			}
			data, d, err := build.Export(build.ExportOptions{Data: df.data, Format: df.format, Lang: df.lang, To: to})
			if err != nil {
				return err
			}
			if out == "" {
				out = fileout.StdoutName
			}
			if err := fileout.Write([]fileout.File{{Path: out, Data: data}}, fileout.Options{Stdout: env.Stdout}); err != nil {
				return err
			}
			if out != fileout.StdoutName {
				fmt.Fprintf(env.Stdout, "%s: %d personas in %s\n", out, len(d.Personas), to)
			}
			return nil
		},
	}
	df.add(cmd.Flags(), "data-format")
	cmd.Flags().StringVar(&to, "format", "", "format to write: "+strings.Join(deck.Formats, ", ")+" (default: from --out's extension, else yaml)")
	cmd.Flags().StringVarP(&out, "out", "o", "", "file to write, or - for standard output (the default)")
	return cmd
}
