package cli

import (
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/layout"
)

func newLayoutsCmd(env Env) *cobra.Command {
	var show string
	cmd := &cobra.Command{
		Use:   "layouts",
		Short: "List the built-in layouts, or print one to copy and edit",
		Long: `List the built-in layouts, or print one with --show: every field, defaults
included, as a layout file to copy and edit. --show also takes a layout file,
to see what its base: and the defaults make of it.`,
		Example: `  cardgen layouts
  cardgen layouts --show a4 > my-layout.yaml   # edit it, then: cardgen build --layout ./my-layout.yaml
  cardgen layouts --show ./my-layout.yaml      # the layout as cardgen reads it`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			if show != "" {
				return showLayout(env, show)
			}
			w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "NAME\tCARD\tSHEET\tCARDS/SHEET\tDESCRIPTION")
			for _, name := range layouts.Names() {
				s, err := layout.Builtin(name)
				if err != nil {
					return err
				}
				fmt.Fprintf(w, "%s\t%s × %s mm\t%s\t%d\t%s\n", name, layout.MM(s.Card.W), layout.MM(s.Card.H), s.Paper, s.PerSheet(), s.Description)
			}
			return w.Flush()
		},
	}
	cmd.Flags().StringVar(&show, "show", "", "print a layout (built-in name or file) with every field, defaults included")
	return cmd
}

// showLayout prints a layout resolved: its bases merged, defaults written
// out, under the comment its own file starts with.
func showLayout(env Env, nameOrPath string) error {
	s, err := build.LoadLayout(nameOrPath)
	if err != nil {
		return err
	}
	var data []byte
	if s.FromFile {
		data, err = os.ReadFile(s.Source)
	} else {
		data, err = layouts.FS.ReadFile(s.Source)
	}
	if err != nil {
		return err
	}
	_, err = env.Stdout.Write(s.YAML(layout.LeadingComment(data)))
	return err
}

func newListCmd(env Env) *cobra.Command {
	var df dataFlags
	var sf selectFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the personas of a deck",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			ed, err := build.LoadEdition(df.data, df.format, df.lang)
			if err != nil {
				return err
			}
			d, err := deck.Select(ed.Deck, sf.sel)
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "#\tID\tNAME\tROLE\tCOUNTRY\tCATEGORY")
			for i, p := range d.Personas {
				fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s (%s)\t%s\n", i+1, p.ID, p.Name, p.Role, p.Country, p.CountryCode, p.Category)
			}
			return w.Flush()
		},
	}
	df.add(cmd.Flags(), "format")
	sf.add(cmd.Flags())
	return cmd
}
