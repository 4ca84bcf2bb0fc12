package deck_test

import (
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
)

// TestNaturalHeaders: a spreadsheet headed with the card's own words
// ("Conditions de travail", "Impact environnemental") or common synonyms
// ("Prénom", "Métier", "First name") reads, in either language, and its
// names decide the deck's language.
func TestNaturalHeaders(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, src, lang string }{
		{"fr.csv", "Prénom;Métier;Pays;Catégorie;Texte;Conditions de travail;Impact environnemental;Mots-clés\n" +
			"Awa;Cueilleuse;Côte d’Ivoire;Extraction;Je récolte.;Dur;Pollution;mines\n", "fr"},
		{"fr2.csv", "Personnage;Profession;Pays;Témoignage;Conditions de travail;Photo\nAwa;Cueilleuse;Côte d’Ivoire;Je récolte.;Dur;\n", "fr"},
		{"en.csv", "First name,Job,Country,Text,Working conditions,Environmental impact,Keywords\n" +
			"Awa,Picker,Côte d’Ivoire,I pick.,Hard,Pollution,mines\n", "en"},
		{"en2.csv", "Character,Occupation,Country,Story,Working Conditions,Picture\nAwa,Picker,Côte d’Ivoire,I pick.,Hard,\n", "en"},
	} {
		d, err := deck.Read(tt.name, []byte(tt.src), "")
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		p := d.Personas[0]
		if p.Name != "Awa" || p.Role == "" || p.Text == "" || len(p.Conditions) != 1 || p.Conditions[0] != "Hard" && p.Conditions[0] != "Dur" {
			t.Errorf("%s: %+v", tt.name, p)
		}
		if strings.Contains(tt.src, "mpact") && p.Impact != "Pollution" {
			t.Errorf("%s: impact %q", tt.name, p.Impact)
		}
		if strings.Contains(tt.src, "ots") && (len(p.Tags) != 1 || p.Tags[0] != "mines") {
			t.Errorf("%s: tags %q", tt.name, p.Tags)
		}
		if d.Language != tt.lang {
			t.Errorf("%s: language %q; want %q", tt.name, d.Language, tt.lang)
		}
	}
}

// TestUnknownHeaders: an unknown column of several words gets a "did you
// mean" too, from the word that names a field; the columns cardgen knows
// are listed once, for the first unknown column with no likely meaning.
func TestUnknownHeaders(t *testing.T) {
	t.Parallel()
	src := "Nom de famille;Rôle;Pays;Texte;Conditions de vie;Impact sur l'environnement;Lieu;Humeur;Saison\nA;B;France;T;C;I;x;y;z\n"
	_, err := deck.Read("h.csv", []byte(src), "")
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{
		`cell A1 (column "Nom de famille"): unknown column; did you mean "nom"?`,
		`cell E1 (column "Conditions de vie"): unknown column; did you mean "conditions"?`,
		`cell F1 (column "Impact sur l'environnement"): unknown column; did you mean "impact"?`,
		`cell G1 (column "Lieu"): unknown column; the columns may be id (identifiant), name (nom),`,
		`cell H1 (column "Humeur"): unknown column; see the columns cardgen knows, listed for cell G1`,
		`cell I1 (column "Saison"): unknown column; see the columns cardgen knows, listed for cell G1`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("no %q in\n%s", want, msg)
		}
	}
	if n := strings.Count(msg, "the columns may be"); n != 1 {
		t.Errorf("the columns are listed %d times; want once:\n%s", n, msg)
	}
}
