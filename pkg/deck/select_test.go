package deck_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/deck"
)

func ids(d *deck.Deck) string {
	var out []string
	for _, p := range d.Personas {
		out = append(out, p.ID)
	}
	return strings.Join(out, ",")
}

func TestSelect(t *testing.T) {
	d, err := deck.LoadFS(data.FS, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		sel  deck.Selection
		want string // ids, or the error's text
	}{
		{"all", deck.Selection{}, ids(d)},
		{"only, in dataset order", deck.Selection{Only: []string{"walter", "hao", "kim"}}, "hao,kim,walter"},
		{"category", deck.Selection{Categories: []string{"creation"}}, "lucia,kim,hayao,walter"},
		{"category and exclude", deck.Selection{Categories: []string{"extraction", "moderation"}, Exclude: []string{"koffi"}}, "hao,maria-luz"},
		{"only and category", deck.Selection{Only: []string{"hao", "kim"}, Categories: []string{"creation"}}, "kim"},
		{"sort by name", deck.Selection{Categories: []string{"clickwork"}, Sort: "name"}, "akinyi,amina,arjun,carlos,fara,li-wei,raj,sana,sofia"},
		{"unknown ids", deck.Selection{Only: []string{"kofi", "zzz"}, Exclude: []string{"wlater"}}, `unknown persona "kofi"; did you mean "koffi"?` + "\n" + `unknown persona "zzz"; run cardgen list to see the ids` + "\n" + `unknown persona "wlater"; did you mean "walter"?`},
		{"unknown category", deck.Selection{Categories: []string{"extration"}}, `unknown category "extration"; did you mean "extraction"?`},
		{"unknown sort", deck.Selection{Sort: "nmae"}, `unknown sort "nmae"; did you mean "name"?`},
		{"empty", deck.Selection{Only: []string{"hao"}, Exclude: []string{"hao"}}, "the selection leaves no persona (only hao; exclude hao)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := deck.Select(d, tt.sel)
			if err != nil {
				if err.Error() != tt.want {
					t.Errorf("error %q, want %q", err, tt.want)
				}
				return
			}
			if ids(got) != tt.want {
				t.Errorf("got %s, want %s", ids(got), tt.want)
			}
		})
	}
	if _, err := deck.Select(d, deck.Selection{Exclude: []string{"hao"}, Only: []string{"hao"}}); !errors.Is(err, deck.ErrEmptySelection) {
		t.Errorf("empty selection: %v", err)
	}
	// The original deck is untouched.
	sel, _ := deck.Select(d, deck.Selection{Sort: "name"})
	sel.Personas[0].Conditions[0] = "changed"
	if len(d.Personas) != 20 || d.Personas[0].ID != "hao" || strings.Contains(strings.Join(d.Personas[0].Conditions, ""), "changed") ||
		strings.Contains(strings.Join(d.Personas[2].Conditions, ""), "changed") {
		t.Error("Select changed its input")
	}
}

// TestSortCollation checks the deck language's collation: accents sort
// with their letters in French, ties are broken by id.
func TestSortCollation(t *testing.T) {
	src := "nom;rôle;pays;texte;conditions;identifiant\n" +
		"Zoé;R;France;T;C;zoe\nÉmile;R;France;T;C;emile\nelodie;R;France;T;C;elodie\nEva;R;France;T;C;eva\n" +
		"Åsa;R;France;T;C;asa\nAlbert;R;France;T;C;albert-2\nAlbert;R;France;T;C;albert-1\n"
	d, err := deck.Read("c.csv", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	got, err := deck.Select(d, deck.Selection{Sort: "name"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "albert-1,albert-2,asa,elodie,emile,eva,zoe"; ids(got) != want {
		t.Errorf("fr: %s, want %s", ids(got), want)
	}
	// In Swedish, å comes after z.
	d.Language = "sv"
	got, _ = deck.Select(d, deck.Selection{Sort: "name"})
	if want := "albert-1,albert-2,elodie,emile,eva,zoe,asa"; ids(got) != want {
		t.Errorf("sv: %s, want %s", ids(got), want)
	}
}
