package cli

import (
	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
)

// Shell completion (cardgen completion bash|zsh|fish|powershell) completes
// layout names, languages, persona and category ids, and flag values.

func fixedValues(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeLayouts offers the built-in layouts, and files for one's own.
func completeLayouts(_ *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	return layouts.Names(), cobra.ShellCompDirectiveDefault
}

// deckFor loads the dataset the command line names so far (--data), in its
// own language; nil when it cannot be read.
func deckFor(cmd *cobra.Command) *build.Edition {
	data, _ := cmd.Flags().GetString("data")
	ed, err := build.LoadEdition(data, "", "")
	if err != nil {
		return nil
	}
	return ed
}

func completePersonas(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	var ids []string
	if ed := deckFor(cmd); ed != nil {
		for _, p := range ed.Personas {
			ids = append(ids, p.ID+"\t"+p.Name)
		}
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

func completeCategories(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	var ids []string
	if ed := deckFor(cmd); ed != nil {
		for _, c := range ed.Categories {
			ids = append(ids, c.ID+"\t"+c.Label)
		}
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

func completeLanguages(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	data, _ := cmd.Flags().GetString("data")
	return build.Languages(data), cobra.ShellCompDirectiveNoFileComp
}

// registerCompletions attaches completion functions to the flags cmd has.
func registerCompletions(cmd *cobra.Command) {
	reg := func(flag string, fn func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective)) {
		if cmd.Flags().Lookup(flag) != nil {
			_ = cmd.RegisterFlagCompletionFunc(flag, fn)
		}
	}
	reg("layout", completeLayouts)
	reg("show", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return layouts.Names(), cobra.ShellCompDirectiveNoFileComp
	})
	reg("lang", completeLanguages)
	reg("only", completePersonas)
	reg("exclude", completePersonas)
	reg("category", completeCategories)
	reg("duplex", fixedValues("long", "short", "none"))
	reg("faces", fixedValues("both", "fronts", "backs"))
	reg("sort", fixedValues("name"))
	// The dataset formats, from deck's registry: --format names one on
	// every command that reads a dataset, and the output on export;
	// preview's --format is the pictures' format.
	reg("data-format", fixedValues(deck.Formats...))
	if cmd.Name() == "preview" {
		reg("format", fixedValues("png", "svg"))
	} else {
		reg("format", fixedValues(deck.Formats...))
	}
	for _, sub := range cmd.Commands() {
		registerCompletions(sub)
	}
}
