package deck_test

import (
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
)

// TestReadPartial: a deck with problems comes back with them from
// ReadPartial, as far as it could be read, for the checks that can still
// run; never from Read.
func TestReadPartial(t *testing.T) {
	t.Parallel()
	src := `deck: {title: T, language: fr}
categories: [{id: c, label: C, color: "#1D6A80"}]
personas:
  - {id: a, name: A, role: R, country_code: DE, category: c, text: T., conditions: [X], rôle: Y}
`
	d, err := deck.ReadPartial("p.yaml", []byte(src), "")
	if err == nil || !strings.Contains(err.Error(), `"rôle": unknown field`) || d == nil || len(d.Personas) != 1 || d.Personas[0].Text != "T." {
		t.Errorf("ReadPartial: %v, %v", d, err)
	}
	if d, err := deck.Read("p.yaml", []byte(src), ""); d != nil || err == nil {
		t.Errorf("Read: %v, %v", d, err)
	}
	if d, err := deck.ReadPartial("p.yaml", []byte("personas: [\n"), ""); d != nil || err == nil {
		t.Errorf("ReadPartial of broken YAML: %v, %v", d, err)
	}
}

// TestTitleGiven: a spreadsheet or Markdown deck records where its title is
// when it gives one, so that a deck titled by its file's name can be told
// apart.
func TestTitleGiven(t *testing.T) {
	t.Parallel()
	body := "nom;rôle;pays;texte;conditions\nHao;R;Chine;T.;C\n"
	md := "### Hao\n\nR\n\nChine\n\nT.\n\n- C\n"
	for _, tt := range []struct {
		name, src string
		given     bool
	}{
		{"a.csv", body, false}, {"a.csv", "titre;Mon jeu\n" + body, true},
		{"a.md", md, false}, {"a.md", "# Mon jeu\n\n" + md, true},
	} {
		d, err := deck.Read(tt.name, []byte(tt.src), "")
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := d.Fields["title"]; ok != tt.given {
			t.Errorf("%s %.12q: title given %v, want %v (title %q)", tt.name, tt.src, ok, tt.given, d.Title)
		}
	}
}
