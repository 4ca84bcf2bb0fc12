package deck_test

import (
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
)

// TestCategoryRowNames: a spreadsheet's category row may give a name
// where the id goes, as persona rows do ("Livraison"): the id is made from
// it and it is the label when none is given; a category given only an id
// gets a label that reads as words, not the id in lower case.
func TestCategoryRowNames(t *testing.T) {
	t.Parallel()
	src := "titre;T\n" +
		"catégorie;Livraison;;#2E6B3F\n" +
		"catégorie;Travail à domicile\n" +
		"catégorie;livraison-express\n" +
		"catégorie;Entrepôts;Logistique et entrepôts\n" +
		"catégorie;Extraction\n" +
		"nom;rôle;pays;catégorie;texte;conditions\n" +
		"A;R;France;Livraison;T;C\nB;R;France;travail à domicile;T;C\nC;R;France;livraison-express;T;C\nD;R;France;entrepots;T;C\nE;R;France;extraction;T;C\n"
	d, err := deck.Read("cats.csv", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	want := []deck.Category{
		{ID: "livraison", Label: "Livraison", Color: deck.RGB{R: 0x2E, G: 0x6B, B: 0x3F}},
		{ID: "travail-a-domicile", Label: "Travail à domicile"},
		{ID: "livraison-express", Label: "Livraison express"},
		{ID: "entrepots", Label: "Logistique et entrepôts"},
		// The built-in category, under the name written, in its colour.
		{ID: "extraction", Label: "Extraction", Color: deck.RGB{R: 0x8A, G: 0x4B, B: 0x14}},
	}
	if len(d.Categories) != len(want) {
		t.Fatalf("%d categories: %+v", len(d.Categories), d.Categories)
	}
	for i, w := range want {
		c := d.Categories[i]
		if c.ID != w.ID || c.Label != w.Label || w.Color != (deck.RGB{}) && c.Color != w.Color {
			t.Errorf("category %d: %s %q %v; want %s %q %v", i+1, c.ID, c.Label, c.Color, w.ID, w.Label, w.Color)
		}
	}
	for i, p := range d.Personas {
		if p.Category != want[i].ID {
			t.Errorf("%s: category %q; want %q", p.Name, p.Category, want[i].ID)
		}
	}
}
