package cli

import (
	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/app"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/layout"
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
func deckFor(cmd *cobra.Command) *deck.Deck {
	data, _ := cmd.Flags().GetString("data")
	ed, _, err := app.Load(app.Dataset{Path: data})
	if err != nil {
		return nil
	}
	return ed.Deck
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
	return app.Languages(app.Dataset{Path: data}), cobra.ShellCompDirectiveNoFileComp
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
	reg("duplex", fixedValues(words(layout.Duplexes)...))
	reg("faces", fixedValues(words(layout.FacesChoices)...))
	reg("sort", fixedValues(words(deck.Sorts)...))
	reg("paper", fixedValues(words(app.Papers)...))
	reg("tag", completeTags)
	reg("data-format", fixedValues(deck.Formats...))
	if cmd.Name() == "preview" {
		reg("format", fixedValues(words(app.PictureFormats)...)) // the pictures' format
	} else {
		reg("format", fixedValues(deck.Formats...))
	}
	for _, sub := range cmd.Commands() {
		registerCompletions(sub)
	}
}

// words lists a closed set of words as strings.
func words[T ~string](set []T) []string {
	out := make([]string, len(set))
	for i, w := range set {
		out[i] = string(w)
	}
	return out
}

func completeTags(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	var tags []string
	if d := deckFor(cmd); d != nil {
		seen := map[string]bool{}
		for _, p := range d.Personas {
			for _, t := range p.Tags {
				if !seen[t] {
					seen[t] = true
					tags = append(tags, t)
				}
			}
		}
	}
	return tags, cobra.ShellCompDirectiveNoFileComp
}
