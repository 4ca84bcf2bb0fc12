package app

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"
)

func TestPlacePaths(t *testing.T) {
	t.Parallel()
	one := []File{{Name: "personas-a4.pdf"}}
	two := []File{{Name: "personas-a4.pdf"}, {Name: "personas-tarot.pdf"}}
	split := []File{{Name: "personas-a4-fronts.pdf", Part: "fronts"}, {Name: "personas-a4-backs.pdf", Part: "backs"}}
	fonts := []File{{Name: "cards.svg"}, {Name: "fonts/Lato-Regular.ttf", Aux: true}}
	pdf := []string{".pdf"}
	for _, tt := range []struct {
		name  string
		pl    Place
		files []File
		want  []string
	}{
		{"default folder", Place{Dir: "out", Exts: pdf}, two, []string{"out/personas-a4.pdf", "out/personas-tarot.pdf"}},
		{"a folder", Place{Out: "release", Dir: "out", Exts: pdf}, one, []string{"release/personas-a4.pdf"}},
		{"the file itself", Place{Out: "deck.PDF", Dir: "out", Exts: pdf}, one, []string{"deck.PDF"}},
		{"a split file", Place{Out: "x/deck.pdf", Exts: pdf}, split, []string{"x/deck-fronts.pdf", "x/deck-backs.pdf"}},
		{"standard output", Place{Out: "-", Exts: pdf}, one, []string{"-"}},
		{"fonts beside a file", Place{Out: "slides/cards.svg", Exts: []string{".svg"}}, fonts, []string{"slides/cards.svg", "slides/fonts/Lato-Regular.ttf"}},
		{"fonts in a folder", Place{Out: "slides", Exts: []string{".svg"}}, fonts, []string{"slides/cards.svg", "slides/fonts/Lato-Regular.ttf"}},
	} {
		got, err := tt.pl.Paths(tt.files)
		for i := range tt.want {
			tt.want[i] = filepath.FromSlash(tt.want[i])
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	for _, tt := range []struct {
		name  string
		pl    Place
		files []File
		want  string
	}{
		{"one file for two", Place{Out: "deck.pdf", Exts: pdf}, two, `output "deck.pdf": names one file, but this makes 2 files; give a folder instead`},
		{"standard output for two", Place{Out: "-", Exts: pdf}, two, `output - writes one file to standard output, but this makes 2 files; give a folder instead`},
		{"standard output for a split", Place{Out: "-", Exts: pdf}, split, `output - writes one file to standard output, but this makes 2 files; give a folder instead`},
	} {
		_, err := tt.pl.Paths(tt.files)
		var oe *OptionError
		if !errors.As(err, &oe) || oe.Option != OptOut || err.Error() != tt.want {
			t.Errorf("%s: %v; want %q", tt.name, err, tt.want)
		}
	}
}
