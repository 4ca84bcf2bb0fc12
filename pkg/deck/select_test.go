package deck_test

import (
	"errors"
	"slices"
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
		// Issue 10 §5: --only keeps the order given (it gave hao,kim,walter).
		{"only, in the order given", deck.Selection{Only: []string{"walter", "hao", "kim"}}, "walter,hao,kim"},
		{"only, each once", deck.Selection{Only: []string{"kim", " hao", "kim"}}, "kim,hao"},
		{"only, sorted by the deck", deck.Selection{Only: []string{"walter", "hao", "kim"}, Sort: deck.SortDeck}, "hao,kim,walter"},
		{"category", deck.Selection{Categories: []string{"creation"}}, "lucia,kim,hayao,walter"},
		// Issue 10 §5: a category by id or label, any case, with or without accents.
		{"category by label", deck.Selection{Categories: []string{"Travail du clic"}}, "fara,sana,arjun,amina,sofia,akinyi,raj,carlos,li-wei"},
		{"category by label, as a slug", deck.Selection{Categories: []string{"travail-du-clic"}}, "fara,sana,arjun,amina,sofia,akinyi,raj,carlos,li-wei"},
		{"category in capitals", deck.Selection{Categories: []string{"CLICKWORK"}}, "fara,sana,arjun,amina,sofia,akinyi,raj,carlos,li-wei"},
		{"category without accents", deck.Selection{Categories: []string{"creation", "modération"}}, "lucia,kim,hayao,walter,maria-luz"},
		{"category and exclude", deck.Selection{Categories: []string{"extraction", "moderation"}, Exclude: []string{"koffi"}}, "hao,maria-luz"},
		{"only and category", deck.Selection{Only: []string{"hao", "kim"}, Categories: []string{"creation"}}, "kim"},
		{"sort by name", deck.Selection{Categories: []string{"clickwork"}, Sort: "name"}, "akinyi,amina,arjun,carlos,fara,li-wei,raj,sana,sofia"},
		{"sort by country", deck.Selection{Only: []string{"hao", "koffi", "walter", "lucia"}, Sort: deck.SortCountry}, "hao,lucia,walter,koffi"},
		{"sort by category", deck.Selection{Only: []string{"walter", "akinyi", "hao"}, Sort: deck.SortCategory}, "hao,akinyi,walter"},
		{"unknown ids", deck.Selection{Only: []string{"kofi", "zzz"}, Exclude: []string{"wlater"}}, `only "kofi": unknown persona; did you mean "koffi"?` + "\n" + `only "zzz": unknown persona; run cardgen list to see the ids` + "\n" + `exclude "wlater": unknown persona; did you mean "walter"?`},
		{"unknown category", deck.Selection{Categories: []string{"extration"}}, `categories "extration": unknown category; did you mean "extraction"?`},
		{"unknown tag", deck.Selection{Tags: []string{"mines"}}, `tags "mines": unknown tag; no persona has this tag`},
		{"unknown sort", deck.Selection{Sort: "nmae"}, `sort "nmae": unknown order; did you mean "name"?`},
		// Issue 15: a list given with nothing in it is not "every persona".
		{"only, empty", deck.Selection{Only: []string{}}, `only "": names no persona; give one or more, separated by commas (cardgen list shows them)`},
		{"only, commas", deck.Selection{Only: []string{"", "", " "}}, `only ",, ": names no persona; give one or more, separated by commas (cardgen list shows them)`},
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

// TestSelectTags: --tag keeps the personas with any of the tags named, in
// any case, with or without accents.
func TestSelectTags(t *testing.T) {
	t.Parallel()
	src := "nom;rôle;pays;texte;conditions;étiquettes\n" +
		"Ana;R;France;T;C;Mines, Afrique\nBen;R;France;T;C;Asie\nCléo;R;France;T;C;Afrique\nDan;R;France;T;C;\n"
	d, err := deck.Read("t.csv", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		tags []string
		want string
	}{
		{[]string{"afrique"}, "ana,cleo"},
		{[]string{"MINES", "asie"}, "ana,ben"},
	} {
		got, err := deck.Select(d, deck.Selection{Tags: tt.tags})
		if err != nil || ids(got) != tt.want {
			t.Errorf("tags %q: %v, %v; want %s", tt.tags, ids(got), err, tt.want)
		}
	}
	_, err = deck.Select(d, deck.Selection{Tags: []string{"asia"}})
	if err == nil || err.Error() != `tags "asia": unknown tag; did you mean "Asie"?` {
		t.Errorf("unknown tag: %v", err)
	}
}

// TestSelectKeepsNumbers: issue 10 §4. A card keeps its number in the whole
// deck in any selection, through selections of selections.
func TestSelectKeepsNumbers(t *testing.T) {
	t.Parallel()
	d, err := deck.LoadFS(data.FS, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	koffi, err := deck.Select(d, deck.Selection{Only: []string{"koffi"}})
	if err != nil {
		t.Fatal(err)
	}
	if place, total := koffi.Number(0); place != 2 || total != 20 {
		t.Errorf("--only koffi: %d/%d, want 2/20", place, total)
	}
	noKim, _ := deck.Select(d, deck.Selection{Exclude: []string{"kim"}})
	again, _ := deck.Select(noKim, deck.Selection{Sort: deck.SortName})
	for _, sel := range []*deck.Deck{noKim, again} {
		for i, p := range sel.Personas {
			want := 1 + slices.IndexFunc(d.Personas, func(q deck.Persona) bool { return q.ID == p.ID })
			if place, total := sel.Number(i); place != want || total != 20 {
				t.Errorf("%s: %d/%d, want %d/20", p.ID, place, total, want)
			}
		}
	}
	if place, total := d.Number(4); place != 5 || total != 20 {
		t.Errorf("whole deck, card 5: %d/%d", place, total)
	}
}

func TestParseSort(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]deck.Sort{"": deck.SortDefault, "Name": deck.SortName, "country": deck.SortCountry, "deck": deck.SortDeck, "category": deck.SortCategory} {
		if got, err := deck.ParseSort(in); err != nil || got != want {
			t.Errorf("ParseSort(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := deck.ParseSort("age"); err == nil || err.Error() != `sort "age": use deck, name, country or category` {
		t.Errorf("ParseSort(age): %v", err)
	}
}
