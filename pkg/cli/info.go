package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/pkg/app"
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
				data, err := app.ShowLayout(show)
				if err != nil {
					return err
				}
				_, err = env.Stdout.Write(data)
				return err
			}
			list, err := app.Layouts()
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "NAME\tCARD\tSHEET\tCARDS/SHEET\tDESCRIPTION")
			for _, l := range list {
				fmt.Fprintf(w, "%s\t%s × %s mm\t%s\t%d\t%s\n", l.Name, layout.MM(l.Card.W), layout.MM(l.Card.H), l.Paper, l.PerSheet, l.Description)
			}
			return w.Flush()
		},
	}
	cmd.Flags().StringVar(&show, "show", "", "print a layout (built-in name or file) with every field, defaults included")
	return cmd
}

func newListCmd(env Env) *cobra.Command {
	var df dataFlags
	var sf selectFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the personas of a deck",
		Long: `List the personas of a deck, with the number each card prints (its place in
the whole deck, whatever is selected) and the country as the card names it.`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			rows, warnings, err := app.List(app.ListOptions{Dataset: df.ds, Select: sf.sel})
			if err != nil {
				return err
			}
			warn(env.Stderr, warnings)
			w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "#\tID\tNAME\tROLE\tCOUNTRY\tCATEGORY")
			for _, r := range rows {
				fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s (%s)\t%s\n", r.Number, r.ID, r.Name, r.Role, r.Country, r.CountryCode, r.Category)
			}
			return w.Flush()
		},
	}
	df.add(cmd.Flags(), "format")
	sf.add(cmd.Flags())
	return cmd
}
